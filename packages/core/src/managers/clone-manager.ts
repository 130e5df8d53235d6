/** Moved to `./clones/clone-manager.ts`; this path stays for imports of the manager by file. */
export { CloneManager } from './clones/clone-manager.js';
