import type { Connection } from 'mongoose';
import { caseModel } from './case.model.js';
import { caseEventModel } from './case-event.model.js';
import { caseLinkModel } from './case-link.model.js';
import { inboxModel } from './inbox.model.js';
import { outboxModel } from './outbox.model.js';
import { lockModel } from './lock.model.js';

export function createModels(connection: Connection) {
  return {
    cases: caseModel(connection),
    caseEvents: caseEventModel(connection),
    caseLinks: caseLinkModel(connection),
    inbox: inboxModel(connection),
    outbox: outboxModel(connection),
    locks: lockModel(connection),
  };
}

export type Models = ReturnType<typeof createModels>;

/** Creates collections and indexes; the unique ones are what make intake exactly-once. */
export async function ensureIndexes(models: Models): Promise<void> {
  for (const model of Object.values(models)) {
    await model.createCollection().catch(() => undefined);
    await model.createIndexes();
  }
}

export type { CaseDocument } from './case.model.js';
export type { CaseEventDocument } from './case-event.model.js';
export type { OutboxDocument } from './outbox.model.js';
export type { InboxDocument } from './inbox.model.js';
