import { ValidationFailedError } from '../errors.js';
import { parseCaseKey } from '../cases/case-key.js';
import { limits } from '../cases/case.schema.js';

/** `/tugi …` (Slack) and the same words sent to the bot (Teams), parsed once for both. */
export type TugiCommand =
  | { name: 'new'; title: string; via: 'command' | 'phone' | 'email' }
  | { name: 'case'; caseKey: string }
  | { name: 'help' };

export const commandUsage = [
  '`/tugi new <title> [--via phone|email]` — open a case (log a phone call or e-mail with --via)',
  '`/tugi case CS-12` — show a case, privately',
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
    case 'case': {
      const caseKey = rest.length === 1 ? parseCaseKey(rest[0]!) : undefined;
      if (!caseKey) throw new ValidationFailedError(['Name one case key, like `/tugi case CS-12`.']);
      return { name: 'case', caseKey };
    }
    default:
      throw new ValidationFailedError([`Unknown command \`${word.slice(0, 40)}\`. Try \`/tugi help\`.`]);
  }
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
