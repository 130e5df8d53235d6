export { BranchManager } from './branches/branch-manager.js';
