export { SpecialistService, nameOf } from './specialist.service.js';
export { mentionOf, cardKey, specialistRootKey } from './specialist.notifications.js';
export { BridgeService, type ThreadPost, type ThreadRemoval } from './bridge.service.js';
