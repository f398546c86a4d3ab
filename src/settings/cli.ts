import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { ConfigError, loadSettingsFile, parseEnv } from '../config/index.js';
import { SettingsInvalidError } from '../errors.js';
import { systemClock } from '../ports/clock.js';
import { createModels, ensureIndexes } from '../storage/models/index.js';
import { openDatabase } from '../storage/open-database.js';
import { importSettings } from './seed.js';
import { SettingsRepository } from './settings.repository.js';

const usage = `Usage:
  npm run config:import -- [file]                 import settings (default tugi.config.yaml); a running tugi uses them within seconds
  npm run config:export -- [--workspace T…] [--out file]   write a workspace's settings as YAML (to the screen, or a file)
The database is MONGODB_URI, or the local database (the running tugi's, if one runs).`;

/** `config:import` and `config:export`: settings between the database and YAML, for review, backup and bulk edits. */
async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { workspace: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help || (verb !== 'import' && verb !== 'export')) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  const env = parseEnv(process.env);
  const log = { info: (line: string) => console.error(line) };
  const database = await openDatabase(env, env.TUGI_DATA_DIR, log as never, { reuse: true });
  const connection = await database.connect('tugi');
  try {
    const models = createModels(connection);
    await ensureIndexes(models);
    const settings = new SettingsRepository(models);
    if (verb === 'import') {
      const file = positionals[0] ?? env.TUGI_CONFIG ?? 'tugi.config.yaml';
      const loaded = await loadSettingsFile(file);
      const workspace = loaded.config.workspace.slackTeamId;
      const changed = await importSettings(settings, loaded, file, systemClock);
      const stored = await settings.get(workspace);
      console.log(changed ? `Imported ${file} into workspace ${workspace}: now version ${stored!.version}, recorded in the change log.` : `${file} is what was imported last into ${workspace}; nothing changed.`);
      return 0;
    }
    const versions = await settings.versions();
    const workspace = values.workspace ?? (versions.size === 1 ? [...versions.keys()][0] : undefined);
    if (!workspace) {
      console.error(versions.size === 0 ? 'No workspace has settings yet.' : `Several workspaces have settings: choose one with --workspace (${[...versions.keys()].join(', ')}).`);
      return 2;
    }
    const stored = await settings.get(workspace);
    if (!stored) {
      console.error(`Workspace ${workspace} has no settings.`);
      return 2;
    }
    const yaml = `# tugi settings of workspace ${workspace}, version ${stored.version}, last changed by ${stored.updatedBy} at ${stored.updatedAt.toISOString()}\n${stringify(stored.source)}`;
    if (values.out) {
      await writeFile(values.out, yaml);
      console.error(`Wrote ${values.out}.`);
    } else process.stdout.write(yaml);
    return 0;
  } finally {
    await connection.close();
    await database.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof SettingsInvalidError) console.error(error.message);
    else console.error(`config failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
