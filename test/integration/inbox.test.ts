import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationFailedError } from '../../src/errors.js';
import { Inbox } from '../../src/inbox/index.js';
import { systemClock } from '../../src/ports/clock.js';
import { LeaseLock } from '../../src/storage/lease-lock.js';
import type { Models } from '../../src/storage/models/index.js';
import { openTestModels, type TestDatabase } from '../support/database.js';

let db: TestDatabase;
let models: Models;
let inbox: Inbox;
beforeAll(async () => {
  ({ db, models } = await openTestModels());
  inbox = new Inbox(models, new LeaseLock(models.locks, systemClock), systemClock, pino({ level: 'silent' }));
});
afterAll(async () => {
  await db.drop();
});

describe('inbox', () => {
  it('accepts a delivery once', async () => {
    const event = { workspace: 'T1', deliveryKey: 'Ev1', kind: 'noop', payload: { a: 1 } };
    expect(await inbox.accept(event)).toBe(true);
    expect(await inbox.accept(event)).toBe(false);
    expect(await models.inbox.countDocuments({ _id: 'T1:Ev1' })).toBe(1);
  });

  it('runs the handler once even when two processors race for the record', async () => {
    let runs = 0;
    inbox.on('count', async () => {
      runs += 1;
      await new Promise((r) => setTimeout(r, 20));
    });
    await inbox.accept({ workspace: 'T1', deliveryKey: 'Ev2', kind: 'count', payload: {} });
    await Promise.all([inbox.process('T1:Ev2'), inbox.process('T1:Ev2'), inbox.process('T1:Ev2')]);
    await inbox.process('T1:Ev2');
    expect(runs).toBe(1);
    expect(await models.inbox.findById('T1:Ev2').lean()).toMatchObject({ state: 'done', attempts: 1 });
  });

  it('retries a failing handler later, and gives up at once on a user error', async () => {
    let calls = 0;
    inbox.on('flaky', async () => {
      calls += 1;
      if (calls === 1) throw new Error('database blip');
    });
    inbox.on('bad', async () => {
      throw new ValidationFailedError(['nope']);
    });
    await inbox.acceptAndDispatch({ workspace: 'T1', deliveryKey: 'Ev3', kind: 'flaky', payload: {} });
    await inbox.acceptAndDispatch({ workspace: 'T1', deliveryKey: 'Ev4', kind: 'bad', payload: {} });
    await inbox.idle();
    const flaky = await models.inbox.findById('T1:Ev3').lean();
    expect(flaky).toMatchObject({ state: 'pending', attempts: 1, lastError: 'database blip' });
    expect(flaky!.notBefore!.getTime()).toBeGreaterThan(Date.now());
    expect(await models.inbox.findById('T1:Ev4').lean()).toMatchObject({ state: 'failed', lastError: 'Invalid input: nope' });

    await models.inbox.updateOne({ _id: 'T1:Ev3' }, { $set: { notBefore: new Date(0), receivedAt: new Date(0) } });
    expect(await inbox.recover()).toBeGreaterThanOrEqual(1);
    expect(await models.inbox.findById('T1:Ev3').lean()).toMatchObject({ state: 'done', attempts: 2 });
  });

  it('purges handled records past the retention horizon only', async () => {
    await models.inbox.updateOne({ _id: 'T1:Ev1' }, { $set: { state: 'done', doneAt: new Date(0) } });
    const purged = await inbox.purgeDoneBefore(new Date(1_000));
    expect(purged).toBe(1);
    expect(await models.inbox.countDocuments({ _id: 'T1:Ev2' })).toBe(1);
  });
});
