/** Moved to `./restores/restore-manager.ts`; this path stays for imports of the manager by file. */
export { RestoreManager } from './restores/restore-manager.js';
