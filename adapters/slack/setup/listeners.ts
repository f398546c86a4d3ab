import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { asCodedError, SettingsInvalidError } from '../../../src/errors.js';
import { userMessage } from '../../../src/messages/index.js';
import { accountEdit, channelsEdit, personEdit, skillEdit, teamsEdit, withFirstManager } from '../../../src/settings/edits.js';
import type { SettingsSource, StoredSettings } from '../../../src/settings/settings.repository.js';
import type { Editor, SettingsEdit, SetupService } from '../../../src/settings/setup.service.js';
import type { SlackShared } from '../deps.js';
import { teamOf, type SlackRouter } from '../router.js';
import { accountFromForm, FieldError, fieldErrors, formValuesSchema, personFromForm, skillFromForm, reader, type FormValues, type Profile } from './forms.js';
import { setupIds } from './ids.js';
import { accountForm, homeView, personForm, setupView, skillForm, teamsForm, type ChannelProblem, type FormMetadata } from './views.js';

export interface SetupDeps extends SlackShared {
  setup: SetupService;
  /** The Slack user who installed tugi into a workspace (OAuth), if known. */
  installerOf(workspace: string): Promise<string | undefined>;
}

type Ack = (answer?: object) => Promise<void>;
type Args = { body: unknown; ack: Ack; client: WebClient };

const interaction = z.object({
  user: z.object({ id: z.string() }),
  trigger_id: z.string().optional(),
  view: z.object({ id: z.string(), root_view_id: z.string().nullish(), private_metadata: z.string().default(''), state: z.object({ values: formValuesSchema }).optional() }).optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })).optional(),
});

/** `/tugi setup` (answered here, before any desk: a new workspace has none yet). */
export const isSetupCommand = (body: unknown) => /^\s*setup\s*$/i.test(String((body as { text?: unknown }).text ?? ''));

/**
 * Setup in chat: `/tugi setup` and the Home tab open a modal with the workspace's channels, and its
 * accounts, people, skill tags and Teams side, each edited in a form pushed on top. Every save is
 * checked as a whole by the settings schema (errors under the field, nothing saved), recorded, and
 * in use at once. Only managers — or, before a manager exists, the installer or a workspace admin.
 */
export function register(router: SlackRouter, deps: SetupDeps): { command: (args: Args) => Promise<boolean> } {
  const editorOf = async (client: WebClient, workspace: string, userId: string): Promise<Editor & { profile: Profile | undefined }> => {
    const [installer, info] = await Promise.all([deps.installerOf(workspace), client.users.info({ user: userId }).catch(() => undefined)]);
    const user = info?.user;
    const profile = user ? { name: user.real_name || user.profile?.real_name || user.name || userId, timeZone: user.tz || undefined } : undefined;
    return { userId, installer: installer === userId, workspaceAdmin: Boolean(user?.is_admin || user?.is_owner), profile };
  };

  /** Channels tugi is not a member of, among those the settings name (public ones can be joined from the modal). */
  const channelProblems = async (client: WebClient, stored: StoredSettings | undefined): Promise<ChannelProblem[]> => {
    const config = stored?.config;
    if (!config) return [];
    const channels = [...new Set([config.workspace.triageChannel, config.workspace.managerChannel, ...config.accounts.flatMap((a) => a.channels.map((c) => c.id))])].slice(0, 20);
    const infos = await Promise.all(channels.map((channel) => client.conversations.info({ channel }).catch(() => undefined)));
    return infos.flatMap((info, i) => (info?.channel && !info.channel.is_member ? [{ channel: channels[i]!, private: Boolean(info.channel.is_private) }] : []));
  };

  /** The setup modal for these settings, with the channels tugi is not in flagged. */
  const mainView = async (client: WebClient, stored: StoredSettings | undefined) => setupView(stored, await channelProblems(client, stored));

  /** Opens the setup modal, or says privately why not. */
  const openSetup = async (client: WebClient, workspace: string, userId: string, triggerId: string): Promise<string | undefined> => {
    const stored = await deps.setup.read(workspace);
    if (!deps.setup.mayEdit(stored, await editorOf(client, workspace, userId))) return 'Only managers change tugi’s settings (before the first manager exists: whoever installed tugi, or a workspace admin).';
    await client.views.open({ trigger_id: triggerId, view: await mainView(client, stored) });
    return undefined;
  };


  router.withoutDesk.event('app_home_opened', async ({ body, event, client }) => {
    if (event.tab !== 'home') return;
    const workspace = teamOf(body) ?? '';
    const stored = await deps.setup.read(workspace);
    const editor = await editorOf(client, workspace, event.user);
    const changes = stored ? await deps.settings.changes(workspace, 5) : [];
    await client.views.publish({ user_id: event.user, view: homeView(stored, deps.setup.mayEdit(stored, editor), changes) });
  });

  router.withoutDesk.action(setupIds.open, async ({ body, ack, client, respond }) => {
    await ack();
    const p = interaction.parse(body);
    const refusal = await openSetup(client, teamOf(body) ?? '', p.user.id, p.trigger_id ?? '');
    if (refusal) await respond({ response_type: 'ephemeral', text: refusal }).catch(() => undefined);
  });

  router.withoutDesk.action(setupIds.join, async ({ body, ack, client }) => {
    await ack();
    const p = interaction.parse(body);
    const channel = p.actions?.[0]?.value;
    if (!channel || !p.view) return;
    await client.conversations.join({ channel }).catch((err: unknown) => deps.logger.warn({ err, channel }, 'setup: could not join the channel'));
    await client.views.update({ view_id: p.view.id, view: await mainView(client, await deps.setup.read(teamOf(body) ?? '')) });
  });

  /** The buttons that open a form on top of the setup modal. */
  const pushForm = (actionId: string, build: (stored: StoredSettings | undefined, key: string | null, metadata: FormMetadata) => ReturnType<typeof teamsForm>, editing: boolean) =>
    router.withoutDesk.action(actionId, async ({ body, ack, client }) => {
      await ack();
      const p = interaction.parse(body);
      const stored = await deps.setup.read(teamOf(body) ?? '');
      const key = editing ? (p.actions?.[0]?.value ?? null) : null;
      await client.views.push({ trigger_id: p.trigger_id ?? '', view: build(stored, key, { key, version: stored?.version ?? 0 }) });
    });
  const accountOf = (stored: StoredSettings | undefined, id: string | null) => stored?.config.accounts.find((a) => a.id === id);
  const accountSource = (stored: StoredSettings | undefined, id: string | null) => (stored?.source.accounts as SettingsSource[] | undefined)?.find((a) => a.id === id);
  const tags = (stored: StoredSettings | undefined) => stored?.config.skills.map((s) => s.tag) ?? [];
  pushForm(setupIds.addAccount, (_s, _k, m) => accountForm(m, undefined, undefined), false);
  pushForm(setupIds.editAccount, (s, k, m) => accountForm(m, accountSource(s, k), accountOf(s, k)), true);
  pushForm(setupIds.addPerson, (s, _k, m) => personForm(m, undefined, tags(s)), false);
  pushForm(setupIds.editPerson, (s, k, m) => personForm(m, s?.config.people.find((p) => p.id === k), tags(s)), true);
  pushForm(setupIds.addSkill, (s, _k, m) => skillForm(m, undefined, s?.config.people ?? []), false);
  pushForm(setupIds.editSkill, (s, k, m) => skillForm(m, s?.config.skills.find((t) => t.tag === k), s?.config.people ?? []), true);
  pushForm(setupIds.editTeams, (s, _k, m) => teamsForm(m, s?.config.teams ?? {}), false);

  /** A submitted form: saved as a whole, or its problems shown under its fields and nothing saved. */
  const submitted = (
    callbackId: string,
    options: {
      fields: string[];
      /** What the form edits: an entry of a list, or a section of the settings. */
      list?: 'accounts' | 'people' | 'skills';
      section?: 'workspace' | 'teams';
      edit: (values: FormValues, metadata: FormMetadata, editor: Editor & { profile: Profile | undefined }, client: WebClient) => Promise<SettingsEdit> | SettingsEdit;
      /** The main modal stays open (updated) after a save; a form on top closes back to it. */
      stays?: boolean;
    },
  ) =>
    router.withoutDesk.view(callbackId, async ({ body, ack, client }) => {
      const answer = ack as Ack;
      const p = interaction.safeParse(body);
      const workspace = teamOf(body);
      if (!p.success || !p.data.view || !workspace) return answer({ response_action: 'errors', errors: { [options.fields[0]!]: 'That form was not understood; nothing was saved.' } });
      const view = p.data.view;
      const metadata = parseMetadata(view.private_metadata);
      const values = view.state?.values ?? {};
      try {
        const editor = await editorOf(client, workspace, p.data.user.id);
        const edit = await options.edit(values, metadata, editor, client);
        const stored = await deps.setup.save(workspace, editor, edit);
        if (options.stays) return answer({ response_action: 'update', view: await mainView(client, stored) });
        await answer();
        if (view.root_view_id) await client.views.update({ view_id: view.root_view_id, view: await mainView(client, stored) });
      } catch (error) {
        if (error instanceof FieldError) return answer({ response_action: 'errors', errors: { [error.block]: error.message } });
        if (error instanceof SettingsInvalidError) {
          const scope = options.list ? await entryPath(workspace, options.list, metadata.key) : [options.section ?? ''];
          return answer({ response_action: 'errors', errors: clipped(fieldErrors(error.problems, scope, options.fields, options.fields[0]!)) });
        }
        if (!asCodedError(error)) deps.logger.error({ err: error }, 'setup: saving failed');
        return answer({ response_action: 'errors', errors: { [options.fields[0]!]: userMessage(error) } });
      }
    });

  /** Where the edited entry sits in its list (`accounts.2`): a new one is added last. */
  const entryPath = async (workspace: string, list: 'accounts' | 'people' | 'skills', key: string | null) => {
    const entries = ((await deps.setup.read(workspace))?.source[list] ?? []) as SettingsSource[];
    const index = key === null ? -1 : entries.findIndex((e) => (list === 'skills' ? e.tag : e.id) === key);
    return [list, String(index >= 0 ? index : entries.length)];
  };

  submitted(setupIds.mainView, {
    fields: [setupIds.triageBlock, setupIds.managerBlock],
    section: 'workspace',
    stays: true,
    edit(values, metadata, editor) {
      const read = reader(values);
      const edit = channelsEdit(metadata.version, { triageChannel: read.conversation(setupIds.triageBlock), managerChannel: read.conversation(setupIds.managerBlock) });
      return editor.profile && metadata.version === 0 ? withFirstManager(edit, { slackUserId: editor.userId, ...editor.profile }) : edit;
    },
  });
  submitted(setupIds.accountView, {
    fields: ['name', 'language', 'defaultPriority', 'channels', 'firstResponse', 'resolution', 'ai'],
    list: 'accounts',
    edit: (values, m) => accountEdit(m.version, m.key, reader(values).removing() ? 'remove' : accountFromForm(values)),
  });
  submitted(setupIds.personView, {
    fields: ['slackUserId', 'name', 'roles', 'skills', 'timeZone', 'workingHours', 'awayFrom', 'awayTo', 'aadObjectId'],
    list: 'people',
    async edit(values, m, _editor, client) {
      if (reader(values).removing()) return personEdit(m.version, m.key, 'remove');
      const user = reader(values).user('slackUserId');
      const info = user ? await client.users.info({ user }).catch(() => undefined) : undefined;
      const profile = info?.user ? { name: info.user.real_name || info.user.name || user!, timeZone: info.user.tz || undefined } : undefined;
      return personEdit(m.version, m.key, personFromForm(values, profile));
    },
  });
  submitted(setupIds.skillView, {
    fields: ['tag', 'description', 'specialistsPerPull', 'fallbackPeople'],
    list: 'skills',
    edit: (values, m) => skillEdit(m.version, m.key, reader(values).removing() ? 'remove' : skillFromForm(values)),
  });
  submitted(setupIds.teamsView, {
    fields: ['tenantId', 'specialistChannel'],
    section: 'teams',
    edit: (values, m) => teamsEdit(m.version, { tenantId: reader(values).text('tenantId'), specialistChannel: reader(values).text('specialistChannel') }),
  });

  /** `/tugi setup`, taken before the command is routed to a workspace's desk (a new workspace has none yet). */
  const command = async ({ body, ack, client }: Args): Promise<boolean> => {
    if (!isSetupCommand(body)) return false;
    const p = body as { team_id: string; user_id: string; trigger_id: string };
    try {
      const refusal = await openSetup(client, p.team_id, p.user_id, p.trigger_id);
      await ack({ response_type: 'ephemeral', text: refusal ?? 'Opening tugi’s setup…' });
    } catch (error) {
      if (!asCodedError(error)) deps.logger.error({ err: error }, 'could not open setup');
      await ack({ response_type: 'ephemeral', text: userMessage(error) });
    }
    return true;
  };
  return { command };
}

function parseMetadata(text: string): FormMetadata {
  const parsed = z.object({ key: z.string().nullable().default(null), version: z.number().int().min(0) }).safeParse(JSON.parse(text || '{}'));
  return parsed.success ? parsed.data : { key: null, version: 0 };
}

/** Slack shows at most a few hundred characters under a field. */
const clipped = (errors: Record<string, string>) => Object.fromEntries(Object.entries(errors).map(([block, message]) => [block, message.length > 300 ? `${message.slice(0, 297)}…` : message]));
