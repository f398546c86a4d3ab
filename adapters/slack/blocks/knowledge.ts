import type { KnownBlock } from '@slack/types';
import type { KnowledgeResult } from '../../../src/knowledge/knowledge.service.js';
import { clip, escapeMrkdwn } from './text.js';

/** `/tugi kb` results: each resolved case linked to its card, with its cause and fix. */
export function knowledgeBlocks(words: string, results: Array<KnowledgeResult & { link: string | null }>): { text: string; blocks: KnownBlock[] } {
  if (results.length === 0) {
    return { text: `No resolved cases match “${words}”. Try fewer or other words.`, blocks: [] };
  }
  const text = `Resolved cases matching “${words}”`;
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(text)}*` } }];
  for (const result of results) {
    const key = result.link ? `<${result.link}|${result.caseKey}>` : result.caseKey;
    const tags = result.tags.length ? ` · ${result.tags.map((t) => `\`${t}\``).join(' ')}` : '';
    blocks.push(
      { type: 'section', text: { type: 'mrkdwn', text: clip(`*${key}* ${escapeMrkdwn(result.title)}${tags}\n*Cause:* ${escapeMrkdwn(result.cause)}\n*Fix:* ${escapeMrkdwn(result.fix)}`, 3000) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `Resolved <!date^${Math.floor(result.resolvedAt.getTime() / 1000)}^{date_short_pretty}|${result.resolvedAt.toISOString()}>` }] },
    );
  }
  return { text, blocks };
}
