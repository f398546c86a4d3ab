import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettingsConflictError, SettingsInvalidError } from '../../src/errors.js';
import { SettingsRepository } from '../../src/settings/settings.repository.js';
import { importSettings } from '../../src/settings/seed.js';
import { systemClock } from '../../src/ports/clock.js';
import type { Models } from '../../src/storage/models/index.js';
import { readSettings } from '../../src/config/index.js';
import { openTestModels, type TestDatabase } from '../support/database.js';

let db: TestDatabase;
let models: Models;
let repository: SettingsRepository;
beforeAll(async () => {
  ({ db, models } = await openTestModels());
  repository = new SettingsRepository(models);
});
afterAll(async () => {
  await db.drop();
});

const at = new Date('2026-12-03T10:00:00Z');
const source = (workspace: string, triage = 'C0TRIAGE') => ({ workspace: { slackTeamId: workspace, triageChannel: triage, managerChannel: 'C0MANAGERS' }, sla: { policies: { P1: { firstResponse: '30 minutes' } } } });

describe('settings in the database', () => {
  it('keeps what was written (durations as text) and what it means, and counts versions', async () => {
    const saved = await repository.save('T0ONE', source('T0ONE'), { by: 'U0A', basedOn: 0, summary: 'first', at });
    expect(saved.version).toBe(1);
    const read = (await repository.get('T0ONE'))!;
    expect(read.source).toEqual(source('T0ONE'));
    expect(read.config.sla.policies.P1?.firstResponse).toEqual({ minutes: 30, business: false });
  });

  it('refuses invalid settings with the path of each problem, and settings naming another workspace, saving nothing', async () => {
    const bad = { workspace: { slackTeamId: 'T0TWO', triageChannel: 'not-a-channel', managerChannel: 'C0M' } };
    const error = await repository.save('T0TWO', bad, { by: 'U0A', basedOn: 0, summary: 'x', at }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SettingsInvalidError);
    expect((error as SettingsInvalidError).problems).toEqual([{ path: 'workspace.triageChannel', message: 'must be a Slack channel id such as C0123ABCD' }]);
    await expect(repository.save('T0TWO', source('T0THREE'), { by: 'U0A', basedOn: 0, summary: 'x', at })).rejects.toThrow('workspace.slackTeamId: must be T0TWO');
    expect(await repository.get('T0TWO')).toBeUndefined();
    expect(await models.settingsChanges.countDocuments({ workspace: 'T0TWO' })).toBe(0);
  });

  it('lets one of two editors who started from the same version win; the other is told, and nothing of theirs is saved', async () => {
    await repository.save('T0RACE', source('T0RACE'), { by: 'U0A', basedOn: 0, summary: 'first', at });
    const results = await Promise.allSettled([
      repository.save('T0RACE', source('T0RACE', 'C0AAA'), { by: 'U0A', basedOn: 1, summary: 'a', at }),
      repository.save('T0RACE', source('T0RACE', 'C0BBB'), { by: 'U0B', basedOn: 1, summary: 'b', at }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(SettingsConflictError);
    const winner = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ updatedBy: string }>).value.updatedBy;
    const stored = (await repository.get('T0RACE'))!;
    expect(stored).toMatchObject({ version: 2, updatedBy: winner });
    expect(stored.config.workspace.triageChannel).toBe(winner === 'U0A' ? 'C0AAA' : 'C0BBB');
  });

  it('rolls a save cut short between its change record and the settings write forward', async () => {
    await repository.save('T0CUT', source('T0CUT'), { by: 'U0A', basedOn: 0, summary: 'first', at });
    // The saver stopped after claiming version 2: the record is there, the settings still say version 1.
    await models.settingsChanges.create({ _id: 'T0CUT:2', workspace: 'T0CUT', version: 2, at, by: 'U0A', summary: 'cut short', changes: [], source: JSON.stringify(source('T0CUT', 'C0CUT')) });
    await expect(repository.save('T0CUT', source('T0CUT', 'C0LATE'), { by: 'U0B', basedOn: 1, summary: 'late', at })).rejects.toBeInstanceOf(SettingsConflictError);
    const stored = (await repository.get('T0CUT'))!;
    expect(stored).toMatchObject({ version: 2, updatedBy: 'U0A' });
    expect(stored.config.workspace.triageChannel).toBe('C0CUT');
  });

  it('records who changed what, leaf by leaf, with lists matched by id', async () => {
    const base = { ...source('T0LOG'), accounts: [{ id: 'acme', name: 'Acme' }, { id: 'kalev', name: 'Kalev' }] };
    await repository.save('T0LOG', base, { by: 'U0A', basedOn: 0, summary: 'first', at });
    await repository.save('T0LOG', { ...base, accounts: [{ id: 'kalev', name: 'Kalev AS' }] }, { by: 'U0B', basedOn: 1, summary: 'second', at });
    const [latest] = await repository.changes('T0LOG');
    expect(latest).toMatchObject({ by: 'U0B', summary: 'second', version: 2 });
    expect(latest!.changes).toEqual([
      { path: 'accounts[acme]', before: JSON.stringify({ id: 'acme', name: 'Acme' }) },
      { path: 'accounts[kalev].name', before: '"Kalev"', after: '"Kalev AS"' },
    ]);
  });

  it('imports a file once: the same file again changes nothing, so changes made in chat survive a restart', async () => {
    const file = { ...readSettings(`workspace: { slackTeamId: T0FILE, triageChannel: C0T, managerChannel: C0M }`), hash: 'hash-1' };
    expect(await importSettings(repository, file, 'tugi.config.yaml', systemClock)).toBe(true);
    await repository.save('T0FILE', source('T0FILE', 'C0CHAT'), { by: 'U0A', basedOn: 1, summary: 'in chat', at });
    expect(await importSettings(repository, file, 'tugi.config.yaml', systemClock)).toBe(false);
    expect((await repository.get('T0FILE'))!.config.workspace.triageChannel).toBe('C0CHAT');
    expect(await importSettings(repository, { ...file, hash: 'hash-2' }, 'tugi.config.yaml', systemClock)).toBe(true);
    expect((await repository.get('T0FILE'))!.config.workspace.triageChannel).toBe('C0T');
    expect((await repository.changes('T0FILE'))[0]).toMatchObject({ by: 'import:tugi.config.yaml', summary: 'imported settings from tugi.config.yaml' });
  });
});
