import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DueQueue, type DueSlot } from '../../src/reminders/due-queue.js';
import { Outbox, OutboxRepository } from '../../src/outbox/index.js';
import type { Models } from '../../src/storage/models/index.js';
import { openTestModels, type TestDatabase } from '../support/database.js';

let db: TestDatabase;
let models: Models;
beforeAll(async () => {
  ({ db, models } = await openTestModels());
});
afterAll(async () => {
  await db?.drop();
});

const t0 = new Date('2026-11-23T10:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

describe('the due queue', () => {
  it('hands a sweep exactly the points due, reading only the minutes passed', async () => {
    const queue = new DueQueue(models);
    const ws = 'TQ1';
    await queue.file({ workspace: ws, caseId: 'c1', key: 'a', at: minutes(1) }, t0);
    await queue.file({ workspace: ws, caseId: 'c2', key: 'b', at: minutes(3) }, t0);
    await queue.file({ workspace: ws, caseId: 'c3', key: 'c', at: minutes(3.5) }, t0);
    // A thousand points far ahead: a sweep now must not touch them.
    for (let i = 0; i < 1000; i += 1) await queue.file({ workspace: ws, caseId: `later${i}`, key: 'x', at: minutes(600 + (i % 60)) }, t0);

    const handled: string[] = [];
    const collect = async (slot: DueSlot) => {
      handled.push(slot.key);
    };
    const first = await queue.sweep(ws, minutes(3.6), collect);
    expect(handled.sort()).toEqual(['a', 'b', 'c']);
    expect(first.examined).toBe(3);
    expect(first.minutes).toBeLessThan(10);

    // The trailing window hands the last two minutes' slots again (handlers are idempotent)…
    handled.length = 0;
    await queue.sweep(ws, minutes(5), collect);
    expect(handled.sort()).toEqual(['a', 'b', 'c']);
    await queue.sweep(ws, minutes(20), collect);
    // …and once the cursor is past them, nothing is read again.
    handled.length = 0;
    const later = await queue.sweep(ws, minutes(21), collect);
    expect(handled).toEqual([]);
    expect(later.examined).toBe(0);
  });

  it('files a point already past in the current minute, and a point not yet due waits in its minute', async () => {
    const queue = new DueQueue(models);
    const ws = 'TQ2';
    const now = minutes(30);
    await queue.file({ workspace: ws, caseId: 'c1', key: 'late', at: minutes(1) }, now);
    await queue.file({ workspace: ws, caseId: 'c1', key: 'soon', at: minutes(30.9) }, now);
    const handled: string[] = [];
    await queue.sweep(ws, minutes(30.5), async (slot) => void handled.push(slot.key));
    expect(handled).toEqual(['late']);
    await queue.sweep(ws, minutes(31), async (slot) => void handled.push(slot.key));
    expect(handled).toEqual(['late', 'late', 'soon']);
  });

  it('after days without a sweep, skips each hour nobody filed in with one lookup', async () => {
    const queue = new DueQueue(models);
    const ws = 'TQ6';
    await queue.file({ workspace: ws, caseId: 'c1', key: 'early', at: minutes(1) }, t0);
    await queue.file({ workspace: ws, caseId: 'c2', key: 'late', at: minutes(3 * 24 * 60 + 5) }, t0);
    const handled: string[] = [];
    const stats = await queue.sweep(ws, minutes(3 * 24 * 60 + 10), async (slot) => void handled.push(slot.key));
    expect(handled).toEqual(['early', 'late']);
    // Three days are 4 320 minutes; only the two hours with slots are read minute by minute.
    expect(stats.minutes).toBeLessThanOrEqual(2 * 60);
  });

  it('retries a failing point a minute later, and the others go on', async () => {
    const queue = new DueQueue(models);
    const ws = 'TQ3';
    await queue.file({ workspace: ws, caseId: 'bad', key: 'k', at: minutes(1) }, t0);
    await queue.file({ workspace: ws, caseId: 'good', key: 'k', at: minutes(1) }, t0);
    const seen: string[] = [];
    let failures = 0;
    const handle = async (slot: DueSlot) => {
      seen.push(`${slot.caseId}@${slot.attempts}`);
      if (slot.caseId === 'bad' && failures++ === 0) throw new Error('platform away');
    };
    await queue.sweep(ws, minutes(1.5), handle);
    await queue.sweep(ws, minutes(2.5), handle);
    expect(seen).toContain('good@0');
    expect(seen).toContain('bad@1');
  });

  it('two sweepers at once over 500 due points: every point yields exactly one outbox message', async () => {
    const ws = 'TQ4';
    const filing = new DueQueue(models);
    for (let i = 0; i < 500; i += 1) await filing.file({ workspace: ws, caseId: `case${i}`, key: 'sla:breach', at: minutes(1 + (i % 5)) }, t0);
    const outbox = new Outbox(new OutboxRepository(models), () => true, { now: () => minutes(10) });
    // What a nag handler does: a message keyed by the case and the due point, stored once whoever stores it.
    const handle = (slot: DueSlot) =>
      outbox.enqueue([{ workspace: ws, key: `nag:${slot.caseId}:${slot.key}`, platform: 'slack', channel: 'C0TRIAGE', view: { kind: 'case.follow-up', caseKey: slot.caseId, author: 'tugi', text: 'breached', permalink: null } }]);
    const [a, b] = await Promise.all([new DueQueue(models).sweep(ws, minutes(10), handle), new DueQueue(models).sweep(ws, minutes(10), handle)]);
    expect(a.handled + b.handled).toBeGreaterThanOrEqual(500);
    expect(await models.outbox.countDocuments({ workspace: ws })).toBe(500);
    expect(await models.outboxQueue.countDocuments({ workspace: ws })).toBe(500);
  });

  it('a sweeper killed mid-sweep drops nothing: the next sweep, on another replica, hands over every point again', async () => {
    const ws = 'TQ5';
    const filing = new DueQueue(models);
    for (let i = 0; i < 20; i += 1) await filing.file({ workspace: ws, caseId: `case${i}`, key: 'stale:1', at: minutes(1) }, t0);
    const outbox = new Outbox(new OutboxRepository(models), () => true, { now: () => minutes(10) });
    const nag = (slot: DueSlot) =>
      outbox.enqueue([{ workspace: ws, key: `nag:${slot.caseId}:${slot.key}`, platform: 'slack', channel: 'C0TRIAGE', view: { kind: 'case.follow-up', caseKey: slot.caseId, author: 'tugi', text: 'quiet', permalink: null } }]);
    // The first replica stores ten nags, then hangs forever on the eleventh: as good as killed.
    let seen = 0;
    void new DueQueue(models).sweep(ws, minutes(10), async (slot) => {
      if ((seen += 1) > 10) return new Promise<void>(() => {});
      await nag(slot);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await models.outbox.countDocuments({ workspace: ws })).toBe(10);
    // Its cursor never moved, so the other replica's sweep reads the same minutes and finishes the job.
    const other = await new DueQueue(models).sweep(ws, minutes(10), nag);
    expect(other.handled).toBe(20);
    expect(await models.outbox.countDocuments({ workspace: ws })).toBe(20);
  });
});
