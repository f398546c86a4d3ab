export { register } from './case-actions.js';
