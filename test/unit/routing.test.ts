import { describe, expect, it } from 'vitest';
import { personSchema, type PersonConfig } from '../../src/config/people.js';
import { unavailability, workingFrom } from '../../src/people/availability.js';
import { pickAgent, routeTags, type Workload } from '../../src/routing/index.js';

const person = (fields: Record<string, unknown>): PersonConfig =>
  personSchema.parse({ name: String(fields.id), roles: ['specialist'], skills: ['network'], ...fields });

const weekdays9to17 = { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'], thu: ['09:00-17:00'], fri: ['09:00-17:00'] };
const split = { mon: ['08:00-12:00', '16:00-20:00'] };

describe('availability in the person’s own time zone', () => {
  // 2026-11-23 is a Monday. Tallinn is UTC+2 in November, New York UTC-5.
  const cases: [string, Record<string, unknown>, string, ReturnType<typeof unavailability>][] = [
    ['Tallinn, Monday 10:00 local', { timeZone: 'Europe/Tallinn', workingHours: weekdays9to17 }, '2026-11-23T08:00:00Z', undefined],
    ['Tallinn, Monday 08:59 local', { timeZone: 'Europe/Tallinn', workingHours: weekdays9to17 }, '2026-11-23T06:59:00Z', 'off_hours'],
    ['Tallinn, end of shift is exclusive', { timeZone: 'Europe/Tallinn', workingHours: weekdays9to17 }, '2026-11-23T15:00:00Z', 'off_hours'],
    ['New York, same instant is 03:00', { timeZone: 'America/New_York', workingHours: weekdays9to17 }, '2026-11-23T08:00:00Z', 'off_hours'],
    ['New York, 09:30 local', { timeZone: 'America/New_York', workingHours: weekdays9to17 }, '2026-11-23T14:30:00Z', undefined],
    ['Saturday is a day off', { timeZone: 'Europe/Tallinn', workingHours: weekdays9to17 }, '2026-11-28T10:00:00Z', 'off_hours'],
    ['Auckland Tuesday 09:30 is Monday evening in UTC', { timeZone: 'Pacific/Auckland', workingHours: { tue: ['09:00-17:00'] } }, '2026-11-23T20:30:00Z', undefined],
    ['split shift, first part', { timeZone: 'UTC', workingHours: split }, '2026-11-23T11:59:00Z', undefined],
    ['split shift, the gap', { timeZone: 'UTC', workingHours: split }, '2026-11-23T13:00:00Z', 'off_hours'],
    ['split shift, second part', { timeZone: 'UTC', workingHours: split }, '2026-11-23T19:00:00Z', undefined],
    ['out of office, whole last day', { timeZone: 'Europe/Tallinn', outOfOffice: [{ from: '2026-11-20', to: '2026-11-23' }] }, '2026-11-23T14:00:00Z', 'out_of_office'],
    ['back the day after', { timeZone: 'Europe/Tallinn', outOfOffice: [{ from: '2026-11-20', to: '2026-11-22' }] }, '2026-11-23T08:00:00Z', undefined],
    ['out of office until a time', { timeZone: 'UTC', outOfOffice: [{ from: '2026-11-23T00:00', to: '2026-11-23T12:00' }] }, '2026-11-23T12:30:00Z', undefined],
    // Europe/Tallinn leaves summer time on 2026-10-25: 09:30 UTC is 12:30 local before, 11:30 after.
    ['09:30 UTC before the autumn DST change', { timeZone: 'Europe/Tallinn', workingHours: { mon: ['09:00-12:00'] } }, '2026-10-19T09:30:00Z', 'off_hours'],
    ['09:30 UTC after the autumn DST change', { timeZone: 'Europe/Tallinn', workingHours: { mon: ['09:00-12:00'] } }, '2026-10-26T09:30:00Z', undefined],
  ];
  it.each(cases)('%s', (_name, fields, at, expected) => {
    expect(unavailability(person({ id: 'p', ...fields }), new Date(at))).toBe(expected);
  });
});

describe('routing specialists by tag', () => {
  const mondayNoonUtc = new Date('2026-11-23T12:00:00Z');
  const config = (people: PersonConfig[], extra: Record<string, unknown> = {}) => ({
    people,
    skills: [{ tag: 'network' }, { tag: 'billing', fallback: { people: ['boss'], slackChannel: 'C0BILLING' } }, { tag: 'dns', specialistsPerPull: 2 }],
    routing: { specialistsPerTag: 1, everyoneOnP1: true },
    workspace: { slackTeamId: 'T1', triageChannel: 'C0TRIAGE', managerChannel: 'C0MANAGERS' },
    ...extra,
  });
  const load = (entries: Record<string, Partial<Workload>>) =>
    new Map(Object.entries(entries).map(([id, w]) => [id, { activeCases: 0, lastPickedAt: null, ...w }]));
  const utc = { timeZone: 'UTC', workingHours: weekdays9to17 };

  it('takes the least loaded available person and says why the others were skipped', () => {
    const people = [
      person({ id: 'ann', ...utc }),
      person({ id: 'bob', ...utc }),
      person({ id: 'cat', timeZone: 'Asia/Tokyo', workingHours: weekdays9to17 }),
      person({ id: 'dan', ...utc, outOfOffice: [{ from: '2026-11-23', to: '2026-11-23' }] }),
      person({ id: 'eve', ...utc, capacity: 2 }),
    ];
    const [route] = routeTags({ tags: ['network'], priority: 'P3', config: config(people), workloads: load({ ann: { activeCases: 3 }, bob: { activeCases: 1 }, eve: { activeCases: 2 } }), now: mondayNoonUtc });
    expect(route!.chosen.map((p) => p.id)).toEqual(['bob']);
    expect(Object.fromEntries(route!.skipped.map((s) => [s.person.id, s.reason]))).toEqual({ cat: 'off_hours', dan: 'out_of_office', eve: 'at_capacity' });
    expect(route!.fallback).toBeNull();
  });

  it('breaks ties by who was picked longest ago, so equal loads rotate', () => {
    const people = ['ann', 'bob', 'cat'].map((id) => person({ id, ...utc }));
    const workloads = load({ ann: { lastPickedAt: new Date('2026-11-23T11:00:00Z') }, bob: { lastPickedAt: new Date('2026-11-23T10:00:00Z') }, cat: { lastPickedAt: new Date('2026-11-23T11:30:00Z') } });
    const pick = () => routeTags({ tags: ['network'], priority: 'P3', config: config(people), workloads, now: mondayNoonUtc })[0]!.chosen[0]!.id;
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      const id = pick();
      order.push(id);
      workloads.set(id, { activeCases: 0, lastPickedAt: new Date(mondayNoonUtc.getTime() + i) });
    }
    expect(order).toEqual(['bob', 'ann', 'cat', 'bob']);
    // Never picked beats picked; then the id decides, so the result is stable.
    expect(routeTags({ tags: ['network'], priority: 'P3', config: config(people), workloads: new Map(), now: mondayNoonUtc })[0]!.chosen[0]!.id).toBe('ann');
  });

  it('asks as many as the tag wants, and everyone available on a P1', () => {
    const people = ['ann', 'bob', 'cat'].map((id) => person({ id, ...utc, skills: ['network', 'dns'] }));
    const input = { config: config(people), workloads: new Map(), now: mondayNoonUtc };
    expect(routeTags({ ...input, tags: ['dns'], priority: 'P2' })[0]!.chosen).toHaveLength(2);
    expect(routeTags({ ...input, tags: ['network'], priority: 'P1' })[0]!.chosen).toHaveLength(3);
    expect(routeTags({ ...input, config: config(people, { routing: { specialistsPerTag: 1, everyoneOnP1: false } }), tags: ['network'], priority: 'P1' })[0]!.chosen).toHaveLength(1);
  });

  it('spreads two tags over two people when it can, and skips people already on the case', () => {
    const people = ['ann', 'bob'].map((id) => person({ id, ...utc, skills: ['network', 'dns'] }));
    const routes = routeTags({ tags: ['network', 'dns'], priority: 'P3', config: config(people), workloads: new Map(), now: mondayNoonUtc });
    expect(routes.map((r) => r.chosen.map((p) => p.id))).toEqual([['ann'], ['bob', 'ann']]);
    expect(routeTags({ tags: ['network'], priority: 'P3', config: config(people), workloads: new Map(), now: mondayNoonUtc, exclude: new Set(['ann']) })[0]!.chosen.map((p) => p.id)).toEqual(['bob']);
  });

  it('falls back to the tag’s group, else the manager channel, when nobody is available', () => {
    const people = [person({ id: 'ann', timeZone: 'UTC', workingHours: {}, skills: ['network', 'billing'] }), person({ id: 'boss', roles: ['manager'], skills: [] })];
    const routes = routeTags({ tags: ['billing', 'network'], priority: 'P2', config: config(people), workloads: new Map(), now: mondayNoonUtc });
    expect(routes[0]!.fallback).toEqual({ kind: 'group', people: [people[1]], slackChannel: 'C0BILLING' });
    expect(routes[1]!.fallback).toEqual({ kind: 'managers', slackChannel: 'C0MANAGERS' });
    expect(routes[1]!.skipped).toEqual([{ person: people[0], reason: 'off_hours' }]);
  });
});

describe('escalation to an agent', () => {
  it('picks the least loaded available agent with a Slack id, or nobody', () => {
    const at = new Date('2026-11-23T12:00:00Z');
    const agent = (id: string, extra: Record<string, unknown> = {}) =>
      person({ id, roles: ['agent'], skills: [], slackUserId: `U0${id.toUpperCase()}`, timeZone: 'UTC', workingHours: weekdays9to17, ...extra });
    const people = [agent('ann'), agent('bob'), person({ id: 'spec', timeZone: 'UTC', workingHours: weekdays9to17 })];
    expect(pickAgent(people, new Map([['ann', { activeCases: 4, lastPickedAt: null }]]), at).agent?.id).toBe('bob');
    expect(pickAgent(people, new Map(), new Date('2026-11-22T12:00:00Z')).agent).toBeUndefined();
  });
});

describe('when a nag to a person may go', () => {
  const tallinn = (extra: Record<string, unknown> = {}) => person({ id: 'p', timeZone: 'Europe/Tallinn', workingHours: weekdays9to17, ...extra });
  it.each([
    ['inside their hours: at once', {}, '2026-11-23T10:00:00Z', '2026-11-23T10:00:00.000Z'],
    ['after their day: next morning in their zone', {}, '2026-11-23T16:00:00Z', '2026-11-24T07:00:00.000Z'],
    ['on Saturday: Monday morning', {}, '2026-11-28T10:00:00Z', '2026-11-30T07:00:00.000Z'],
    ['out of office until Tuesday: Wednesday morning', { outOfOffice: [{ from: '2026-11-23', to: '2026-11-24' }] }, '2026-11-23T10:00:00Z', '2026-11-25T07:00:00.000Z'],
    ['two absences back to back', { outOfOffice: [{ from: '2026-11-23', to: '2026-11-23' }, { from: '2026-11-24', to: '2026-11-24' }] }, '2026-11-23T10:00:00Z', '2026-11-25T07:00:00.000Z'],
    ['no hours at all: at once', { workingHours: {} }, '2026-11-28T10:00:00Z', '2026-11-28T10:00:00.000Z'],
  ])('%s', (_name, extra, at, expected) => {
    expect(workingFrom(tallinn(extra), new Date(at)).toISOString()).toBe(expected);
  });
});
