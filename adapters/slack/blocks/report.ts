import type { KnownBlock } from '@slack/types';
import type { Period } from '../../../src/reports/period.js';
import { backlogLine, reportFootnote, reportHeading, reportLines } from '../../../src/reports/report-lines.js';
import type { Backlog } from '../../../src/reports/report.service.js';
import type { Figures } from '../../../src/reports/tally.js';
import { clip, escapeMrkdwn } from './text.js';

/** `/tugi report`, privately: a section per set of figures (Slack allows 50 blocks). */
export function reportBlocks(report: { period: Period; rows: Array<{ label: string; figures: Figures }>; backlog: Backlog }, people: (id: string) => string): { text: string; blocks: KnownBlock[] } {
  const { period, rows } = report;
  const heading = reportHeading(period);
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: heading } },
    { type: 'section', text: { type: 'mrkdwn', text: backlogLine(report.backlog) } },
  ];
  for (const row of rows.slice(0, 40)) {
    const lines = reportLines(escapeMrkdwn(row.label), row.figures, (id) => escapeMrkdwn(people(id)));
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(lines.join('\n'), 3000) } });
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: reportFootnote }] });
  return { text: heading, blocks };
}
