import type { Settings } from '../config/index.js';
import type { Clock } from '../ports/clock.js';
import type { SettingsRepository } from './settings.repository.js';

/**
 * Imports settings from a file (or a caller) unless they are what was imported last: a restart
 * with the same file keeps the changes made in chat since; a changed file wins, and the change
 * log says so. Returns whether anything was written.
 */
export async function importSettings(
  repository: SettingsRepository,
  settings: Settings & { hash?: string },
  origin: string,
  clock: Clock,
): Promise<boolean> {
  const workspace = settings.config.workspace.slackTeamId;
  const hash = settings.hash ?? JSON.stringify(settings.source);
  const current = await repository.get(workspace);
  if (current?.importedHash === hash) return false;
  await repository.save(workspace, settings.source, {
    by: `import:${origin}`,
    basedOn: current?.version ?? 0,
    summary: `imported settings from ${origin}`,
    importedHash: hash,
    at: clock.now(),
  });
  return true;
}
