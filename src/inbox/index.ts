export { Inbox, type InboundEvent, type InboxHandler } from './inbox.js';
