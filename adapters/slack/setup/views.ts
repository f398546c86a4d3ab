import type { KnownBlock, View } from '@slack/types';
import { languages, priorities, roles, type WorkspaceConfig } from '../../../src/config/index.js';
import type { StoredSettings } from '../../../src/settings/settings.repository.js';
import { setupIds } from './ids.js';

/** A channel tugi cannot see: the setup view flags it, with a one-click join for public ones. */
export interface ChannelProblem {
  channel: string;
  private: boolean;
}

const plain = (text: string) => ({ type: 'plain_text' as const, text: text.slice(0, 150), emoji: true });
const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text: text.slice(0, 3000) });
const option = (text: string, value: string) => ({ text: plain(text), value });
const languageNames: Record<string, string> = { en: 'English', et: 'Estonian' };
/** Each list shows this many entries; a modal holds at most 100 blocks. */
const listLimit = 15;

const editButton = (actionId: string, value: string) => ({ type: 'button' as const, action_id: actionId, text: plain('Edit'), value });
const addButton = (actionId: string, text: string) => ({ type: 'button' as const, action_id: actionId, text: plain(text), style: 'primary' as const });

/** The setup modal: channels on top (submitted with Save), then accounts, people, skills and Teams, each edited in a form of its own. */
export function setupView(stored: StoredSettings | undefined, problems: ChannelProblem[]): View {
  const config = stored?.config;
  const blocks: KnownBlock[] = [
    { type: 'section', text: mrkdwn('*Channels*\nCases are triaged in the triage channel; reports and the weekly digest go to the manager channel.') },
    channelInput(setupIds.triageBlock, 'Triage channel', config?.workspace.triageChannel),
    channelInput(setupIds.managerBlock, 'Manager channel', config?.workspace.managerChannel),
    ...problems.map(problemBlock),
  ];
  if (!config) {
    blocks.push({ type: 'context', elements: [mrkdwn('Save the two channels first; then add customer accounts, people and skill tags here. You are added as the first manager.')] });
  } else {
    blocks.push(...listSection('Customer accounts', setupIds.addAccount, 'Add account', config.accounts, (a) => accountLine(a), (a) => editButton(setupIds.editAccount, a.id)));
    blocks.push(...listSection('People', setupIds.addPerson, 'Add person', config.people, personLine, (p) => editButton(setupIds.editPerson, p.id)));
    blocks.push(...listSection('Skill tags', setupIds.addSkill, 'Add skill tag', config.skills, skillLine(config), (s) => editButton(setupIds.editSkill, s.tag)));
    blocks.push(
      { type: 'divider' },
      {
        type: 'section',
        text: mrkdwn(`*Microsoft Teams*\n${config.teams.tenantId ? `Tenant \`${config.teams.tenantId}\`` : 'No tenant connected'} · ${config.teams.specialistChannel ? 'specialist threads in a Teams channel' : 'no specialist channel'}`),
        accessory: editButton(setupIds.editTeams, 'teams'),
      },
      { type: 'context', elements: [mrkdwn(`Version ${stored!.version}, last changed by ${stored!.updatedBy.startsWith('U') || stored!.updatedBy.startsWith('W') ? `<@${stored!.updatedBy}>` : stored!.updatedBy} on ${stored!.updatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC. Every change is recorded; \`npm run config:export\` writes the settings as YAML.`)] },
    );
  }
  return {
    type: 'modal',
    callback_id: setupIds.mainView,
    private_metadata: JSON.stringify({ version: stored?.version ?? 0 }),
    title: plain('Set up tugi'),
    submit: plain('Save channels'),
    close: plain('Close'),
    blocks,
  };
}

function channelInput(blockId: string, label: string, initial: string | undefined): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    element: {
      type: 'conversations_select',
      action_id: setupIds.pick,
      filter: { include: ['public', 'private'], exclude_bot_users: true, exclude_external_shared_channels: true },
      ...(initial ? { initial_conversation: initial } : {}),
    },
  };
}

function problemBlock(problem: ChannelProblem): KnownBlock {
  return problem.private
    ? { type: 'context', elements: [mrkdwn(`:warning: tugi is not in <#${problem.channel}>. It is private: invite tugi there with \`/invite @tugi\`.`)] }
    : { type: 'section', text: mrkdwn(`:warning: tugi is not in <#${problem.channel}>, so it cannot read or post there.`), accessory: { type: 'button', action_id: setupIds.join, text: plain('Join channel'), value: problem.channel } };
}

function listSection<T>(title: string, addId: string, addText: string, entries: T[], line: (entry: T) => string, edit: (entry: T) => ReturnType<typeof editButton>): KnownBlock[] {
  const shown = entries.slice(0, listLimit);
  const more = entries.length - shown.length;
  return [
    { type: 'divider' },
    { type: 'section', text: mrkdwn(`*${title}*${entries.length === 0 ? '\nNone yet.' : ''}`), accessory: addButton(addId, addText) },
    ...shown.map((entry): KnownBlock => ({ type: 'section', text: mrkdwn(line(entry)), accessory: edit(entry) })),
    ...(more > 0 ? [{ type: 'context' as const, elements: [mrkdwn(`…and ${more} more: edit them with \`npm run config:export\` and \`config:import\`.`)] }] : []),
  ];
}

const accountLine = (account: WorkspaceConfig['accounts'][number]) =>
  `*${account.name}* (\`${account.id}\`) · ${languageNames[account.language]} · ${account.defaultPriority}${account.ai ? '' : ' · no drafts'}\n${account.channels.length ? account.channels.map((c) => `<#${c.id}>`).join(', ') : 'no channels yet'}`;

const personLine = (person: WorkspaceConfig['people'][number]) =>
  `*${person.name}*${person.slackUserId ? ` (<@${person.slackUserId}>)` : ''} · ${person.roles.join(', ')}${person.skills.length ? ` · ${person.skills.join(', ')}` : ''}\n${person.timeZone}${person.outOfOffice.length ? ` · away ${person.outOfOffice.map((o) => `${o.from}–${o.to}`).join(', ')}` : ''}`;

const skillLine = (config: WorkspaceConfig) => (skill: WorkspaceConfig['skills'][number]) => {
  const holders = config.people.filter((p) => p.skills.includes(skill.tag)).length;
  const fallback = skill.fallback?.people.length ? ` · fallback: ${skill.fallback.people.join(', ')}` : '';
  return `*${skill.tag}*${skill.description ? ` — ${skill.description}` : ''}\n${holders} ${holders === 1 ? 'person' : 'people'}${fallback}${skill.specialistsPerPull ? ` · asks ${skill.specialistsPerPull}` : ''}`;
};

/** What a sub-form carries: the entry it edits (null: a new one) and the settings version it was built from. */
export interface FormMetadata {
  key: string | null;
  version: number;
}

function form(callbackId: string, title: string, metadata: FormMetadata, blocks: KnownBlock[], removable: boolean): View {
  const remove: KnownBlock[] = removable
    ? [{ type: 'input', block_id: setupIds.removeBlock, optional: true, label: plain('Remove'), element: { type: 'checkboxes', action_id: setupIds.value, options: [option('Remove this entry when I save', 'remove')] } }]
    : [];
  return { type: 'modal', callback_id: callbackId, private_metadata: JSON.stringify(metadata), title: plain(title), submit: plain('Save'), close: plain('Back'), blocks: [...blocks, ...remove] };
}

const text = (blockId: string, label: string, initial: string | undefined, opts: { optional?: boolean; hint?: string; placeholder?: string; multiline?: boolean } = {}): KnownBlock => ({
  type: 'input',
  block_id: blockId,
  optional: opts.optional ?? false,
  label: plain(label),
  ...(opts.hint ? { hint: plain(opts.hint) } : {}),
  element: { type: 'plain_text_input', action_id: setupIds.value, multiline: opts.multiline ?? false, ...(initial ? { initial_value: initial } : {}), ...(opts.placeholder ? { placeholder: plain(opts.placeholder) } : {}) },
});

const select = (blockId: string, label: string, choices: Array<[string, string]>, initial: string | undefined): KnownBlock => {
  const options = choices.map(([value, name]) => option(name, value));
  const chosen = options.find((o) => o.value === initial);
  return { type: 'input', block_id: blockId, label: plain(label), element: { type: 'static_select', action_id: setupIds.value, options, ...(chosen ? { initial_option: chosen } : {}) } };
};

/** SLA overrides as people say them: `P1 30 minutes, P2 4 business hours`. */
export const slaLine = (sla: Record<string, { firstResponse?: string; resolution?: string } | undefined>, target: 'firstResponse' | 'resolution') =>
  Object.entries(sla)
    .flatMap(([priority, targets]) => (targets?.[target] ? [`${priority} ${targets[target]}`] : []))
    .join(', ');

const aiOption = option('Drafts by the model provider for their cases', 'on');

export function accountForm(metadata: FormMetadata, source: Record<string, unknown> | undefined, account: WorkspaceConfig['accounts'][number] | undefined): View {
  const sla = (source?.sla ?? {}) as Record<string, { firstResponse?: string; resolution?: string }>;
  return form(
    setupIds.accountView,
    account ? 'Edit account' : 'Add account',
    metadata,
    [
      text('name', 'Customer name', account?.name, { placeholder: 'Acme Ltd' }),
      select('language', 'Language of messages to them', languages.map((l) => [l, languageNames[l]!]), account?.language ?? 'en'),
      select('defaultPriority', 'Default priority of their cases', priorities.map((p) => [p, p]), account?.defaultPriority ?? 'P3'),
      {
        type: 'input',
        block_id: 'channels',
        optional: true,
        label: plain('Their channels'),
        hint: plain('Messages in these channels become cases (Slack Connect channels too).'),
        element: { type: 'multi_conversations_select', action_id: setupIds.value, filter: { include: ['public', 'private'], exclude_bot_users: true }, ...(account?.channels.length ? { initial_conversations: account.channels.map((c) => c.id) } : {}) },
      },
      text('firstResponse', 'First-response targets (optional)', slaLine(sla, 'firstResponse') || undefined, { optional: true, placeholder: 'P1 30 minutes, P2 2 business hours', hint: 'Overrides the team policy per priority; leave empty for the defaults.' }),
      text('resolution', 'Resolution targets (optional)', slaLine(sla, 'resolution') || undefined, { optional: true, placeholder: 'P1 4 hours, P3 3 business days' }),
      {
        type: 'input',
        block_id: 'ai',
        optional: true,
        label: plain('Drafts'),
        hint: plain('Unticked, nothing of this customer’s cases is sent to the model provider (TUGI_AI_BASE_URL), if one is configured.'),
        element: { type: 'checkboxes', action_id: setupIds.value, options: [aiOption], ...(account?.ai === false ? {} : { initial_options: [aiOption] }) },
      },
    ],
    Boolean(account),
  );
}

/** Working hours as people say them: `mon-fri 09:00-17:00; sat 10:00-14:00`. */
export function hoursLine(hours: Record<string, Array<{ from: number; to: number }> | undefined>): string {
  const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return Object.entries(hours)
    .filter(([, shifts]) => shifts?.length)
    .map(([day, shifts]) => `${day} ${shifts!.map((s) => `${hhmm(s.from)}-${hhmm(s.to)}`).join(' ')}`)
    .join('; ');
}

export function personForm(metadata: FormMetadata, person: WorkspaceConfig['people'][number] | undefined, tags: string[]): View {
  const roleOptions = roles.map((role) => option(role, role));
  const tagOptions = tags.map((tag) => option(tag, tag));
  const away = person?.outOfOffice[0];
  return form(
    setupIds.personView,
    person ? 'Edit person' : 'Add person',
    metadata,
    [
      { type: 'input', block_id: 'slackUserId', label: plain('Slack user'), element: { type: 'users_select', action_id: setupIds.value, ...(person?.slackUserId ? { initial_user: person.slackUserId } : {}) } },
      text('name', 'Name', person?.name, { optional: true, hint: 'Leave empty to use their Slack name.' }),
      { type: 'input', block_id: 'roles', label: plain('Roles'), element: { type: 'checkboxes', action_id: setupIds.value, options: roleOptions, ...(person?.roles.length ? { initial_options: roleOptions.filter((o) => person.roles.includes(o.value as never)) } : {}) } },
      ...(tagOptions.length
        ? [{ type: 'input' as const, block_id: 'skills', optional: true, label: plain('Skill tags'), element: { type: 'multi_static_select' as const, action_id: setupIds.value, options: tagOptions, ...(person?.skills.length ? { initial_options: tagOptions.filter((o) => person.skills.includes(o.value)) } : {}) } }]
        : []),
      text('timeZone', 'Time zone', person?.timeZone, { optional: true, hint: 'Leave empty to take it from their Slack profile.', placeholder: 'Europe/Tallinn' }),
      text('workingHours', 'Working hours', person ? hoursLine(person.workingHours) : undefined, { optional: true, placeholder: 'mon-fri 09:00-17:00', hint: 'In their time zone; leave empty for Mon–Fri 09:00–17:00.' }),
      { type: 'input', block_id: 'awayFrom', optional: true, label: plain('Out of office from'), element: { type: 'datepicker', action_id: setupIds.value, ...(away ? { initial_date: away.from.slice(0, 10) } : {}) } },
      { type: 'input', block_id: 'awayTo', optional: true, label: plain('Out of office until'), element: { type: 'datepicker', action_id: setupIds.value, ...(away ? { initial_date: away.to.slice(0, 10) } : {}) } },
      text('aadObjectId', 'Teams identity (Azure AD object id)', person?.teams?.aadObjectId, { optional: true, hint: 'For people who work in Microsoft Teams: their object id from Entra ID.' }),
    ],
    Boolean(person),
  );
}

export function skillForm(metadata: FormMetadata, skill: WorkspaceConfig['skills'][number] | undefined, people: WorkspaceConfig['people']): View {
  const fallbackOptions = people.map((p) => option(p.name, p.id));
  return form(
    setupIds.skillView,
    skill ? 'Edit skill tag' : 'Add skill tag',
    metadata,
    [
      text('tag', 'Tag', skill?.tag, { placeholder: 'network', hint: 'Lowercase letters, digits and dashes.' }),
      text('description', 'What it covers', skill?.description, { optional: true, placeholder: 'VPN, DNS, firewalls' }),
      {
        type: 'input',
        block_id: 'specialistsPerPull',
        optional: true,
        label: plain('How many specialists to ask'),
        element: { type: 'number_input', action_id: setupIds.value, is_decimal_allowed: false, min_value: '1', max_value: '20', ...(skill?.specialistsPerPull ? { initial_value: String(skill.specialistsPerPull) } : {}) },
      },
      ...(fallbackOptions.length
        ? [{ type: 'input' as const, block_id: 'fallbackPeople', optional: true, label: plain('Fallback: who to ask when nobody is available'), element: { type: 'multi_static_select' as const, action_id: setupIds.value, options: fallbackOptions.slice(0, 100), ...(skill?.fallback?.people.length ? { initial_options: fallbackOptions.filter((o) => skill.fallback!.people.includes(o.value)) } : {}) } }]
        : []),
    ],
    Boolean(skill),
  );
}

export function teamsForm(metadata: FormMetadata, teams: WorkspaceConfig['teams']): View {
  return form(
    setupIds.teamsView,
    'Microsoft Teams',
    metadata,
    [
      text('tenantId', 'Your organisation’s tenant id', teams.tenantId, { optional: true, hint: 'Activities from other tenants must come from a customer account’s tenant.' }),
      text('specialistChannel', 'Specialist channel id', teams.specialistChannel, { optional: true, placeholder: '19:abc…@thread.tacv2', hint: 'Where specialist threads start: "Get link to channel" in Teams shows it.' }),
    ],
    false,
  );
}

/** The App Home tab: where the workspace stands, and the way into setup for those who may change it. */
export function homeView(stored: StoredSettings | undefined, mayEdit: boolean, changes: Array<{ at: Date; by: string; summary: string }>): View {
  const config = stored?.config;
  const status = config
    ? `Cases are triaged in <#${config.workspace.triageChannel}>; reports go to <#${config.workspace.managerChannel}>.\n${config.accounts.length} customer accounts · ${config.accounts.reduce((n, a) => n + a.channels.length, 0)} customer channels · ${config.people.length} people · ${config.skills.length} skill tags`
    : 'tugi is installed but not set up yet: choose its triage and manager channels to begin.';
  const who = (by: string) => (/^[UW][A-Z0-9]+$/.test(by) ? `<@${by}>` : by);
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: plain('tugi support desk') },
      { type: 'section', text: mrkdwn(status) },
      mayEdit
        ? { type: 'actions', elements: [{ type: 'button', action_id: setupIds.open, text: plain(config ? 'Open setup' : 'Set up tugi'), style: 'primary' }] }
        : { type: 'context', elements: [mrkdwn('Only managers change tugi’s settings. Ask one, or run `/tugi help` for what you can do.')] },
      ...(changes.length
        ? [
            { type: 'divider' as const },
            { type: 'section' as const, text: mrkdwn('*Recent changes*') },
            { type: 'context' as const, elements: [mrkdwn(changes.map((c) => `${c.at.toISOString().slice(0, 16).replace('T', ' ')} UTC · ${who(c.by)} ${c.summary}`).join('\n'))] },
          ]
        : []),
    ],
  };
}
