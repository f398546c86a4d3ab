import { workspaceConfigSchema, type WorkspaceConfig } from '../config/workspace.js';
import { SettingsConflictError, SettingsInvalidError } from '../errors.js';
import { insertedOnce } from '../storage/inserted-once.js';
import type { Models } from '../storage/models/index.js';
import { settingsDiff } from './settings-diff.js';

/** A workspace's settings: as written (`source`, what editors change and export writes) and as parsed. */
export interface StoredSettings {
  workspace: string;
  source: SettingsSource;
  config: WorkspaceConfig;
  version: number;
  updatedAt: Date;
  updatedBy: string;
  importedHash: string | null;
}

/** The settings as people write them: the YAML file's shape. */
export type SettingsSource = Record<string, unknown> & { workspace?: Record<string, unknown> };

export interface SaveOptions {
  /** Who saved: a Slack user id, or `import:<file>` / `seed` for the file paths. */
  by: string;
  /** The version the editor started from (0 for none); a save on top of a newer one is refused. */
  basedOn: number;
  summary: string;
  importedHash?: string;
  at: Date;
}

/** Parses settings with the YAML file's schema; problems come back with the path they are about. */
export function validateSettings(workspace: string, source: SettingsSource): WorkspaceConfig {
  const result = workspaceConfigSchema.safeParse(source);
  if (!result.success) {
    throw new SettingsInvalidError(result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(settings)', message: issue.message })));
  }
  if (result.data.workspace.slackTeamId !== workspace) {
    throw new SettingsInvalidError([{ path: 'workspace.slackTeamId', message: `must be ${workspace}, the workspace these settings belong to` }]);
  }
  return result.data;
}

/**
 * Settings in the database, one document a workspace, every save recorded. A save first claims
 * `<workspace>:<version + 1>` in the change log (a unique key: of two editors starting from the
 * same version, one wins) and then writes the settings; the change record holds the whole new
 * source, so a save cut short between the two is rolled forward by the next one.
 */
export class SettingsRepository {
  constructor(private readonly models: Models) {}

  async get(workspace: string): Promise<StoredSettings | undefined> {
    const doc = await this.models.settings.findById(workspace).lean();
    if (!doc) return undefined;
    const source = JSON.parse(doc.source) as SettingsSource;
    return { workspace, source, config: validateSettings(workspace, source), version: doc.version, updatedAt: doc.updatedAt, updatedBy: doc.updatedBy, importedHash: doc.importedHash ?? null };
  }

  /** Every workspace's settings version: what replicas poll to notice a change (one small document a workspace). */
  async versions(): Promise<Map<string, number>> {
    const docs = await this.models.settings.find({}, { version: 1 }).lean();
    return new Map(docs.map((doc) => [doc._id, doc.version]));
  }

  async save(workspace: string, source: SettingsSource, options: SaveOptions): Promise<StoredSettings> {
    const config = validateSettings(workspace, source);
    // What is stored now, as written: the change log compares against it (no need to parse it again).
    const current = await this.models.settings.findById(workspace, { source: 1, importedHash: 1 }).lean();
    const version = options.basedOn + 1;
    const changes = settingsDiff(current ? (JSON.parse(current.source) as SettingsSource) : {}, source).slice(0, 200);
    const claimed = await insertedOnce(
      this.models.settingsChanges.create({ _id: `${workspace}:${version}`, workspace, version, at: options.at, by: options.by, summary: options.summary, changes, source: JSON.stringify(source) }),
    );
    if (!claimed) {
      await this.rollForward(workspace, version);
      throw new SettingsConflictError(workspace);
    }
    const stored = { version, updatedAt: options.at, updatedBy: options.by, importedHash: options.importedHash ?? current?.importedHash ?? null };
    await this.models.settings.updateOne({ _id: workspace }, { $set: { ...stored, source: JSON.stringify(source) } }, { upsert: true });
    return { workspace, source, config, ...stored };
  }

  /** The last changes, newest first. */
  async changes(workspace: string, limit = 20) {
    return this.models.settingsChanges.find({ workspace }, { source: 0 }).sort({ version: -1 }).limit(limit).lean();
  }

  /** A claimed change whose settings write never happened (the saver stopped in between) is applied now. */
  private async rollForward(workspace: string, version: number): Promise<void> {
    const stored = await this.models.settings.findById(workspace, { version: 1 }).lean();
    if ((stored?.version ?? 0) >= version) return;
    const change = await this.models.settingsChanges.findById(`${workspace}:${version}`).lean();
    if (!change?.source) return;
    await this.models.settings.updateOne(
      { _id: workspace },
      { $set: { source: change.source, version, updatedAt: change.at, updatedBy: change.by }, $setOnInsert: { importedHash: null } },
      { upsert: true },
    );
  }
}
