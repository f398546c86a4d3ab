import type { Activity } from 'botbuilder';
import { backlogLine, reportFootnote, reportHeading, reportLines } from '../../../src/reports/report-lines.js';
import type { Report } from '../../../src/reports/report.service.js';
import { periodText, periodWord } from '../../../src/reports/period.js';
import type { ReportCsv } from '../../../src/reports/report-export.js';
import type { CardSubmit } from '../activity.js';
import { card, escapeMarkdown, teamsBold, textBlock } from './elements.js';

type Message = Partial<Activity>;


/** `report` for a manager in their 1:1 chat: the figures, and "Export CSV" (which asks where to save the file). */
export function reportCard(report: Report, people: (id: string) => string): object {
  const exportCsv: CardSubmit = { tugi: 'report.export', period: periodWord(report.period) };
  const sections = report.rows.map((row) =>
    textBlock(reportLines(escapeMarkdown(row.label), row.figures, (id) => escapeMarkdown(people(id))).map(teamsBold).join('\n\n'), { separator: true, spacing: 'Medium' }),
  );
  return card(
    [
      textBlock(reportHeading(report.period), { size: 'Large', weight: 'Bolder' }),
      textBlock(teamsBold(backlogLine(report.backlog))),
      ...sections.slice(0, 40),
      textBlock(reportFootnote, { size: 'Small', isSubtle: true }),
    ],
    [],
    [{ type: 'Action.Submit', title: 'Export CSV', data: exportCsv }],
  );
}

/**
 * A bot cannot drop a file into a chat: Teams asks the user first (a file consent card), then
 * hands the bot an upload URL in their OneDrive. The period rides along to the answer.
 */
export function fileConsentMessage(csv: ReportCsv): Message {
  const context = { period: periodWord(csv.period) };
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.teams.card.file.consent',
        name: csv.filename,
        content: { description: `The ${csv.rows} cases behind the report for ${periodText(csv.period)}, as CSV.`, sizeInBytes: Buffer.byteLength(csv.csv), acceptContext: context, declineContext: context },
      },
    ],
  };
}

/** After the upload: the file as Teams shows a OneDrive file in a chat. */
export function fileInfoMessage(upload: { contentUrl: string; name: string; uniqueId: string; fileType: string }): Message {
  return {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.teams.card.file.info', contentUrl: upload.contentUrl, name: upload.name, content: { uniqueId: upload.uniqueId, fileType: upload.fileType } }],
  };
}
