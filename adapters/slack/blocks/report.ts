import type { KnownBlock } from '@slack/types';
import { periodWord } from '../../../src/reports/period.js';
import { backlogLine, reportFootnote, reportHeading, reportLines } from '../../../src/reports/report-lines.js';
import type { Report } from '../../../src/reports/report.service.js';
import { actionIds } from '../ids.js';
import { clip, escapeMrkdwn } from './text.js';

/** `/tugi report`, privately: a section per set of figures (Slack allows 50 blocks), and the export. */
export function reportBlocks(report: Report, people: (id: string) => string): { text: string; blocks: KnownBlock[] } {
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
  blocks.push({
    type: 'actions',
    elements: [{ type: 'button', action_id: actionIds.exportReport, text: { type: 'plain_text', text: 'Export CSV' }, value: periodWord(period) }],
  });
  const chartNote = report.chart ? ' 📈 The chart of the period is in your direct messages with tugi.' : '';
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `${reportFootnote}${chartNote}` }] });
  return { text: heading, blocks };
}
