import type { Priority, WorkspaceConfig } from '../config/workspace.js';
import type { CalendarConfig, SlaOverrides } from '../config/sla.js';
import { weekdays } from '../config/time.js';
import { BusinessCalendar } from './calendar.js';
import { estonianHolidays } from './holidays/estonia.js';
import { defaultSlaPolicies, type SlaPolicy } from './policy.js';

const readyHolidays = { estonia: estonianHolidays } as const;
/** Public holidays are listed for this many years around now; a process running longer gets no more. */
const holidayYears = { before: 2, after: 10 };

/** Without a configured calendar: Monday to Friday, 09:00–17:00 UTC. */
const fallbackCalendar: CalendarConfig = {
  id: 'default',
  timeZone: 'UTC',
  hours: Object.fromEntries(weekdays.slice(0, 5).map((day) => [day, [{ from: 540, to: 1020 }]])),
  holidays: [],
};

/** Which SLA targets and which business calendar apply to a case: defaults, the team's, the account's. */
export class SlaSettings {
  private readonly calendars = new Map<string, BusinessCalendar>();

  constructor(
    private readonly config: Pick<WorkspaceConfig, 'calendars' | 'sla' | 'accounts'>,
    now: Date = new Date(),
  ) {
    for (const calendar of [fallbackCalendar, ...config.calendars]) this.calendars.set(calendar.id, build(calendar, now.getUTCFullYear()));
  }

  calendarFor(accountId: string | null): BusinessCalendar {
    const account = this.config.accounts.find((a) => a.id === accountId);
    const id = account?.calendar ?? this.config.sla.calendar ?? 'default';
    return this.calendars.get(id) ?? this.calendars.get('default')!;
  }

  /** The default policy, then the team's overrides, then the account's, target by target. */
  policyFor(accountId: string | null, priority: Priority): SlaPolicy {
    const account = this.config.accounts.find((a) => a.id === accountId);
    return [this.config.sla.policies, account?.sla ?? {}].reduce<SlaPolicy>((policy, overrides: SlaOverrides) => ({ ...policy, ...overrides[priority] }), defaultSlaPolicies[priority]);
  }
}

function build(calendar: CalendarConfig, year: number): BusinessCalendar {
  const holidays = calendar.holidays.map((date) => date.slice(0, 10));
  if (calendar.publicHolidays) {
    for (let y = year - holidayYears.before; y <= year + holidayYears.after; y += 1) holidays.push(...readyHolidays[calendar.publicHolidays](y));
  }
  return new BusinessCalendar(calendar.timeZone, calendar.hours, holidays);
}
