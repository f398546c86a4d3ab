import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { View } from '../../src/messages/index.js';
import { ChannelPacer, InternalContentLeakError, Outbox, OutboxDeliverer, OutboxRepository } from '../../src/outbox/index.js';
import type { Clock } from '../../src/ports/clock.js';
import { LeaseLock } from '../../src/storage/lease-lock.js';
import { createModels, type Models } from '../../src/storage/models/index.js';
import { openTestModels, type TestDatabase } from '../support/database.js';
import { eventually } from '../support/harness.js';
import { RecordingPlatform } from '../support/recording-platform.js';

const customerChannel = 'C0CUSTOMER';
const logger = pino({ level: 'silent' });
const joined = (caseKey: string): View => ({ kind: 'case.joined', language: 'en', caseKey });
const followUp = (text: string): View => ({ kind: 'case.follow-up', caseKey: 'CS-1', author: 'Ann', text, permalink: null });

let db: TestDatabase;
let models: Models;
beforeEach(async () => {
  ({ db, models } = await openTestModels());
});
afterEach(async () => {
  await db.drop();
});

/** The test's clock: real time, plus however far a test moves it on. */
let skewMs = 0;
const clock: Clock = { now: () => new Date(Date.now() + skewMs) };
beforeEach(() => {
  skewMs = 0;
});

function build(m: Models = models, platform = new RecordingPlatform()) {
  const repository = new OutboxRepository(m);
  const deliverer = new OutboxDeliverer(repository, new LeaseLock(m.locks, clock), new Map([['slack', platform]]), new ChannelPacer(0), clock, logger);
  // Internal: the workspace's own C0… channels except the customer's; a Teams 1:1 chat (a:…) is not.
  const outbox = new Outbox(repository, (channel) => channel.startsWith('C0') && channel !== customerChannel, clock);
  return { repository, deliverer, outbox, platform };
}
const message = (key: string, channel: string, view: View, extra = {}) => ({ workspace: 'T1', key, platform: 'slack' as const, channel, view, ...extra });

describe('outbox', () => {
  it('stores a key once, however often it is enqueued, and delivers it once', async () => {
    const { outbox, deliverer, platform } = build();
    await outbox.enqueue([message('k1', customerChannel, joined('CS-1'))]);
    await outbox.enqueue([message('k1', customerChannel, joined('CS-1')), message('k2', customerChannel, joined('CS-2'))]);
    await deliverer.deliverDue();
    await deliverer.deliverDue();
    expect(await models.outbox.countDocuments()).toBe(2);
    expect(platform.delivered.map((d) => (d.view as { caseKey: string }).caseKey)).toEqual(['CS-1', 'CS-2']);
  });

  it('refuses internal content addressed to a customer channel and stores nothing', async () => {
    const { outbox } = build();
    await expect(outbox.enqueue([message('ok', customerChannel, joined('CS-1')), message('leak', customerChannel, followUp('internal note'))])).rejects.toThrow(
      InternalContentLeakError,
    );
    expect(await models.outbox.countDocuments()).toBe(0);
    await expect(outbox.enqueue([message('dm', 'a:1customer-chat', followUp('internal note'))])).rejects.toThrow(InternalContentLeakError);
    expect(await models.outbox.countDocuments()).toBe(0);
  });

  it('retries a transient failure with backoff and keeps later messages to that channel behind it', async () => {
    const { outbox, deliverer, platform } = build();
    platform.failNext('C0INT', 'transient');
    await outbox.enqueue([message('a', 'C0INT', followUp('one')), message('b', 'C0INT', followUp('two')), message('c', 'C0OTHER', followUp('elsewhere'))]);
    await deliverer.deliverDue();
    expect(platform.delivered.map((d) => (d.view as { text: string }).text)).toEqual(['elsewhere']);
    const failed = await models.outbox.findOne({ key: 'a' }).lean();
    expect(failed).toMatchObject({ state: 'pending', attempts: 1, lastError: 'connection reset' });
    expect(failed!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    skewMs = 10 * 60_000; // past any first-retry backoff
    await deliverer.deliverDue();
    await deliverer.deliverDue();
    expect(platform.delivered.map((d) => (d.view as { text: string }).text)).toEqual(['elsewhere', 'one', 'two']);
  });

  it('gives up on a permanent failure without holding the channel', async () => {
    const { outbox, deliverer, platform } = build();
    platform.failNext('C0INT', 'permanent');
    await outbox.enqueue([message('dead', 'C0INT', followUp('gone')), message('alive', 'C0INT', followUp('fine'))]);
    await deliverer.deliverDue();
    await deliverer.deliverDue();
    expect(await models.outbox.findOne({ key: 'dead' }).lean()).toMatchObject({ state: 'dead', lastError: 'channel_not_found' });
    expect(platform.delivered.map((d) => (d.view as { text: string }).text)).toEqual(['fine']);
  });

  it('threads a reply under a parent only once the parent is delivered, and edits by the parent id', async () => {
    const { outbox, deliverer, platform } = build();
    await outbox.enqueue([
      message('card', 'C0INT', followUp('card')),
      message('reply', 'C0INT', followUp('reply'), { threadOfKey: 'card' }),
      message('edit', 'C0INT', followUp('card v2'), { updateOfKey: 'card' }),
    ]);
    await deliverer.deliverDue();
    const [card, reply, edit] = platform.delivered;
    expect(reply).toMatchObject({ op: 'post', threadId: 'm1' });
    expect(edit).toMatchObject({ op: 'update', targetId: 'm1' });
    expect(card!.threadId).toBeNull();
  });

  it('deletes by the parent id, and finds a delivered anchor by its platform id', async () => {
    const { outbox, deliverer, platform, repository } = build();
    await outbox.enqueue([
      message('root', 'C0INT', followUp('root'), { anchor: true }),
      message('plain', 'C0INT', followUp('plain')),
      message('gone', 'C0INT', followUp('root'), { deleteOfKey: 'root' }),
    ]);
    await deliverer.deliverDue();
    const [root, plain, removal] = platform.delivered;
    expect(removal).toMatchObject({ op: 'delete', targetId: root!.messageId });
    expect(await repository.keyOfAnchor('T1', 'C0INT', root!.messageId)).toBe('root');
    expect(await repository.keyOfAnchor('T1', 'C0INT', plain!.messageId)).toBeUndefined();
  });

  it('a queue entry whose message never came holds its channel briefly, then is dropped', async () => {
    const { outbox, deliverer, platform } = build();
    const past = new Date(Date.now() - 1_000);
    await models.outboxQueue.create({ _id: 'T1:lost', workspace: 'T1', channel: 'C0INT', position: 1, nextAttemptAt: past, createdAt: past });
    await outbox.enqueue([message('after', 'C0INT', followUp('after the lost one'))]);
    await deliverer.deliverDue();
    expect(platform.delivered).toHaveLength(0);
    skewMs = 2 * 60_000;
    await deliverer.deliverDue();
    await deliverer.deliverDue();
    expect(platform.delivered.map((d) => (d.view as { text: string }).text)).toEqual(['after the lost one']);
    expect(await models.outboxQueue.countDocuments()).toBe(0);
  });

  it('two deliverers on two connections send each of 150 messages exactly once', async () => {
    const platform = new RecordingPlatform();
    const other = createModels(await db.connectAgain());
    const a = build(models, platform);
    const b = build(other, platform);
    await a.outbox.enqueue(Array.from({ length: 150 }, (_, i) => message(`m${i}`, `C0CH${i % 5}`, followUp(`n${i}`))));
    await Promise.all([a.deliverer.deliverDue(), b.deliverer.deliverDue(), a.deliverer.deliverDue(), b.deliverer.deliverDue()]);
    await eventually(async () => {
      await Promise.all([a.deliverer.deliverDue(), b.deliverer.deliverDue()]);
      const notSent = await models.outbox.find({ state: { $ne: 'sent' } }).lean();
      const locks = await models.locks.find().lean();
      expect([...notSent.map((m) => `${m.key} ${m.state} ${m.attempts} ${m.lastError} ${m.nextAttemptAt.toISOString()}`), ...locks.map((l) => JSON.stringify(l))]).toEqual([]);
    });
    const texts = platform.delivered.map((d) => (d.view as { text: string }).text);
    expect(texts).toHaveLength(150);
    expect(new Set(texts).size).toBe(150);
    for (let ch = 0; ch < 5; ch += 1) {
      const inChannel = platform.delivered.filter((d) => d.channel === `C0CH${ch}`).map((d) => Number((d.view as { text: string }).text.slice(1)));
      expect(inChannel).toEqual([...inChannel].sort((x, y) => x - y));
    }
  });
});
