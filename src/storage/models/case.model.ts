import { Schema, type Connection, type Types } from 'mongoose';
import { caseStatuses, type CaseStatus } from '../../cases/status.js';
import { priorities, type Priority } from '../../config/workspace.js';
import type { CaseClocks } from '../../sla/case-clocks.js';
import type { SlaClock } from '../../sla/clock.js';

export interface StoredActor {
  platform: 'slack' | 'teams';
  userId: string;
  name?: string;
}

/** A specialist asked to help on the case, and where they were asked. */
export interface CaseSpecialist {
  personId: string;
  platform: 'slack' | 'teams';
  tag: string;
  pulledAt: Date;
  /** Their first message in the specialist thread: stops the specialist nag, feeds reports. */
  firstReplyAt: Date | null;
}

/** The Teams thread specialists talk in; the outbox key of its first message finds it. */
export interface SpecialistThread {
  platform: 'teams';
  channel: string;
  rootKey: string;
}

/** How a case was resolved: the cause and fix the customer reads, and a note they never see. */
export interface CaseResolution {
  cause: string;
  fix: string;
  note: string | null;
  by: StoredActor;
  at: Date;
}

/** The customer's answer to a resolution summary; a later answer replaces the earlier. */
export interface CustomerAnswer {
  verdict: 'solved' | 'still_broken' | null;
  rating: number | null;
  by: StoredActor;
  at: Date;
}

export interface NextDue {
  key: string;
  at: Date;
  slot: string;
}

export interface CaseSuggestion {
  tags: string[];
  priority: Priority | null;
  reason: string;
}

export interface CaseDocument {
  _id: Types.ObjectId;
  workspace: string;
  number: number;
  key: string;
  title: string;
  description: string;
  requester: StoredActor;
  account: string | null;
  source: { platform: 'slack' | 'teams'; via: string; channel: string | null; ts: string | null; permalink: string | null };
  sourceKey: string;
  status: CaseStatus;
  priority: Priority;
  assignee: string | null;
  tags: string[];
  specialists: CaseSpecialist[];
  specialistThread: SpecialistThread | null;
  /** The SLA clocks (null on cases opened before tugi kept them). */
  sla: CaseClocks | null;
  /** Nags about this case wait until then. */
  snoozedUntil: Date | null;
  /** Since when the case waits on the customer, while it does (for the reminder and auto-resolution). */
  waitingSince: Date | null;
  /** Set while the case is resolved (by the team, or automatically): the auto-close counts from it. */
  resolvedAt: Date | null;
  /** The first resolution, kept through reopens: time to resolution is measured to it. */
  firstResolvedAt: Date | null;
  /** The latest resolution by the team (kept after a reopen, until the next one). */
  resolution: CaseResolution | null;
  customerAnswer: CustomerAnswer | null;
  /** The model's triage suggestion, shown on the card until an agent accepts or dismisses it. */
  suggestion: CaseSuggestion | null;
  reopenCount: number;
  /** What the case last contributed to the reports (CaseFacts as JSON), and how many times that changed. */
  reported: { seq: number; facts: string } | null;
  /** The earliest due point not acted on yet, and the due-queue slot it is filed under. */
  nextDue: NextDue | null;
  /** Keys of the due points acted on: each is acted on once (see src/reminders/). */
  dueDone: string[];
  firstResponseAt: Date | null;
  lastCustomerActivityAt: Date;
  lastActivityAt: Date;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

const clockSchema = new Schema<SlaClock>(
  {
    target: { minutes: { type: Number, required: true }, business: { type: Boolean, required: true } },
    startedAt: { type: Date, required: true },
    usedMinutes: { type: Number, required: true },
    runningSince: { type: Date, default: null },
    stoppedAt: { type: Date, default: null },
  },
  { _id: false },
);

const actorSchema = new Schema<StoredActor>({ platform: String, userId: String, name: String }, { _id: false });

const caseSchema = new Schema<CaseDocument>(
  {
    workspace: { type: String, required: true },
    number: { type: Number, required: true },
    key: { type: String, required: true },
    title: { type: String, required: true },
    description: { type: String, default: '' },
    requester: { type: actorSchema, required: true },
    account: { type: String, default: null },
    source: {
      platform: { type: String, required: true },
      via: { type: String, required: true },
      channel: { type: String, default: null },
      ts: { type: String, default: null },
      permalink: { type: String, default: null },
    },
    /** `channel:ts` of the originating message, or `command:<trigger>`: one case per source. */
    sourceKey: { type: String, required: true },
    status: { type: String, enum: caseStatuses, required: true },
    priority: { type: String, enum: priorities, required: true },
    assignee: { type: String, default: null },
    tags: { type: [String], default: [] },
    specialists: {
      type: [
        new Schema<CaseSpecialist>(
          { personId: String, platform: String, tag: String, pulledAt: Date, firstReplyAt: { type: Date, default: null } },
          { _id: false },
        ),
      ],
      default: [],
    },
    specialistThread: {
      type: new Schema<SpecialistThread>({ platform: String, channel: String, rootKey: String }, { _id: false }),
      default: null,
    },
    sla: {
      type: new Schema<CaseClocks>({ firstResponse: { type: clockSchema, required: true }, resolution: { type: clockSchema, required: true } }, { _id: false }),
      default: null,
    },
    snoozedUntil: { type: Date, default: null },
    waitingSince: { type: Date, default: null },
    nextDue: {
      type: new Schema<NextDue>({ key: String, at: Date, slot: String }, { _id: false }),
      default: null,
    },
    dueDone: { type: [String], default: [] },
    resolvedAt: { type: Date, default: null },
    firstResolvedAt: { type: Date, default: null },
    resolution: {
      type: new Schema<CaseResolution>({ cause: String, fix: String, note: { type: String, default: null }, by: actorSchema, at: Date }, { _id: false }),
      default: null,
    },
    customerAnswer: {
      type: new Schema<CustomerAnswer>({ verdict: { type: String, default: null }, rating: { type: Number, default: null }, by: actorSchema, at: Date }, { _id: false }),
      default: null,
    },
    suggestion: {
      type: new Schema<CaseSuggestion>({ tags: [String], priority: { type: String, default: null }, reason: String }, { _id: false }),
      default: null,
    },
    reopenCount: { type: Number, default: 0 },
    reported: { type: new Schema({ seq: Number, facts: String }, { _id: false }), default: null },
    firstResponseAt: { type: Date, default: null },
    lastCustomerActivityAt: { type: Date, required: true },
    lastActivityAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    /** Optimistic concurrency in place of transactions: every change bumps it. */
    version: { type: Number, required: true, default: 1 },
  },
  { collection: 'cases', versionKey: false },
);

caseSchema.index({ workspace: 1, number: 1 }, { unique: true });
caseSchema.index({ workspace: 1, sourceKey: 1 }, { unique: true });
// Grouping window lookup: the open case of a requester in a channel.
caseSchema.index({ workspace: 1, 'source.channel': 1, 'requester.userId': 1, lastCustomerActivityAt: -1 });

export function caseModel(connection: Connection) {
  return connection.model('Case', caseSchema);
}
