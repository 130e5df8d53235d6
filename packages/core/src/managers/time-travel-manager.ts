/** Moved to `./time-travel/time-travel-manager.ts`; this path stays for imports of the manager by file. */
export { TimeTravelManager } from './time-travel/time-travel-manager.js';
