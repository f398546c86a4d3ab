export { register } from './resolve-form.js';
