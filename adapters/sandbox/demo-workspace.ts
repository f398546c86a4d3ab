import { DateTime } from 'luxon';
import { readSettings, type Settings } from '../../src/config/index.js';
import { estonianHolidays } from '../../src/sla/holidays/estonia.js';

/**
 * The sandbox's made-up company: two customer accounts (one English, one Estonian), a team in
 * Tallinn with people in other time zones, a specialist out of office, and both platforms.
 */
export const demo = {
  team: 'T0TUGI',
  bot: 'U0TUGIBOT',
  channels: { acme: 'C0ACME', kalev: 'C0KALEV', triage: 'C0TRIAGE', managers: 'C0MANAGERS', billing: 'C0BILLING' },
  teams: {
    tenant: '5b7c0c7e-3f4e-4b8a-9d3f-1a2b3c4d5e6f',
    team: '19:support-team@thread.tacv2',
    specialists: '19:specialists@thread.tacv2',
    bot: '28:tugi-sandbox-bot',
  },
  zone: 'Europe/Tallinn',
} as const;

export type PersonaRole = 'customer' | 'agent' | 'specialist' | 'manager';

/** Who the page lets you be. Customers are nobody tugi knows: they are just people in a customer channel. */
export interface Persona {
  id: string;
  name: string;
  role: PersonaRole;
  /** What the picker says about them. */
  about: string;
  slackUserId?: string;
  teams?: { id: string; aadObjectId: string; name: string };
  /** A customer's one channel; the team sees every channel. */
  channel?: string;
}

const teamsPerson = (key: string, n: string, name: string) => ({ id: `29:${key}`, aadObjectId: `00000000-0000-4000-8000-0000000000${n}`, name });

export const personas: Persona[] = [
  { id: 'alice', name: 'Alice Adams', role: 'customer', about: 'customer at Acme Ltd (English)', slackUserId: 'U0ALICE', channel: demo.channels.acme },
  { id: 'kalle', name: 'Kalle Kuusk', role: 'customer', about: 'customer at Kalev AS (Estonian)', slackUserId: 'U0KALLE', channel: demo.channels.kalev },
  { id: 'mari', name: 'Mari Tamm', role: 'agent', about: 'support agent, Slack', slackUserId: 'U0MARI', teams: teamsPerson('mari', 'a1', 'Mari Tamm') },
  { id: 'jonas', name: 'Jonas Berg', role: 'agent', about: 'support agent in Stockholm, Slack', slackUserId: 'U0JONAS' },
  { id: 'ann', name: 'Ann Lepp', role: 'specialist', about: 'network and database specialist, Teams', teams: teamsPerson('ann', 'b2', 'Ann Lepp') },
  { id: 'sven', name: 'Sven Kask', role: 'specialist', about: 'billing specialist, Slack', slackUserId: 'U0SVEN' },
  { id: 'liis', name: 'Liis Mets', role: 'manager', about: 'support manager, Slack and Teams', slackUserId: 'U0LIIS', teams: teamsPerson('liis', 'c3', 'Liis Mets') },
];

/** People tugi knows who are not personas: they fill the directory like real colleagues do. */
const colleagues = { tom: teamsPerson('tom', 'd4', 'Tom Novak'), kati: teamsPerson('kati', 'e5', 'Kati Saar') };

const officeHours = '{ mon: ["09:00-17:30"], tue: ["09:00-17:30"], wed: ["09:00-17:30"], thu: ["09:00-17:30"], fri: ["09:00-16:00"] }';
const persona = (id: string) => personas.find((p) => p.id === id)!;
const teamsYaml = (p: { aadObjectId: string; name: string }) => `{ aadObjectId: ${p.aadObjectId}, name: ${p.name} }`;

/** The demo settings as YAML, parsed by the same schema as a real config file; `today` places the out-of-office dates. */
export function demoSettings(today: DateTime): Settings {
  const day = (offset: number) => today.plus({ days: offset }).toISODate();
  return readSettings(
    `
workspace: { slackTeamId: ${demo.team}, triageChannel: ${demo.channels.triage}, managerChannel: ${demo.channels.managers} }
calendars:
  - { id: tallinn, timeZone: ${demo.zone}, hours: ${officeHours}, publicHolidays: estonia }
sla: { calendar: tallinn }
accounts:
  - id: acme
    name: Acme Ltd
    language: en
    defaultPriority: P2
    channels: [{ id: ${demo.channels.acme} }]
  - id: kalev
    name: Kalev AS
    language: et
    defaultPriority: P2
    channels: [{ id: ${demo.channels.kalev} }]
skills:
  - { tag: network, description: "VPN, DNS, firewalls" }
  - { tag: database }
  - { tag: billing, fallback: { slackChannel: ${demo.channels.billing} } }
rules:
  - { keywords: [vpn, firewall, dns], tags: [network] }
  - { keywords: [invoice, billing], tags: [billing] }
  - { keywords: [outage, "down for everyone"], priority: P1 }
teams: { tenantId: ${demo.teams.tenant}, specialistChannel: "${demo.teams.specialists}" }
people:
  - { id: mari, name: Mari Tamm, roles: [agent], slackUserId: ${persona('mari').slackUserId}, teams: ${teamsYaml(persona('mari').teams!)}, timeZone: ${demo.zone}, workingHours: ${officeHours} }
  - { id: jonas, name: Jonas Berg, roles: [agent], slackUserId: ${persona('jonas').slackUserId}, timeZone: Europe/Stockholm, workingHours: ${officeHours} }
  - { id: ann, name: Ann Lepp, roles: [specialist], skills: [network, database], teams: ${teamsYaml(persona('ann').teams!)}, timeZone: ${demo.zone}, workingHours: ${officeHours} }
  - { id: tom, name: Tom Novak, roles: [specialist], skills: [network], teams: ${teamsYaml(colleagues.tom)}, timeZone: America/New_York, workingHours: ${officeHours} }
  - { id: kati, name: Kati Saar, roles: [specialist], skills: [database], teams: ${teamsYaml(colleagues.kati)}, timeZone: ${demo.zone}, workingHours: ${officeHours}, outOfOffice: [{ from: ${day(-2)}, to: ${day(12)}, note: on holiday }] }
  - { id: sven, name: Sven Kask, roles: [specialist], skills: [billing], slackUserId: ${persona('sven').slackUserId}, timeZone: ${demo.zone}, workingHours: ${officeHours} }
  - { id: liis, name: Liis Mets, roles: [manager, admin], slackUserId: ${persona('liis').slackUserId}, teams: ${teamsYaml(persona('liis').teams!)}, timeZone: ${demo.zone} }
`,
    'sandbox demo config',
  );
}

/**
 * Where the sandbox clock starts: now, if the Tallinn office is open with an hour of the day
 * left; else 10:00 on the next working day. So the demo's people are at work when you arrive.
 */
export function demoStart(now: Date): Date {
  const open = (at: DateTime) => at.weekday <= 5 && !estonianHolidays(at.year).includes(at.toISODate()!);
  const local = DateTime.fromJSDate(now, { zone: demo.zone });
  if (open(local) && local.hour >= 9 && local.hour < 15) return now;
  let day = local.startOf('day').set({ hour: 10 });
  if (day <= local) day = day.plus({ days: 1 });
  while (!open(day)) day = day.plus({ days: 1 });
  return day.toJSDate();
}
