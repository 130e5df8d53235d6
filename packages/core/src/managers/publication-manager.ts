export { PublicationManager } from './publications/publication-manager.js';
