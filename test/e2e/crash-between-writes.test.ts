import type { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ids } from '../fixtures/config.js';
import { clickCardAction } from '../support/card-actions.js';
import { startHarness, type Harness } from '../support/harness.js';
import { seconds, TestClock } from '../support/test-clock.js';

let h: Harness;
const clock = new TestClock();
beforeAll(async () => {
  h = await startHarness({ clock });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await h?.stop();
});

/** The process "dies" at one point of a write: that call fails once, as if nothing after it ran. */
function dieOnce(model: object, method: string): void {
  const spy = vi.spyOn(model as Record<string, () => unknown>, method) as unknown as { mockImplementationOnce(fn: () => unknown): void };
  spy.mockImplementationOnce(() => Promise.reject(new Error('killed')));
}

async function openCase(text: string, user: string) {
  const { ts } = await h.customerMessage(text, { user });
  await h.settle();
  return (await h.tugi.models.cases.findOne({ sourceKey: `${ids.acme}:${ts}` }).lean())!;
}

const cardUpdates = (caseId: Types.ObjectId, version: number) => h.tugi.models.outbox.countDocuments({ key: `case:${String(caseId)}:card:v${version}` });
const timelineEntries = (caseId: Types.ObjectId, version: number) => h.tugi.models.caseEvents.countDocuments({ caseId, key: `v${version}` });

describe('a case change and its effects, when the process stops between the writes', () => {
  it('a change written but not yet announced gets its timeline entry and card refresh from the recovery sweep, once', async () => {
    const doc = await openCase('VPN drops', 'U0CRASH1');
    dieOnce(h.tugi.models.caseEvents, 'create');
    await clickCardAction(h, String(doc._id), 'case.assign_me');
    await h.settle();
    const changed = (await h.tugi.models.cases.findById(doc._id).lean())!;
    expect(changed).toMatchObject({ assignee: ids.agent, version: doc.version + 1 });
    // Lost, until the sweep: the entry, and the card refresh that was to follow it.
    expect(await timelineEntries(doc._id, changed.version)).toBe(0);
    expect(await cardUpdates(doc._id, changed.version)).toBe(0);
    // Too fresh: its writer may still be at it.
    expect(await h.tugi.recoverCaseChanges()).toEqual({ finished: 0, dropped: 0 });
    clock.advance(seconds(31));
    expect(await h.tugi.recoverCaseChanges()).toEqual({ finished: 1, dropped: 0 });
    await h.settle();
    expect(await timelineEntries(doc._id, changed.version)).toBe(1);
    expect(await cardUpdates(doc._id, changed.version)).toBe(1);
    expect(h.slack.callsTo('chat.update').some((call) => JSON.stringify(call.args.blocks).includes(`<@${ids.agent}>`))).toBe(true);
    // Nothing left to do, nothing doubled.
    expect(await h.tugi.recoverCaseChanges()).toEqual({ finished: 0, dropped: 0 });
    expect(await h.tugi.models.caseIntents.countDocuments()).toBe(0);
  });

  it('a change whose case write never happened leaves no trace: the sweep drops its intent, and the person can do it again', async () => {
    const doc = await openCase('Printer jams', 'U0CRASH2');
    dieOnce(h.tugi.models.cases, 'updateOne');
    await clickCardAction(h, String(doc._id), 'case.assign_me');
    await h.settle();
    expect((await h.tugi.models.cases.findById(doc._id).lean())!).toMatchObject({ assignee: null, version: doc.version });
    clock.advance(seconds(31));
    expect(await h.tugi.recoverCaseChanges()).toEqual({ finished: 0, dropped: 1 });
    expect(await cardUpdates(doc._id, doc.version + 1)).toBe(0);
    expect(await timelineEntries(doc._id, doc.version + 1)).toBe(0);
    // Pressed again: the change happens once, with its effects.
    await clickCardAction(h, String(doc._id), 'case.assign_me');
    await h.settle();
    expect(await timelineEntries(doc._id, doc.version + 1)).toBe(1);
    expect(await cardUpdates(doc._id, doc.version + 1)).toBe(1);
  });

  it('a change stopped after its timeline entry still sends its messages: the outbox write is finished by the sweep', async () => {
    const doc = await openCase('Disk full', 'U0CRASH3');
    dieOnce(h.tugi.models.outboxQueue, 'insertMany');
    await clickCardAction(h, String(doc._id), 'case.assign_me');
    await h.settle();
    expect(await timelineEntries(doc._id, doc.version + 1)).toBe(1);
    expect(await cardUpdates(doc._id, doc.version + 1)).toBe(0);
    clock.advance(seconds(31));
    expect((await h.tugi.recoverCaseChanges()).finished).toBe(1);
    expect(await cardUpdates(doc._id, doc.version + 1)).toBe(1);
    expect(await timelineEntries(doc._id, doc.version + 1)).toBe(1);
  });

  it('a customer follow-up whose handling stopped half-way is finished when its inbox record is handled again', async () => {
    const doc = await openCase('Scanner offline', 'U0CRASH4');
    const { ts } = await h.customerMessage('It also beeps', { user: 'U0CRASH4' });
    // Stopped after the follow-up was linked and recorded, before its notices were stored.
    dieOnce(h.tugi.models.outboxQueue, 'insertMany');
    await h.settle();
    const notices = () => h.tugi.models.outbox.countDocuments({ key: { $in: [`case:${String(doc._id)}:joined:${ts}`, `case:${String(doc._id)}:follow-up:${ts}`] } });
    expect(await h.tugi.models.caseEvents.countDocuments({ caseId: doc._id, key: `msg:${ids.acme}:${ts}` })).toBe(1);
    expect(await notices()).toBe(0);
    clock.advance(seconds(90));
    await h.tugi.inbox.recover();
    await h.settle();
    expect(await notices()).toBe(2);
    expect(await h.tugi.models.caseEvents.countDocuments({ caseId: doc._id, key: `msg:${ids.acme}:${ts}` })).toBe(1);
    expect(await h.tugi.models.cases.countDocuments({ sourceKey: `${ids.acme}:${ts}` })).toBe(0);
  });

  it('a post whose delivery record was lost (the sender stopped right after Slack took it) is found again, not posted twice', async () => {
    const outbox = h.tugi.models.outbox;
    const original = outbox.updateOne.bind(outbox);
    let cut = false;
    const spy = vi.spyOn(outbox, 'updateOne').mockImplementation(((filter: never, update: { $set?: { state?: string } }, ...rest: never[]) => {
      if (!cut && update.$set?.state === 'sent') {
        cut = true;
        return Promise.reject(new Error('killed'));
      }
      return original(filter, update as never, ...rest);
    }) as never);
    const { ts } = await h.customerMessage('Mail server rejects everything', { user: 'U0CRASH5' });
    await h.settle();
    spy.mockRestore();
    expect(cut).toBe(true);
    const doc = (await h.tugi.models.cases.findOne({ sourceKey: `${ids.acme}:${ts}` }).lean())!;
    // The next pass found the message still pending but marked as possibly posted, looked, and recorded the post it found.
    expect(await outbox.countDocuments({ workspace: ids.team, state: { $ne: 'sent' } })).toBe(0);
    // One acknowledgement in the customer's thread, one card in triage.
    expect(h.slack.posts(ids.acme).filter((p) => p.args.thread_ts === ts)).toHaveLength(1);
    expect(h.slack.posts(ids.triage).filter((p) => !p.args.thread_ts && String(p.args.text).startsWith(`${doc.key}:`))).toHaveLength(1);
    expect(h.slack.callsTo('conversations.history').length + h.slack.callsTo('conversations.replies').length).toBeGreaterThan(0);
  });
});
