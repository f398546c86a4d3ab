export { Directory, type CustomerChannel } from './directory.js';
