import { z } from 'zod';
import { priorities } from '../config/workspace.js';
import { caseStatuses } from './status.js';

/** Inputs of case operations, validated once at the edge; services receive these types. */
export const actorSchema = z.object({
  platform: z.enum(['slack', 'teams']),
  userId: z.string().min(1).max(64),
  name: z.string().max(200).optional(),
});
export type Actor = z.infer<typeof actorSchema>;

/** tugi itself, on the timeline of what its scheduled jobs do (never accepted from a request). */
export const tugiActor: Actor = { platform: 'slack', userId: 'tugi', name: 'tugi' };

export const intakeVias = ['message', 'reaction', 'shortcut', 'command', 'phone', 'email'] as const;
export type IntakeVia = (typeof intakeVias)[number];

export const limits = { title: 200, description: 20_000 } as const;

export const openCaseSchema = z.object({
  workspace: z.string().min(1),
  title: z.string().trim().min(1, 'A title is required').max(limits.title, `Keep the title under ${limits.title} characters`),
  description: z.string().max(limits.description, `Keep the description under ${limits.description} characters`),
  requester: actorSchema,
  openedBy: actorSchema,
  account: z.string().nullable(),
  via: z.enum(intakeVias),
  source: z.object({
    platform: z.enum(['slack', 'teams']),
    channel: z.string().nullable(),
    ts: z.string().nullable(),
    permalink: z.string().nullable(),
  }),
  /** Identifies the origin; a second open with the same key returns the first case. */
  sourceKey: z.string().min(1),
  at: z.date(),
});
export type OpenCaseInput = z.infer<typeof openCaseSchema>;

const caseRef = { workspace: z.string().min(1), caseId: z.string().regex(/^[a-f0-9]{24}$/), actor: actorSchema };

/** A case and who acts on it: the input of actions that need nothing else (pull in, escalate). */
export const caseRefSchema = z.object(caseRef);
export type CaseRef = z.infer<typeof caseRefSchema>;

export const snoozeSchema = z.object({ ...caseRef, until: z.date() });
export type SnoozeInput = z.infer<typeof snoozeSchema>;

/** Tag edits: `+tag` adds, `-tag` removes; `set` replaces (the card's multi-select). */
export const setTagsSchema = z.object({
  ...caseRef,
  add: z.array(z.string()).default([]),
  remove: z.array(z.string()).default([]),
  set: z.array(z.string()).optional(),
});
export type SetTagsInput = z.infer<typeof setTagsSchema>;

export const assignSchema = z.object({ ...caseRef, assignee: z.string().min(1).max(64) });
export type AssignInput = z.infer<typeof assignSchema>;

export const setPrioritySchema = z.object({ ...caseRef, priority: z.enum(priorities) });
export type SetPriorityInput = z.infer<typeof setPrioritySchema>;

export const changeStatusSchema = z.object({ ...caseRef, status: z.enum(caseStatuses) });
export type ChangeStatusInput = z.infer<typeof changeStatusSchema>;

export const threadMessageSchema = z.object({
  workspace: z.string().min(1),
  channel: z.string().min(1),
  threadTs: z.string().min(1),
  ts: z.string().min(1),
  author: actorSchema,
  fromTeam: z.boolean(),
  text: z.string(),
  at: z.date(),
});
export type ThreadMessageInput = z.infer<typeof threadMessageSchema>;

/** Shortens free text to a one-line title, as help desks do with an e-mail's first line. */
export function titleFromText(text: string, fallback: string): string {
  const firstLine = text.split('\n').map((line) => line.trim()).find((line) => line.length > 0) ?? '';
  const plain = firstLine.replace(/<[@#!][^>]*>/g, '').replace(/\s+/g, ' ').trim() || fallback;
  return plain.length > 120 ? `${plain.slice(0, 119)}…` : plain;
}

export function truncateDescription(text: string): string {
  return text.length > limits.description ? `${text.slice(0, limits.description - 1)}…` : text;
}
