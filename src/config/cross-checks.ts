import type { z } from 'zod';
import type { PersonConfig } from './people.js';

/** The parts of the config the cross-checks read (the parsed shape, before the checks pass). */
interface CheckedConfig {
  workspace: { triageChannel: string; managerChannel: string };
  accounts: { id: string; channels: { id: string }[]; teamsChannels: { id: string }[]; calendar?: string | undefined }[];
  calendars: { id: string }[];
  sla: { calendar?: string | undefined };
  people: PersonConfig[];
  skills: { tag: string; fallback?: { people: string[]; slackChannel?: string | undefined } | undefined }[];
  rules: { tags: string[] }[];
  teams: { specialistChannel?: string | undefined };
}

/** Rules that span entries: a channel mapped twice, an unknown tag, a person listed twice. */
export function crossCheck(config: CheckedConfig, ctx: z.RefinementCtx): void {
  const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });

  const owners = new Map<string, string>();
  config.accounts.forEach((account, a) => {
    const mapped = [
      ...account.channels.map((channel, c) => ({ id: channel.id, path: ['accounts', a, 'channels', c, 'id'] })),
      ...account.teamsChannels.map((channel, c) => ({ id: channel.id, path: ['accounts', a, 'teamsChannels', c, 'id'] })),
    ];
    for (const { id, path } of mapped) {
      const owner = owners.get(id);
      if (owner) problem(path, `channel ${id} is already mapped to account ${owner}`);
      owners.set(id, account.id);
    }
  });
  const internal = [
    config.workspace.triageChannel,
    config.workspace.managerChannel,
    config.teams.specialistChannel,
    ...config.skills.map((skill) => skill.fallback?.slackChannel),
  ];
  for (const id of internal) {
    if (id && owners.has(id)) problem(['workspace'], `internal channel ${id} is also a customer channel`);
  }

  const seen = { id: new Set<string>(), slack: new Set<string>(), teams: new Set<string>() };
  const tags = new Set(config.skills.map((skill) => skill.tag));
  config.people.forEach((person, p) => {
    const twice = (set: Set<string>, value: string | undefined, field: string, what: string) => {
      if (value && set.has(value.toLowerCase())) problem(['people', p, field], `${what} is listed for someone else too`);
      if (value) set.add(value.toLowerCase());
    };
    twice(seen.id, person.id, 'id', `id ${person.id}`);
    twice(seen.slack, person.slackUserId, 'slackUserId', 'this Slack user id');
    twice(seen.teams, person.teams?.aadObjectId, 'teams', 'this Teams object id');
    person.skills.forEach((tag, s) => {
      if (!tags.has(tag)) problem(['people', p, 'skills', s], `skill ${tag} is not declared under skills`);
    });
  });
  config.rules.forEach((rule, r) =>
    rule.tags.forEach((tag, t) => {
      if (!tags.has(tag)) problem(['rules', r, 'tags', t], `tag ${tag} is not declared under skills`);
    }),
  );
  const calendars = new Set<string>();
  config.calendars.forEach((calendar, c) => {
    if (calendars.has(calendar.id)) problem(['calendars', c, 'id'], `calendar ${calendar.id} is defined twice`);
    calendars.add(calendar.id);
  });
  const unknownCalendar = (id: string | undefined, path: (string | number)[]) => {
    if (id && !calendars.has(id)) problem(path, `no calendar has id ${id}`);
  };
  unknownCalendar(config.sla.calendar, ['sla', 'calendar']);
  config.accounts.forEach((account, a) => unknownCalendar(account.calendar, ['accounts', a, 'calendar']));

  config.skills.forEach((skill, s) =>
    skill.fallback?.people.forEach((id, f) => {
      if (!seen.id.has(id.toLowerCase())) problem(['skills', s, 'fallback', 'people', f], `no person has id ${id}`);
    }),
  );
}
