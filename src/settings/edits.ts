import type { SettingsEdit } from './setup.service.js';
import type { SettingsSource } from './settings.repository.js';

/**
 * The changes the setup forms make, each on the settings as written (so what a file said and chat
 * did not touch stays as it was, comments aside). Every edit is validated as a whole on save.
 */
type Entry = Record<string, unknown>;
const list = (source: SettingsSource, key: string): Entry[] => (Array.isArray(source[key]) ? (source[key] as Entry[]) : []);

/** A lowercase id from a name (`Acme Ltd` → `acme-ltd`), made unique among `taken`. */
export function idFrom(name: string, taken: string[], pattern: 'account' | 'person'): string {
  const separator = pattern === 'person' ? '.' : '-';
  const base = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, separator).replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '') || pattern;
  let id = base;
  for (let n = 2; taken.includes(id); n += 1) id = `${base}${separator}${n}`;
  return id;
}

/** Replaces the entry whose `field` is `key` (or adds it when key is null or unknown), keeping the fields the form does not show. */
function upsert(source: SettingsSource, listKey: string, field: string, key: string | null, entry: Entry): SettingsSource {
  const entries = list(source, listKey);
  const index = key === null ? -1 : entries.findIndex((e) => e[field] === key);
  const merged = index >= 0 ? { ...entries[index], ...entry } : entry;
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  const next = index >= 0 ? entries.map((e, i) => (i === index ? merged : e)) : [...entries, merged];
  return { ...source, [listKey]: next };
}

function remove(source: SettingsSource, listKey: string, field: string, key: string): SettingsSource {
  return { ...source, [listKey]: list(source, listKey).filter((e) => e[field] !== key) };
}

export function channelsEdit(basedOn: number, channels: { triageChannel: string | undefined; managerChannel: string | undefined }): SettingsEdit {
  return {
    basedOn,
    summary: 'chose the triage and manager channels',
    apply: (source) => ({ ...source, workspace: { ...(source.workspace ?? {}), ...channels } }),
  };
}

export interface AccountForm {
  name: string;
  language: string | undefined;
  defaultPriority: string | undefined;
  channels: string[];
  sla: Record<string, { firstResponse?: string; resolution?: string }>;
  /** Whether the account's cases may be sent to the model provider for drafts (undefined: a form without the field, kept as it is). */
  ai: boolean | undefined;
}

export function accountEdit(basedOn: number, id: string | null, form: AccountForm | 'remove'): SettingsEdit {
  if (form === 'remove') return { basedOn, summary: `removed account ${id}`, apply: (source) => remove(source, 'accounts', 'id', id!) };
  return {
    basedOn,
    summary: id ? `changed account ${form.name}` : `added account ${form.name}`,
    apply(source) {
      const existing = list(source, 'accounts').find((a) => a.id === id);
      // A channel keeps its intake switches (set in a file) when it stays on the account.
      const oldChannels = (Array.isArray(existing?.channels) ? existing.channels : []) as Entry[];
      const channels = form.channels.map((channel) => oldChannels.find((c) => c.id === channel) ?? { id: channel });
      const accountId = id ?? idFrom(form.name, list(source, 'accounts').map((a) => String(a.id)), 'account');
      return upsert(source, 'accounts', 'id', id, { id: accountId, name: form.name, language: form.language, defaultPriority: form.defaultPriority, channels, sla: Object.keys(form.sla).length ? form.sla : undefined, ...aiField(form.ai) });
    },
  };
}

/** `ai` is written only to turn drafts off (on is the default); a form without the field leaves it alone. */
const aiField = (ai: boolean | undefined): Entry => (ai === undefined ? {} : { ai: ai ? undefined : false });

export interface PersonForm {
  slackUserId: string | undefined;
  name: string;
  roles: string[];
  skills: string[];
  timeZone: string | undefined;
  workingHours: Record<string, string[]> | undefined;
  outOfOffice: { from: string; to: string } | undefined;
  aadObjectId: string | undefined;
}

export function personEdit(basedOn: number, id: string | null, form: PersonForm | 'remove'): SettingsEdit {
  if (form === 'remove') return { basedOn, summary: `removed person ${id}`, apply: (source) => remove(source, 'people', 'id', id!) };
  return {
    basedOn,
    summary: id ? `changed person ${form.name}` : `added person ${form.name}`,
    apply(source) {
      const existing = list(source, 'people').find((p) => p.id === id);
      const personId = id ?? idFrom(form.name, list(source, 'people').map((p) => String(p.id)), 'person');
      const oldTeams = existing?.teams as Entry | undefined;
      return upsert(source, 'people', 'id', id, {
        id: personId,
        name: form.name,
        roles: form.roles,
        skills: form.skills,
        slackUserId: form.slackUserId,
        timeZone: form.timeZone,
        workingHours: form.workingHours,
        outOfOffice: form.outOfOffice ? [form.outOfOffice] : [],
        teams: form.aadObjectId ? { ...(oldTeams ?? {}), aadObjectId: form.aadObjectId } : undefined,
      });
    },
  };
}

export interface SkillForm {
  tag: string;
  description: string | undefined;
  specialistsPerPull: number | undefined;
  fallbackPeople: string[];
}

export function skillEdit(basedOn: number, tag: string | null, form: SkillForm | 'remove'): SettingsEdit {
  if (form === 'remove') return { basedOn, summary: `removed skill tag ${tag}`, apply: (source) => remove(source, 'skills', 'tag', tag!) };
  return {
    basedOn,
    summary: tag ? `changed skill tag ${form.tag}` : `added skill tag ${form.tag}`,
    apply(source) {
      const existing = list(source, 'skills').find((s) => s.tag === tag);
      const fallback: Entry = { ...((existing?.fallback as Entry | undefined) ?? {}), people: form.fallbackPeople };
      const keep = fallback.slackChannel !== undefined || form.fallbackPeople.length > 0;
      return upsert(source, 'skills', 'tag', tag, { tag: form.tag, description: form.description, specialistsPerPull: form.specialistsPerPull, fallback: keep ? fallback : undefined });
    },
  };
}

export function teamsEdit(basedOn: number, form: { tenantId: string | undefined; specialistChannel: string | undefined }): SettingsEdit {
  return {
    basedOn,
    summary: 'changed the Microsoft Teams settings',
    apply: (source) => {
      const teams: Entry = { ...((source.teams as Entry | undefined) ?? {}), ...form };
      for (const [name, value] of Object.entries(teams)) if (value === undefined) delete teams[name];
      return { ...source, teams };
    },
  };
}

/** Adds the first editor as the first manager, so a new workspace has someone who may change it later. */
export function withFirstManager(edit: SettingsEdit, person: { slackUserId: string; name: string; timeZone: string | undefined }): SettingsEdit {
  return {
    ...edit,
    summary: `${edit.summary}; added ${person.name} as the first manager`,
    apply(source) {
      const next = edit.apply(source);
      if (list(next, 'people').some((p) => Array.isArray(p.roles) && p.roles.includes('manager'))) return next;
      const ids = list(next, 'people').map((p) => String(p.id));
      return upsert(next, 'people', 'slackUserId', person.slackUserId, { id: idFrom(person.name, ids, 'person'), name: person.name, roles: ['manager', 'agent'], slackUserId: person.slackUserId, timeZone: person.timeZone });
    },
  };
}
