export { register } from './tugi.js';
