import { DateTime } from 'luxon';
import { weekdays, type Weekday } from '../config/time.js';
import type { WorkspaceConfig } from '../config/workspace.js';
import type { Outbox } from '../outbox/outbox.js';
import type { Clock } from '../ports/clock.js';
import { backlogLine, reportFootnote, reportHeading, reportLines } from './report-lines.js';
import type { ReportService } from './report.service.js';
import type { ReportFiles } from './report-files.js';

/**
 * The week's report, posted to the manager channel once the configured weekday and time have come
 * in the team's zone. The job runs often; the message is keyed by the week, so it goes out once
 * whichever replica runs it, and a replica that was down catches up later the same week.
 */
export class WeeklyDigest {
  constructor(
    private readonly deps: { config: WorkspaceConfig; reports: ReportService; files: ReportFiles; outbox: Outbox; teamZone: string; clock: Clock; people: (id: string) => string },
  ) {}

  async run(): Promise<boolean> {
    const { digest } = this.deps.config.reports;
    if (!digest.enabled) return false;
    const now = DateTime.fromJSDate(this.deps.clock.now(), { zone: this.deps.teamZone });
    const [hour, minute] = digest.time.split(':').map(Number) as [number, number];
    const due = now.startOf('week').plus({ days: weekdayIndex(digest.weekday) }).set({ hour, minute });
    if (now < due) return false;
    // The week before the one the digest is posted in, Monday to Sunday.
    const lastWeek = now.startOf('week').minus({ weeks: 1 });
    const period = { from: lastWeek.toISODate()!, to: lastWeek.endOf('week').toISODate()! };
    const { slackTeamId, managerChannel } = this.deps.config.workspace;
    const key = `digest:${lastWeek.toISOWeekDate()!.slice(0, 8)}`;
    const { outbox } = this.deps;
    // The job runs all week once the digest is due: the week's figures and the backlog (hundreds of
    // reads) are gathered only while the digest is not stored yet.
    const posted = !(await outbox.isStored(slackTeamId, key));
    if (posted) {
      const figures = await this.deps.reports.figures(period.from, period.to);
      const backlog = await this.deps.reports.backlog();
      await outbox.enqueue([
        {
          workspace: slackTeamId,
          key,
          platform: 'slack',
          channel: managerChannel,
          view: {
            kind: 'report.digest',
            heading: `Weekly ${reportHeading(period).replace(/^Report/, 'report')}`,
            sections: [[backlogLine(backlog)], reportLines('All cases', figures, this.deps.people)],
            footnote: reportFootnote,
          },
        },
      ]);
    }
    // The week's trend follows the digest in the channel (the outbox keeps a channel's order); sent
    // also when a stopped process had stored only the digest.
    if (await outbox.isStored(slackTeamId, `${key}:chart`)) return posted;
    const chart = await this.deps.reports.trend(period);
    if (chart) await this.deps.files.sendChart({ to: { workspace: slackTeamId, platform: 'slack', channel: managerChannel }, key: `${key}:chart`, chart });
    return posted;
  }
}

const weekdayIndex = (day: Weekday) => weekdays.indexOf(day);
