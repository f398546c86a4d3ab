export { register } from './open-case.js';
