/** Moved to `./snapshots/snapshot-manager.ts`; this path stays for imports of the manager by file. */
export { SnapshotManager } from './snapshots/snapshot-manager.js';
