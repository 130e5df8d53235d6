export { PitrManager } from './pitr/pitr-manager.js';
