module.exports = async () => {
  await globalThis.appTemplate?.drop();
};
