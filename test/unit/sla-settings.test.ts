import { describe, expect, it } from 'vitest';
import { CaseNotifications } from '../../src/cases/index.js';
import { ConfigError, parseWorkspaceConfig } from '../../src/config/index.js';
import { Directory } from '../../src/people/index.js';
import { slaTarget } from '../../src/config/sla.js';
import { SlaSettings } from '../../src/sla/settings.js';

describe('SLA targets as people write them', () => {
  it.each([
    ['30 minutes', { minutes: 30, business: false }],
    ['1 minute', { minutes: 1, business: false }],
    ['4 hours', { minutes: 240, business: false }],
    ['2 days', { minutes: 2880, business: false }],
    ['4 business hours', { minutes: 240, business: true }],
    ['1 business day', { minutes: 480, business: true }],
    ['3 Business Days', { minutes: 1440, business: true }],
  ])('%s', (text, target) => {
    expect(slaTarget.parse(text)).toEqual(target);
  });
  it.each(['soon', '0 hours', '4h', '1 business week', ''])('refuses %j', (text) => {
    expect(slaTarget.safeParse(text).success).toBe(false);
  });
});

const config = (extra: string) =>
  parseWorkspaceConfig(`
workspace: { slackTeamId: T1AA, triageChannel: C1AA, managerChannel: C2AA }
calendars:
  - id: tallinn
    timeZone: Europe/Tallinn
    hours: { mon: ["09:00-17:00"], tue: ["09:00-17:00"], wed: ["09:00-17:00"], thu: ["09:00-17:00"], fri: ["09:00-17:00"] }
    publicHolidays: estonia
    holidays: [2026-12-31]
  - id: night
    timeZone: UTC
    hours: { sat: ["00:00-24:00"], sun: ["00:00-24:00"] }
${extra}
`);

describe('which SLA applies', () => {
  const settings = new SlaSettings(
    config(`
sla:
  calendar: tallinn
  policies:
    P2: { firstResponse: 2 hours }
accounts:
  - { id: acme, name: Acme, sla: { P2: { firstResponse: 15 minutes }, P4: { resolution: 5 business days } } }
  - { id: weekend, name: Weekend Co, calendar: night }
  - { id: plain, name: Plain }
`),
    new Date('2026-11-25T12:00:00Z'),
  );

  it('takes the defaults, then the team’s overrides, then the account’s, target by target', () => {
    expect(settings.policyFor('plain', 'P1')).toEqual({ firstResponse: { minutes: 30, business: false }, resolution: { minutes: 240, business: false } });
    expect(settings.policyFor('plain', 'P2')).toEqual({ firstResponse: { minutes: 120, business: false }, resolution: { minutes: 480, business: false } });
    expect(settings.policyFor('acme', 'P2').firstResponse).toEqual({ minutes: 15, business: false });
    expect(settings.policyFor('acme', 'P4')).toEqual({ firstResponse: { minutes: 480, business: true }, resolution: { minutes: 2400, business: true } });
    expect(settings.policyFor(null, 'P3').firstResponse).toEqual({ minutes: 240, business: true });
  });

  it('counts business time in the account’s calendar, else the team’s, with public and extra holidays', () => {
    const tallinn = settings.calendarFor('plain');
    expect(tallinn.timeZone).toBe('Europe/Tallinn');
    expect(tallinn.isOpen(new Date('2026-12-24T10:00+02:00'))).toBe(false); // jõululaupäev
    expect(tallinn.isOpen(new Date('2026-12-31T10:00+02:00'))).toBe(false); // the extra holiday
    expect(tallinn.isOpen(new Date('2026-12-30T10:00+02:00'))).toBe(true);
    expect(settings.calendarFor('weekend').isOpen(new Date('2026-11-28T03:00Z'))).toBe(true);
    // Nothing configured: Monday to Friday, 09:00–17:00 UTC.
    const bare = new SlaSettings(config(''));
    expect(bare.calendarFor(null).timeZone).toBe('UTC');
    expect(bare.calendarFor(null).isOpen(new Date('2026-11-23T16:59Z'))).toBe(true);
  });

  it('names unknown calendars and bad targets in the config', () => {
    const messageOf = (yaml: string) => {
      try {
        parseWorkspaceConfig(`workspace: { slackTeamId: T1AA, triageChannel: C1AA, managerChannel: C2AA }\n${yaml}`);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error('expected the config to be refused');
    };
    expect(messageOf('sla: { policies: { P1: { firstResponse: soon } } }')).toContain('sla.policies.P1.firstResponse: must be a duration');
    const unknown = messageOf('sla: { calendar: nowhere }\naccounts: [{ id: acme, name: Acme, calendar: elsewhere }]');
    expect(unknown).toContain('sla.calendar: no calendar has id nowhere');
    expect(unknown).toContain('accounts.0.calendar: no calendar has id elsewhere');
  });
});

describe('the customer’s acknowledgement', () => {
  it('promises the first-response target of their account and priority', () => {
    const workspace = config(`
accounts:
  - { id: acme, name: Acme, defaultPriority: P2, channels: [{ id: C3AA }], sla: { P2: { firstResponse: 15 minutes } } }
`);
    const notifications = new CaseNotifications(new Directory(workspace), new SlaSettings(workspace));
    const doc = { _id: '0123456789abcdef01234567', workspace: 'T1AA', key: 'CS-1', account: 'acme', priority: 'P2', source: { platform: 'slack', channel: 'C3AA', ts: '1.2' } };
    const [, ack] = notifications.opened({ ...doc, title: 't', description: '', status: 'new', requester: { platform: 'slack', userId: 'U1' }, tags: [], specialists: [], createdAt: new Date(), assignee: null } as never);
    expect(ack!.view).toMatchObject({ kind: 'case.acknowledgement', firstResponse: { minutes: 15, business: false } });
  });
});
