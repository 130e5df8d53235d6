// The server and the template every clone is made from. Jobs sharing one server give each run its own
// APP_TEMPLATE, so their templates (and the clones named after them) never meet.
module.exports = {
  url: process.env.MATRIXONE_URL,
  template: process.env.APP_TEMPLATE ?? 'app_template',
};
