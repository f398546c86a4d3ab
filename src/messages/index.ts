export * from './views.js';
export * from './texts.js';
