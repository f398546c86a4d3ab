import type { KnownBlock } from '@slack/types';
import type { AttentionReason, AttentionRow } from '../../../src/reminders/attention.js';
import type { MyCaseRow } from '../../../src/reminders/attention.service.js';
import { clip, escapeMrkdwn, priorityLabels, statusLabels, userMention } from './text.js';

const shown = 20;
const clockNames = { firstResponse: 'first response', resolution: 'resolution' } as const;

function idle(minutes: number): string {
  if (minutes < 120) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h`;
  return `${Math.floor(minutes / (24 * 60))} days`;
}

const reasonText = (reason: AttentionReason) =>
  reason.kind === 'breached' ? `:rotating_light: ${clockNames[reason.clock]} target breached` : `:hourglass: no activity for ${idle(reason.idleMinutes)}`;

/** `/tugi mine`, privately: the asker's open cases, most urgent first, flagged when they need attention. */
export function myCasesBlocks(rows: MyCaseRow[]): { text: string; blocks: KnownBlock[] } {
  if (rows.length === 0) return { text: 'You have no open cases. :tada:', blocks: [] };
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: `Your open cases (${rows.length})` } }];
  for (const row of rows.slice(0, shown)) {
    const role = row.role === 'specialist' ? ' · you are asked as a specialist' : '';
    const flags = row.reasons.length ? `\n${row.reasons.map(reasonText).join(' · ')}` : '';
    const opened = `<!date^${Math.floor(row.openedAt.getTime() / 1000)}^opened {date_short_pretty}|${row.openedAt.toISOString()}>`;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*${row.key}* · ${escapeMrkdwn(clip(row.title, 120))}\n${priorityLabels[row.priority]} · ${statusLabels[row.status]} · ${opened}${role}${flags}` } });
  }
  if (rows.length > shown) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${rows.length - shown} more.` }] });
  return { text: `Your open cases: ${rows.length}`, blocks };
}

/** `/tugi stale`, privately: the worst cases first, each with why it needs attention. */
export function attentionBlocks(rows: AttentionRow[], scope: 'mine' | 'all'): { text: string; blocks: KnownBlock[] } {
  const whose = scope === 'all' ? 'All open cases' : 'Your cases';
  if (rows.length === 0) return { text: `${whose}: nothing is breaching or stale. :tada:`, blocks: [] };
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: `${whose} needing attention (${rows.length})` } }];
  for (const row of rows.slice(0, shown)) {
    const line = `*${row.key}* · ${escapeMrkdwn(clip(row.title, 120))}\n${priorityLabels[row.priority]} · ${statusLabels[row.status]} · ${userMention(row.assignee)}\n${row.reasons.map(reasonText).join(' · ')}`;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: line } });
  }
  if (rows.length > shown) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${rows.length - shown} more.` }] });
  return { text: `${whose}: ${rows.length} need attention`, blocks };
}
