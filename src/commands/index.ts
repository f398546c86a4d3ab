export { parseCommand, commandUsage, type TugiCommand } from './parse.js';
