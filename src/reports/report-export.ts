import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import type { Actor } from '../cases/case.schema.js';
import type { Directory } from '../people/directory.js';
import type { Clock } from '../ports/clock.js';
import type { CaseDocument, Models } from '../storage/models/index.js';
import { Semaphore } from '../util/semaphore.js';
import type { CaseFacts } from './case-facts.js';
import { requireManager } from './managers.js';
import { parsePeriod, type Period } from './period.js';
import { casesBehind } from './report-members.js';

/** Rows in one export at most (about 2 MB of CSV); a longer period is cut, and the file says so. */
export const maxExportRows = 10_000;
/** Case reads in flight at once: by primary key, so each is cheap, but a quarter may hold thousands. */
const parallelReads = 8;

export interface ReportCsv {
  period: Period;
  filename: string;
  csv: string;
  /** Cases behind the period's figures, and how many of them the file holds. */
  total: number;
  rows: number;
}

const columns = [
  'case', 'title', 'in period', 'account', 'priority', 'status', 'opened', 'first response (business min)', 'first resolved',
  'time to resolution (business min)', 'reopens', 'SLA first response', 'SLA resolution', 'rating', 'assignee', 'specialists', 'tags', 'cause',
];

/**
 * "Export CSV": the cases behind a report's numbers — opened or first resolved in the period —
 * one row each, with the very facts the rollups were folded from (what the case last reported),
 * so the rows add up to the report. Columns for agent, tags and account let a manager pivot.
 */
export class ReportExport {
  constructor(
    private readonly deps: { models: Pick<Models, 'reportMembers' | 'cases'>; workspace: string; teamZone: string; directory: Directory; clock: Clock },
  ) {}

  async csv(input: { actor: Actor; period?: string }): Promise<ReportCsv> {
    const { directory, teamZone } = this.deps;
    requireManager(directory, input.actor);
    const period = parsePeriod(input.period, this.deps.clock.now(), teamZone);
    const ids = (await casesBehind(this.deps.models, this.deps.workspace, period, teamZone)).sort();
    // Case ids begin with their creation time, so the first ids are the oldest cases: only the
    // rows the file keeps are read, whatever the size of the period.
    const readers = new Semaphore(parallelReads);
    const docs = await Promise.all(ids.slice(0, maxExportRows).map((id) => readers.run(() => this.deps.models.cases.findById(id).lean<CaseDocument>())));
    const kept = docs
      .filter((doc): doc is CaseDocument => Boolean(doc?.reported) && doc!.workspace === this.deps.workspace)
      .map((doc) => ({ doc, facts: JSON.parse(doc.reported!.facts) as CaseFacts }))
      .filter(({ facts }) => inPeriod(facts, period).length > 0)
      .sort((a, b) => a.doc.number - b.doc.number);
    // Past the cap, the member lists count the rest; within it, the rows are the count.
    const total = ids.length > maxExportRows ? ids.length : kept.length;
    const when = (at: Date | null) => (at ? DateTime.fromJSDate(at, { zone: teamZone }).toFormat("yyyy-MM-dd'T'HH:mm") : '');
    const name = (id: string | null) => (id ? directory.displayName(id) : '');
    const records = kept.map(({ doc, facts }) => [
      doc.key, doc.title, inPeriod(facts, period).join(' + '), directory.account(facts.account)?.name ?? facts.account ?? '',
      facts.priority, facts.status, when(doc.createdAt), facts.firstResponseMinutes ?? '', when(doc.firstResolvedAt),
      facts.resolutionMinutes ?? '', facts.reopens, facts.sla.firstResponse, facts.sla.resolution, facts.rating ?? '',
      name(facts.assignee), facts.specialists.map(name).join(', '), facts.tags.join(', '), facts.cause ?? '',
    ]);
    if (total > kept.length) records.push([`Only the first ${kept.length} of ${total} cases are listed: export a shorter period for the rest.`]);
    // Excel and Sheets run cells starting with = + - @ as formulas: customers' titles are untrusted text.
    const csv = stringify([columns, ...records], { escape_formulas: true, bom: true });
    const span = period.from === period.to ? period.from : `${period.from}_${period.to}`;
    return { period, filename: `tugi-cases-${span}.csv`, csv, total, rows: kept.length };
  }
}

/** Why a case stands behind a period's figures: opened in it, first resolved in it, or both. */
function inPeriod(facts: CaseFacts, period: Period): string[] {
  const within = (day: string | null) => day !== null && day >= period.from && day <= period.to;
  return [...(within(facts.openedDay) ? ['opened'] : []), ...(within(facts.resolvedDay) && facts.resolutionMinutes !== null ? ['resolved'] : [])];
}
