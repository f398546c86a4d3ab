export * from './resolution.schema.js';
export * from './resolution.service.js';
export * from './resolution.notifications.js';
