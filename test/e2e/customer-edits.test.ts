import type { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids } from '../fixtures/config.js';
import { startHarness, type Harness } from '../support/harness.js';
import { nextTs } from '../support/slack-requests.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const caseOf = (ts: string) => h.tugi.models.cases.findOne({ sourceKey: `${ids.acme}:${ts}` }).lean();
const timeline = async (caseId: Types.ObjectId) => (await h.tugi.models.caseEvents.find({ caseId }).lean()).map((e) => ({ type: e.type, data: e.data as Record<string, unknown> }));
const edited = (ts: string, before: string, after: string, threadTs?: string) =>
  h.event({
    type: 'message',
    subtype: 'message_changed',
    channel: ids.acme,
    ts: nextTs(),
    event_ts: nextTs(),
    message: { type: 'message', user: ids.customer, text: after, ts, ...(threadTs ? { thread_ts: threadTs } : {}), edited: { user: ids.customer, ts: nextTs() } },
    previous_message: { type: 'message', user: ids.customer, text: before, ts, ...(threadTs ? { thread_ts: threadTs } : {}) },
  });
const deleted = (ts: string, before: string, threadTs?: string) =>
  h.event({ type: 'message', subtype: 'message_deleted', channel: ids.acme, ts: nextTs(), event_ts: nextTs(), deleted_ts: ts, previous_message: { type: 'message', user: ids.customer, text: before, ts, ...(threadTs ? { thread_ts: threadTs } : {}) } });

describe('customers editing and deleting their messages', () => {
  it('an edit of the first message becomes the case description; the timeline keeps what it said before', async () => {
    const { ts } = await h.customerMessage('Our VPM drops every hour');
    await h.settle();
    await edited(ts, 'Our VPM drops every hour', 'Our VPN drops every hour since the update');
    await h.settle();
    const doc = (await caseOf(ts))!;
    expect(doc.description).toBe('Our VPN drops every hour since the update');
    expect(await timeline(doc._id)).toContainEqual({ type: 'message_edited', data: expect.objectContaining({ ts, before: 'Our VPM drops every hour', after: 'Our VPN drops every hour since the update' }) });
    // A redelivery of the same edit (a Slack retry) records nothing more; an unfurl (same words) records nothing.
    const count = (await timeline(doc._id)).length;
    await edited(ts, 'Our VPN drops every hour since the update', 'Our VPN drops every hour since the update');
    await h.settle();
    expect(await timeline(doc._id)).toHaveLength(count);
  });

  it('edits and deletions of replies in the case thread are recorded, with the original text', async () => {
    const { ts } = await h.customerMessage('Printer offline', { user: 'U0PRINT' });
    await h.settle();
    const reply = await h.customerMessage('It shows error 42', { threadTs: ts, user: 'U0PRINT' });
    await h.settle();
    await edited(reply.ts, 'It shows error 42', 'It shows error 43', ts);
    await deleted(reply.ts, 'It shows error 43', ts);
    await h.settle();
    const doc = (await caseOf(ts))!;
    const events = await timeline(doc._id);
    expect(events).toContainEqual({ type: 'message_edited', data: expect.objectContaining({ ts: reply.ts, before: 'It shows error 42', after: 'It shows error 43' }) });
    expect(events).toContainEqual({ type: 'message_deleted', data: expect.objectContaining({ ts: reply.ts, before: 'It shows error 43' }) });
    expect(doc.description).toBe('Printer offline');
  });

  it('a deleted first message does not orphan the case: it stays, keeps its text, and replies in its thread still reach it', async () => {
    const { ts } = await h.customerMessage('Invoices are not sent', { user: 'U0INVOICE' });
    await h.settle();
    await deleted(ts, 'Invoices are not sent');
    await h.settle();
    const doc = (await caseOf(ts))!;
    expect(doc).toMatchObject({ description: 'Invoices are not sent', status: 'new' });
    expect(await timeline(doc._id)).toContainEqual({ type: 'message_deleted', data: expect.objectContaining({ ts, before: 'Invoices are not sent' }) });
    await h.customerMessage('Sorry, deleted it by mistake: invoices still fail', { threadTs: ts, user: 'U0INVOICE' });
    await h.settle();
    expect((await timeline(doc._id)).filter((e) => e.type === 'customer_message').map((e) => e.data.text)).toContain('Sorry, deleted it by mistake: invoices still fail');
  });

  it('ignores edits and deletions of messages that belong to no case, and of bots', async () => {
    const before = await h.tugi.models.caseEvents.countDocuments();
    await edited(nextTs(), 'hello', 'hello there');
    await deleted(nextTs(), 'bye');
    await h.event({ type: 'message', subtype: 'message_changed', channel: ids.acme, ts: nextTs(), message: { type: 'message', bot_id: 'B0X', text: 'beep', ts: nextTs() }, previous_message: { text: 'boop' } });
    await h.settle();
    expect(await h.tugi.models.caseEvents.countDocuments()).toBe(before);
  });
});
