export { Outbox, InternalContentLeakError, type OutboxMessage } from './outbox.js';
export { OutboxDeliverer } from './deliverer.js';
export { OutboxRepository } from './outbox.repository.js';
export { ChannelPacer } from './channel-pacer.js';
