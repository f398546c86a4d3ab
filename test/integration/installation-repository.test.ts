import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InstallationRepository } from '../../src/storage/installation.repository.js';
import type { Models } from '../../src/storage/models/index.js';
import { Sealer } from '../../src/storage/sealer.js';
import { openTestModels, type TestDatabase } from '../support/database.js';

let db: TestDatabase;
let models: Models;
beforeAll(async () => {
  ({ db, models } = await openTestModels());
});
afterAll(async () => {
  await db.drop();
});

const facts = { teamId: 'T0ROT', teamName: 'Rotation', enterpriseId: null, botUserId: 'U0BOT', scopes: ['chat:write'], installerUserId: 'U0ME' };

describe('installations, sealed', () => {
  it('moves every installation to a new key (the documented rotation), after which the old key is no longer needed', async () => {
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    await new InstallationRepository(models, new Sealer(oldKey), 0).store(facts, { bot: { token: 'xoxb-rotate-me' } }, new Date());
    const rotating = new InstallationRepository(models, new Sealer(newKey, [oldKey]), 0);
    expect(await rotating.reseal()).toBe(1);
    expect(await rotating.reseal()).toBe(0);
    const afterwards = new InstallationRepository(models, new Sealer(newKey), 0);
    expect((await afterwards.fetch('T0ROT'))!.secret).toEqual({ bot: { token: 'xoxb-rotate-me' } });
    expect(JSON.stringify(await models.installations.collection.findOne({ _id: 'T0ROT' as never }))).not.toContain('xoxb-');
  });

  it('forgets an installation at once on removal', async () => {
    const repository = new InstallationRepository(models, new Sealer(randomBytes(32)), 60_000);
    await repository.store({ ...facts, teamId: 'T0GONE' }, { bot: { token: 'xoxb-gone' } }, new Date());
    expect(await repository.fetch('T0GONE')).toBeDefined();
    expect(await repository.remove('T0GONE')).toBe(true);
    expect(await repository.fetch('T0GONE')).toBeUndefined();
  });
});
