export { AccountManager } from './accounts/account-manager.js';
