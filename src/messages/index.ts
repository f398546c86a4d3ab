export * from './views.js';
export * from './texts.js';
export * from './labels.js';
export * from './user-errors.js';
export * from './resolution-texts.js';
