import { ValidationFailedError } from '../errors.js';
import { parseCaseKey } from '../cases/case-key.js';
import { limits } from '../cases/case.schema.js';

/** `/tugi …` (Slack) and the same words sent to the bot (Teams), parsed once for both. */
export type TugiCommand =
  | { name: 'new'; title: string; via: 'command' | 'phone' | 'email' }
  | { name: 'case'; caseKey: string }
  | { name: 'summary'; caseKey: string }
  | { name: 'tag'; caseKey: string; add: string[]; remove: string[] }
  | { name: 'pull'; caseKey: string }
  | { name: 'escalate'; caseKey: string }
  | { name: 'snooze'; caseKey: string; until: string }
  | { name: 'resolve'; caseKey: string; inline: { cause: string; fix: string; note?: string } | null }
  | { name: 'reopen'; caseKey: string }
  | { name: 'stale' }
  | { name: 'kb'; words: string }
  | { name: 'mine' }
  | { name: 'report'; period?: string; by?: 'agent' | 'tag' | 'account' }
  | { name: 'help' };

export const commandUsage = [
  '`/tugi new <title> [--via phone|email]` — open a case (log a phone call or e-mail with --via)',
  '`/tugi case CS-12` — show a case, privately',
  '`/tugi summary CS-12` — where a case stands, summarised from its threads (with a model provider), privately',
  '`/tugi tag CS-12 +network -billing` — add and remove skill tags',
  '`/tugi pull CS-12` — pull in specialists for the case’s tags',
  '`/tugi escalate CS-12` — hand the case to an available agent',
  '`/tugi snooze CS-12 2h|tomorrow|monday` — postpone the nags about a case',
  '`/tugi resolve CS-12` — resolve with the form (or inline: `cause: … fix: … note: …`); the customer gets the summary',
  '`/tugi reopen CS-12` — reopen a resolved or closed case',
  '`/tugi report [today|week|month|FROM..TO] [by agent|tag|account]` — figures, a chart and a CSV export, for managers',
  '`/tugi mine` — your open cases (assigned to you, or where you are asked as a specialist)',
  '`/tugi kb <words>` — search resolved cases (title, tags, cause, fix)',
  '`/tugi stale` — your cases that are breaching an SLA or gone quiet (managers: everyone’s)',
  '`/tugi setup` — channels, customer accounts, people and skill tags (managers; also on tugi’s Home tab)',
  '`/tugi help` — this list',
];

const maxCommandLength = 2_000;

export function parseCommand(text: string): TugiCommand {
  if (text.length > maxCommandLength) throw new ValidationFailedError([`The command is too long (over ${maxCommandLength} characters).`]);
  const trimmed = text.trim();
  const [word = '', ...rest] = trimmed.split(/\s+/);
  const args = trimmed.slice(word.length).trim();
  switch (word.toLowerCase()) {
    case '':
    case 'help':
      return { name: 'help' };
    case 'new':
      return parseNew(args);
    case 'resolve':
      return parseResolve(rest, args);
    case 'case':
    case 'summary':
    case 'pull':
    case 'reopen':
    case 'escalate': {
      const name = word.toLowerCase() as 'case' | 'summary' | 'pull' | 'escalate' | 'reopen';
      const caseKey = rest.length === 1 ? parseCaseKey(rest[0]!) : undefined;
      if (!caseKey) throw new ValidationFailedError([`Name one case key, like \`/tugi ${name} CS-12\`.`]);
      return { name, caseKey };
    }
    case 'tag':
      return parseTag(rest);
    case 'kb':
      if (!args) throw new ValidationFailedError(['Say what to look for: `/tugi kb vpn drops every hour`.']);
      if (args.length > 200) throw new ValidationFailedError(['Keep the search under 200 characters.']);
      return { name: 'kb', words: args };
    case 'report':
      return parseReport(rest);
    case 'stale':
    case 'mine': {
      const name = word.toLowerCase() as 'stale' | 'mine';
      if (rest.length > 0) throw new ValidationFailedError([`\`/tugi ${name}\` takes nothing more.`]);
      return { name };
    }
    case 'snooze': {
      const caseKey = rest[0] ? parseCaseKey(rest[0]) : undefined;
      if (!caseKey || rest.length !== 2) throw new ValidationFailedError(['Use `/tugi snooze CS-12 2h` (or `30m`, `3d`, `tomorrow`, `monday`).']);
      return { name: 'snooze', caseKey, until: rest[1]! };
    }
    default:
      throw new ValidationFailedError([`Unknown command \`${word.slice(0, 40)}\`. Try \`/tugi help\`.`]);
  }
}

function parseReport(words: string[]): TugiCommand {
  const usage = 'Use `/tugi report [today|week|month|2026-10-01..2026-12-31] [by agent|tag|account]`.';
  const byAt = words.findIndex((w) => w.toLowerCase() === 'by');
  const by = byAt >= 0 ? words[byAt + 1]?.toLowerCase() : undefined;
  const period = (byAt >= 0 ? words.slice(0, byAt) : words)[0];
  const extra = (byAt >= 0 ? words.slice(0, byAt) : words).length > 1 || (byAt >= 0 && words.length !== byAt + 2);
  if (extra || (byAt >= 0 && by !== 'agent' && by !== 'tag' && by !== 'account')) throw new ValidationFailedError([usage]);
  return { name: 'report', ...(period ? { period } : {}), ...(by ? { by: by as 'agent' | 'tag' | 'account' } : {}) };
}

/** `resolve CS-12` opens the form; `resolve CS-12 cause: … fix: … [note: …]` resolves at once. */
function parseResolve(words: string[], args: string): TugiCommand {
  const usage = 'Use `/tugi resolve CS-12` for the form, or `/tugi resolve CS-12 cause: what was wrong fix: what was done` (optionally `note: …` for the team).';
  const caseKey = words[0] ? parseCaseKey(words[0]) : undefined;
  if (!caseKey) throw new ValidationFailedError([usage]);
  const rest = args.slice(words[0]!.length).trim();
  if (!rest) return { name: 'resolve', caseKey, inline: null };
  const match = /^cause:\s*([\s\S]*?)\s+fix:\s*([\s\S]*?)(?:\s+note:\s*([\s\S]*))?$/i.exec(rest);
  if (!match) throw new ValidationFailedError([usage]);
  return { name: 'resolve', caseKey, inline: { cause: match[1]!, fix: match[2]!, ...(match[3] ? { note: match[3] } : {}) } };
}

function parseNew(args: string): TugiCommand {
  let via: 'command' | 'phone' | 'email' = 'command';
  const viaMatch = /(?:^|\s)--via(?:=|\s+)(\S+)/.exec(args);
  let title = args;
  if (viaMatch) {
    const value = viaMatch[1]!.toLowerCase();
    if (value !== 'phone' && value !== 'email') {
      throw new ValidationFailedError([`--via takes phone or email, not \`${value.slice(0, 20)}\`.`]);
    }
    via = value;
    title = (args.slice(0, viaMatch.index) + args.slice(viaMatch.index + viaMatch[0].length)).trim();
  }
  if (/(?:^|\s)--\w/.test(title)) throw new ValidationFailedError(['Only the --via option is known for `/tugi new`.']);
  if (!title) throw new ValidationFailedError(['Give the case a title: `/tugi new Printer offline at HQ`.']);
  if (title.length > limits.title) throw new ValidationFailedError([`Keep the title under ${limits.title} characters.`]);
  return { name: 'new', title, via };
}

function parseTag(words: string[]): TugiCommand {
  const usage = 'Use `/tugi tag CS-12 +network -billing` (+ adds a tag, - removes one).';
  const caseKey = words[0] ? parseCaseKey(words[0]) : undefined;
  const edits = words.slice(1);
  if (!caseKey || edits.length === 0) throw new ValidationFailedError([usage]);
  const add: string[] = [];
  const remove: string[] = [];
  for (const edit of edits) {
    const match = /^([+-])([a-z0-9][a-z0-9-]{0,39})$/i.exec(edit);
    if (!match) throw new ValidationFailedError([`\`${edit.slice(0, 40)}\` is not a tag edit. ${usage}`]);
    (match[1] === '+' ? add : remove).push(match[2]!.toLowerCase());
  }
  return { name: 'tag', caseKey, add, remove };
}
