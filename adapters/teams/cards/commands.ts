import { escapeMarkdown } from './elements.js';
import type { KnowledgeResult } from '../../../src/knowledge/knowledge.service.js';
import { priorityLabels, statusLabels, type CaseSummary, type SimilarCase } from '../../../src/messages/index.js';
import type { AttentionReason, AttentionRow } from '../../../src/reminders/attention.js';
import type { MyCaseRow } from '../../../src/reminders/attention.service.js';

// Answers to commands in a 1:1 chat, as Teams markdown.

const shown = 20;
const reason = (r: AttentionReason) => (r.kind === 'breached' ? `🚨 ${r.clock === 'firstResponse' ? 'first response' : 'resolution'} target breached` : `⏳ no activity for ${Math.round(r.idleMinutes / 60)} h`);
const more = (count: number) => (count > shown ? [`…and ${count - shown} more.`] : []);

export function myCasesText(rows: MyCaseRow[]): string {
  if (rows.length === 0) return 'You have no open cases. 🎉';
  const lines = rows.slice(0, shown).map((row) => {
    const flags = row.reasons.length ? ` — ${row.reasons.map(reason).join(', ')}` : '';
    const role = row.role === 'specialist' ? ' (asked as a specialist)' : '';
    return `- **${row.key}** ${escapeMarkdown(row.title)} · ${priorityLabels[row.priority]} · ${statusLabels[row.status]}${role}${flags}`;
  });
  return [`**Your open cases (${rows.length})**`, ...lines, ...more(rows.length)].join('\n');
}

export function attentionText(rows: AttentionRow[], scope: 'mine' | 'all'): string {
  const whose = scope === 'all' ? 'All open cases' : 'Your cases';
  if (rows.length === 0) return `${whose}: nothing is breaching or stale. 🎉`;
  const lines = rows.slice(0, shown).map((row) => `- **${row.key}** ${escapeMarkdown(row.title)} · ${priorityLabels[row.priority]} — ${row.reasons.map(reason).join(', ')}`);
  return [`**${whose} needing attention (${rows.length})**`, ...lines, ...more(rows.length)].join('\n');
}

/** A case as it stands (where no summary can be given), with resolved cases like it. */
export function caseAsIsText(view: CaseSummary, similar: SimilarCase[], why: string): string {
  const facts = [priorityLabels[view.priority], statusLabels[view.status], view.tags.length ? `tags ${view.tags.join(', ')}` : 'no tags', view.specialists.length ? `specialists ${view.specialists.join(', ')}` : ''].filter(Boolean);
  const description = view.description ? [`> ${escapeMarkdown(view.description).replace(/\n/g, '\n> ')}`] : [];
  const like = similar.map((s) => `- **${s.caseKey}** ${escapeMarkdown(s.title)} — fix: ${escapeMarkdown(s.fix)}`);
  return [`_${why}_`, `**${view.key}** ${escapeMarkdown(view.title)} · ${facts.map(escapeMarkdown).join(' · ')}`, ...description, ...(like.length ? ['**Similar resolved cases**', ...like] : [])].join('\n\n');
}

export function knowledgeText(words: string, results: KnowledgeResult[]): string {
  if (results.length === 0) return `No resolved cases match “${escapeMarkdown(words)}”. Try fewer or other words.`;
  const lines = results.map((r) => `- **${r.caseKey}** ${escapeMarkdown(r.title)}\n  Cause: ${escapeMarkdown(r.cause)}\n  Fix: ${escapeMarkdown(r.fix)}`);
  return [`**Resolved cases matching “${escapeMarkdown(words)}”**`, ...lines].join('\n');
}
