export {
  seedTemplate,
  templateSetup,
  type SeedTemplateOptions,
  type SeededTemplate,
  type TemplateSeedContext,
} from './seed-template.js';
export { openClone, type CloneOptions, type OpenClone, type TestClone } from './clone-session.js';
export { cloneFixture, useClone, type CloneHooks } from './clone-fixtures.js';
export type { OrmInstances, TypeOrmCloneOptions } from './orm-instances.js';
