import { z } from 'zod';
import { weekdays } from '../../../src/config/time.js';
import type { AccountForm, PersonForm, SkillForm } from '../../../src/settings/edits.js';
import { setupIds } from './ids.js';

/** What Slack sends for one input's element, whichever kind it is. */
const elementState = z.object({
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
  selected_conversation: z.string().nullish(),
  selected_conversations: z.array(z.string()).nullish(),
  selected_user: z.string().nullish(),
  selected_date: z.string().nullish(),
});
export type FormValues = Record<string, Record<string, z.infer<typeof elementState>>>;
export const formValuesSchema = z.record(z.string(), z.record(z.string(), elementState));

/** Reads one input of a submitted form by its block id. */
export function reader(values: FormValues) {
  const element = (block: string) => values[block]?.[setupIds.value] ?? values[block]?.[setupIds.pick];
  return {
    text: (block: string) => element(block)?.value?.trim() || undefined,
    choice: (block: string) => element(block)?.selected_option?.value ?? undefined,
    choices: (block: string) => element(block)?.selected_options?.map((o) => o.value) ?? [],
    conversation: (block: string) => element(block)?.selected_conversation ?? undefined,
    conversations: (block: string) => element(block)?.selected_conversations ?? [],
    user: (block: string) => element(block)?.selected_user ?? undefined,
    date: (block: string) => element(block)?.selected_date ?? undefined,
    removing: () => (element(setupIds.removeBlock)?.selected_options ?? []).some((o) => o.value === 'remove'),
  };
}

/** A field's own mistake, found before the settings as a whole are checked. */
export class FieldError extends Error {
  constructor(
    readonly block: string,
    message: string,
  ) {
    super(message);
  }
}

/** `P1 30 minutes, P2 4 business hours` → per priority; the durations themselves are checked by the settings schema. */
export function parseTargets(block: string, text: string | undefined): Record<string, string> {
  const targets: Record<string, string> = {};
  for (const part of (text ?? '').split(/[,;\n]/).map((p) => p.trim()).filter(Boolean)) {
    const match = /^(P[1-4])\s*:?\s+(.+)$/i.exec(part);
    if (!match) throw new FieldError(block, `"${part}" is not a target: write a priority and a duration, like "P1 30 minutes, P2 4 business hours"`);
    targets[match[1]!.toUpperCase()] = match[2]!;
  }
  return targets;
}

export function accountFromForm(values: FormValues): AccountForm {
  const read = reader(values);
  const firstResponse = parseTargets('firstResponse', read.text('firstResponse'));
  const resolution = parseTargets('resolution', read.text('resolution'));
  const sla: AccountForm['sla'] = {};
  for (const priority of new Set([...Object.keys(firstResponse), ...Object.keys(resolution)])) {
    sla[priority] = { ...(firstResponse[priority] ? { firstResponse: firstResponse[priority] } : {}), ...(resolution[priority] ? { resolution: resolution[priority] } : {}) };
  }
  return { name: read.text('name') ?? '', language: read.choice('language'), defaultPriority: read.choice('defaultPriority'), channels: read.conversations('channels'), sla, ai: values.ai ? read.choices('ai').includes('on') : undefined };
}

const dayRange = /^(mon|tue|wed|thu|fri|sat|sun)(?:-(mon|tue|wed|thu|fri|sat|sun))?$/;

/** `mon-fri 09:00-17:00; sat 10:00-14:00` → the settings' weekly hours (the shifts are checked by the schema). */
export function parseHours(text: string | undefined): Record<string, string[]> | undefined {
  if (!text) return undefined;
  const hours: Record<string, string[]> = {};
  for (const part of text.toLowerCase().split(/[;\n]/).map((p) => p.trim()).filter(Boolean)) {
    const [days, ...shifts] = part.split(/[\s,]+/);
    const match = dayRange.exec(days ?? '');
    if (!match || shifts.length === 0) throw new FieldError('workingHours', `"${part}" is not working hours: write days and shifts, like "mon-fri 09:00-17:00; sat 10:00-14:00"`);
    const from = weekdays.indexOf(match[1] as never);
    const to = match[2] ? weekdays.indexOf(match[2] as never) : from;
    if (to < from) throw new FieldError('workingHours', `"${days}" runs backwards: write the first day first, like "mon-fri"`);
    for (const day of weekdays.slice(from, to + 1)) hours[day] = [...(hours[day] ?? []), ...shifts];
  }
  return hours;
}

/** The Slack profile facts a new person starts from. */
export interface Profile {
  name: string;
  timeZone: string | undefined;
}

export function personFromForm(values: FormValues, profile: Profile | undefined): PersonForm {
  const read = reader(values);
  const [from, to] = [read.date('awayFrom'), read.date('awayTo')];
  if (Boolean(from) !== Boolean(to)) throw new FieldError(from ? 'awayTo' : 'awayFrom', 'Give both the first and the last day away (or neither).');
  return {
    slackUserId: read.user('slackUserId'),
    name: read.text('name') ?? profile?.name ?? '',
    roles: read.choices('roles'),
    skills: read.choices('skills'),
    timeZone: read.text('timeZone') ?? profile?.timeZone,
    workingHours: parseHours(read.text('workingHours')),
    outOfOffice: from && to ? { from, to } : undefined,
    aadObjectId: read.text('aadObjectId'),
  };
}

export function skillFromForm(values: FormValues): SkillForm {
  const read = reader(values);
  const count = read.text('specialistsPerPull');
  return { tag: (read.text('tag') ?? '').toLowerCase(), description: read.text('description'), specialistsPerPull: count ? Number(count) : undefined, fallbackPeople: read.choices('fallbackPeople') };
}

/**
 * Where to show a settings problem in a form: a problem inside what the form edits (`scope`: an
 * entry such as accounts.2, or a section such as workspace) goes under its field; any other (a
 * skill still in use, a channel mapped twice) under `fallback`.
 */
export function fieldErrors(problems: Array<{ path: string; message: string }>, scope: string[], fields: string[], fallback: string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const problem of problems) {
    const parts = problem.path.split('.');
    const inScope = scope.every((part, i) => parts[i] === part);
    const field = inScope ? fieldOf(parts.slice(scope.length), fields) : undefined;
    const block = field ?? fallback;
    const message = field ? problem.message : `${problem.path}: ${problem.message}`;
    errors[block] = errors[block] ? `${errors[block]}; ${message}` : message;
  }
  return errors;
}

/** Schema paths that a form shows under another name. */
const fieldAliases: Record<string, string> = {
  outOfOffice: 'awayFrom',
  teams: 'aadObjectId',
  fallback: 'fallbackPeople',
  sla: 'firstResponse',
  id: 'name',
  triageChannel: setupIds.triageBlock,
  managerChannel: setupIds.managerBlock,
};

function fieldOf(path: string[], fields: string[]): string | undefined {
  const [first, , third] = path;
  if (!first) return undefined;
  if (first === 'sla' && third === 'resolution') return 'resolution';
  const name = fields.includes(first) ? first : fieldAliases[first];
  return name && fields.includes(name) ? name : undefined;
}
