import { priorities } from '../config/workspace.js';
import { durationInWords } from '../messages/resolution-texts.js';
import { periodText, type Period } from './period.js';
import type { Backlog } from './report.service.js';
import type { DurationFigures, Figures } from './tally.js';

// A report as lines of Slack-style markdown (`*bold*`), shared by Slack and Teams.

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)} %`);
const time = (minutes: number | null) => (minutes === null ? '—' : durationInWords(minutes, 'en'));
const durations = (d: DurationFigures) => `median ${time(d.median)}, p90 ${time(d.p90)}, mean ${time(d.mean)}`;
const list = (pairs: Array<[string, number]>) => (pairs.length ? pairs.map(([name, count]) => `${name} (${count})`).join(', ') : '—');

export function reportHeading(period: Period): string {
  return `Report for ${periodText(period)}`;
}

/** One set of figures, as the lines a manager reads (durations in business time). */
export function reportLines(label: string, f: Figures, people: (id: string) => string): string[] {
  const sla = priorities
    .map((p) => {
      const { firstResponse: fr, resolution: res } = f.slaCompliance[p];
      if (fr.met + fr.breached + res.met + res.breached === 0) return undefined;
      return `${p}: first response ${percent(fr.compliance)} (${fr.met}/${fr.met + fr.breached}), resolution ${percent(res.compliance)} (${res.met}/${res.met + res.breached})`;
    })
    .filter(Boolean);
  const load = (counts: Record<string, number>) => list(Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([id, n]) => [people(id), n]));
  return [
    `*${label}* — ${f.opened} opened, ${f.resolution.resolved} resolved, ${f.resolution.reopens} reopens`,
    `*First response*: ${durations(f.firstResponse)} (${f.firstResponse.count} answered; ${f.firstResponse.unanswered} still waiting, not averaged in)`,
    `*Time to resolution*: ${durations(f.resolution)}`,
    `*SLA compliance*: ${sla.length ? sla.join(' · ') : '—'}`,
    `*CSAT*: ${percent(f.csat.positiveShare)} rated 4–5, average ${f.csat.average === null ? '—' : f.csat.average.toFixed(1)}, ${f.csat.rated} ratings (response rate ${percent(f.csat.responseRate)})`,
    `*Top tags*: ${list(f.topTags)} · *Top causes*: ${list(f.topCauses)}`,
    `*Load*: agents ${load(f.load.agents)} · specialists ${load(f.load.specialists)}`,
  ];
}

/** The backlog line: open cases now, by age and by status. */
export function backlogLine(backlog: Backlog): string {
  const parts = (counts: Record<string, number>) => Object.entries(counts).filter(([, n]) => n > 0).map(([name, n]) => `${name.replace(/_/g, ' ')} ${n}`).join(', ') || '—';
  return `*Backlog now*: ${backlog.total} open — ${parts(backlog.byAge)} · by status: ${parts(backlog.byStatus)}`;
}

export const reportFootnote = 'Durations in business time; medians and p90 within ±5 % (fixed buckets). Figures lag changes by up to about 4 minutes.';
