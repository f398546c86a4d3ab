import type { Connection } from 'mongoose';
import { caseModel } from './case.model.js';
import { caseEventModel } from './case-event.model.js';
import { caseLinkModel, requesterModel } from './case-pointer.model.js';
import { inboxModel } from './inbox.model.js';
import { outboxModel } from './outbox.model.js';
import { outboxQueueModel } from './outbox-queue.model.js';
import { outboxAnchorModel } from './outbox-anchor.model.js';
import { lockModel } from './lock.model.js';
import { personPickModel } from './person-pick.model.js';
import { conversationModel } from './conversation.model.js';
import { dueCursorModel, dueHourModel, dueSlotModel } from './due-slot.model.js';
import { knowledgeModel } from './knowledge.model.js';
import { settingsChangeModel, settingsModel } from './settings.model.js';
import { installationModel } from './installation.model.js';
import { caseNumberModel } from './case-number.model.js';
import { caseIntentModel } from './case-intent.model.js';
import { reportClaimModel, reportMembersModel, rollupModel } from './report.model.js';

export function createModels(connection: Connection) {
  return {
    cases: caseModel(connection),
    caseEvents: caseEventModel(connection),
    caseLinks: caseLinkModel(connection),
    inbox: inboxModel(connection),
    outbox: outboxModel(connection),
    outboxQueue: outboxQueueModel(connection),
    outboxAnchors: outboxAnchorModel(connection),
    locks: lockModel(connection),
    requesters: requesterModel(connection),
    personPicks: personPickModel(connection),
    conversations: conversationModel(connection),
    dueSlots: dueSlotModel(connection),
    dueCursors: dueCursorModel(connection),
    dueHours: dueHourModel(connection),
    knowledge: knowledgeModel(connection),
    reportClaims: reportClaimModel(connection),
    rollups: rollupModel(connection),
    reportMembers: reportMembersModel(connection),
    settings: settingsModel(connection),
    settingsChanges: settingsChangeModel(connection),
    installations: installationModel(connection),
    caseNumbers: caseNumberModel(connection),
    caseIntents: caseIntentModel(connection),
  };
}

export type Models = ReturnType<typeof createModels>;

/**
 * Creates collections and indexes; the unique ones are what make intake exactly-once. Hot paths
 * look documents up by `_id` alone: FerretDB 1.x on SQLite pushes down no other filter, so every
 * other query scans its collection there (on MongoDB the secondary indexes serve them).
 */
export async function ensureIndexes(models: Models): Promise<void> {
  for (const model of Object.values(models)) {
    await model.createCollection().catch(() => undefined);
    await model.createIndexes();
  }
}

export type { CaseDocument, CaseResolution, CaseSpecialist, CaseSuggestion, CustomerAnswer, NextDue, SpecialistThread } from './case.model.js';
export type { CaseEventDocument } from './case-event.model.js';
export type { OutboxDocument } from './outbox.model.js';
export type { OutboxQueueEntry } from './outbox-queue.model.js';
export type { InboxDocument } from './inbox.model.js';
export type { ConversationDocument } from './conversation.model.js';
export type { DueSlotDocument } from './due-slot.model.js';
export type { SettingsDocument, SettingsChangeDocument } from './settings.model.js';
export type { InstallationDocument } from './installation.model.js';
export type { KnowledgeEntryDocument } from './knowledge.model.js';
