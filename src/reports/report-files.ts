import type { Actor } from '../cases/case.schema.js';
import type { ReportChartView, ReportExportView, View } from '../messages/views.js';
import type { Outbox } from '../outbox/outbox.js';
import { trendPng } from './chart/png.js';
import type { TrendChart } from './chart/trend.js';
import { periodText } from './period.js';
import type { ReportCsv, ReportExport } from './report-export.js';

export type FileView = ReportChartView | ReportExportView;

export const isFileView = (view: View): view is FileView => view.kind === 'report.chart' || view.kind === 'report.export';

/** A file as a platform uploads it. */
export interface FileContent {
  filename: string;
  title: string;
  mimeType: string;
  bytes: Buffer;
  /** For images: what the picture shows, in words. */
  altText: string | null;
  comment: string | null;
}

/** The bytes behind a file view, rendered where it is delivered (the outbox keeps the view, not the bytes). */
export function fileContent(view: FileView): FileContent {
  if (view.kind === 'report.chart') {
    return { filename: 'tugi-trend.png', title: view.chart.title, mimeType: 'image/png', bytes: trendPng(view.chart), altText: view.chart.summary, comment: view.comment };
  }
  return { filename: view.filename, title: view.title, mimeType: 'text/csv', bytes: Buffer.from(view.csv, 'utf8'), altText: null, comment: view.comment };
}

/** Where a file goes: on Slack, a person's id (their direct messages with tugi) or a channel. */
export interface FileRecipient {
  workspace: string;
  platform: 'slack' | 'teams';
  channel: string;
}

/** Sends report files (the trend chart, the CSV export) through the outbox: durable, paced, once per key. */
export class ReportFiles {
  constructor(private readonly deps: { outbox: Outbox; exporter: ReportExport }) {}

  async sendChart(input: { to: FileRecipient; key: string; chart: TrendChart; comment?: string }): Promise<void> {
    await this.deps.outbox.enqueue([{ ...input.to, key: input.key, view: { kind: 'report.chart', chart: input.chart, comment: input.comment ?? null } }]);
  }

  /** Builds the CSV for a manager (anyone else is refused) and sends it; says how many cases it holds. */
  async sendCsv(input: { actor: Actor; period?: string; to: FileRecipient; key: string }): Promise<ReportCsv> {
    const csv = await this.deps.exporter.csv({ actor: input.actor, ...(input.period ? { period: input.period } : {}) });
    const title = `Cases behind the report, ${periodText(csv.period)}`;
    const comment = csv.rows < csv.total ? `${title}: the first ${csv.rows} of ${csv.total} cases.` : `${title}: ${csv.total} cases.`;
    await this.deps.outbox.enqueue([{ ...input.to, key: input.key, view: { kind: 'report.export', filename: csv.filename, title, csv: csv.csv, comment } }]);
    return csv;
  }
}
