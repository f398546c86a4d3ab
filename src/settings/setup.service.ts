import { NotAllowedError } from '../errors.js';
import type { Desks } from '../desk/desks.js';
import type { Clock } from '../ports/clock.js';
import type { SettingsRepository, SettingsSource, StoredSettings } from './settings.repository.js';

/** Who is asking to change settings, as far as the platform can tell. */
export interface Editor {
  userId: string;
  /** Installed tugi into this workspace (OAuth). */
  installer: boolean;
  /** A Slack workspace admin or owner: may set tugi up in a single-token workspace before it has a manager. */
  workspaceAdmin: boolean;
}

/** A change to the settings, described for the change log, applied to the document as written. */
export interface SettingsEdit {
  summary: string;
  /** The version the form was built from: a save on top of someone else's newer one is refused. */
  basedOn: number;
  apply(source: SettingsSource): SettingsSource;
}

/**
 * Changing a workspace's settings from chat: who may, and the save that puts the change to work
 * at once on this replica (others follow within seconds, see Desks).
 */
export class SetupService {
  constructor(private readonly deps: { settings: SettingsRepository; desks: Desks; clock: Clock }) {}

  read(workspace: string): Promise<StoredSettings | undefined> {
    return this.deps.settings.get(workspace);
  }

  /** Managers may; before any manager exists, the installer (or a Slack workspace admin) may, so someone can begin. */
  mayEdit(stored: StoredSettings | undefined, editor: Editor): boolean {
    const people = stored?.config.people ?? [];
    if (people.some((person) => person.slackUserId === editor.userId && person.roles.includes('manager'))) return true;
    const hasManager = people.some((person) => person.roles.includes('manager'));
    return !hasManager && (editor.installer || editor.workspaceAdmin);
  }

  async save(workspace: string, editor: Editor, edit: SettingsEdit): Promise<StoredSettings> {
    const current = await this.read(workspace);
    if (!this.mayEdit(current, editor)) throw new NotAllowedError('change tugi\'s settings (managers can)');
    const base = structuredClone(current?.source ?? {});
    // The workspace a form was opened in is the one it changes, whatever the document said.
    const edited = edit.apply(base);
    const source = { ...edited, workspace: { ...(edited.workspace ?? {}), slackTeamId: workspace } };
    const stored = await this.deps.settings.save(workspace, source, { by: editor.userId, basedOn: edit.basedOn, summary: edit.summary, at: this.deps.clock.now() });
    await this.deps.desks.apply(stored);
    return stored;
  }
}
