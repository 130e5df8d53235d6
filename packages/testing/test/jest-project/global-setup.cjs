const { seedTemplate } = require('@matrixone/testing');
const options = require('./clone-options.cjs');

module.exports = async () => {
  const template = await seedTemplate({
    ...options,
    seed: async ({ client }) => {
      await client.execute('CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(50))');
      await client.bulkInsert('users', [
        { id: 1, name: 'Ada' },
        { id: 2, name: 'Grace' },
      ]);
    },
  });
  console.log(`Seeded the template ${template.template}.`);
  // Jest keeps globalThis from globalSetup for globalTeardown (and shows it to nothing else).
  globalThis.appTemplate = template;
};
