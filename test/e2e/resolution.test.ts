import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids } from '../fixtures/config.js';
import { clickCardAction, select } from '../support/card-actions.js';
import { startHarness, type Harness } from '../support/harness.js';
import { nextTs } from '../support/slack-requests.js';
import { days, minutes, TestClock } from '../support/test-clock.js';

let h: Harness;
const clock = new TestClock();
beforeAll(async () => {
  h = await startHarness({ clock });
});
afterAll(async () => {
  await h?.stop();
});

const note = 'INTERNAL: the replica was restored from the 02:00 backup';
let clicks = 0;

/** The customer (or anyone) presses a button under a message in a channel, as Slack sends it. */
async function press(actionId: string, caseId: string, options: { user?: string; channel?: string; value?: string; block?: 'answer' | 'rate' } = {}) {
  clicks += 1;
  const id = `press-${clicks}`;
  const channel = options.channel ?? ids.acme;
  await h.interaction({
    type: 'block_actions',
    team: { id: ids.team },
    user: { id: options.user ?? ids.customer, name: 'carla' },
    trigger_id: id,
    response_url: h.slack.responseUrl(id),
    channel: { id: channel },
    container: { type: 'message', channel_id: channel },
    actions: [{ action_id: actionId, block_id: `${options.block ?? 'answer'}:${caseId}`, type: 'button', value: options.value ?? caseId }],
  });
  await h.settle();
  return h.slack.responses.filter((r) => r.path === `/respond/${id}`).map((r) => String(r.body.text)).join('\n');
}

/** Submits the Resolve modal as Slack does; returns Slack's answer (field errors, or nothing). */
async function submitForm(caseId: string, fields: { cause?: string; fix?: string; note?: string }, user = ids.agent) {
  const value = (text?: string) => ({ value: { type: 'plain_text_input', value: text ?? null } });
  const response = await h.interaction({
    type: 'view_submission',
    team: { id: ids.team },
    user: { id: user, name: 'mari' },
    view: {
      id: 'V0FORM',
      callback_id: 'case.resolve_form',
      private_metadata: caseId,
      state: { values: { cause: value(fields.cause), fix: value(fields.fix), note: value(fields.note) } },
    },
  });
  await h.settle();
  return response.text ? (JSON.parse(response.text) as { response_action?: string; errors?: Record<string, string> }) : {};
}

const thread = (ts: string) => h.slack.posts(ids.acme).filter((p) => p.args.thread_ts === ts);
const stored = async (id: string) => (await h.tugi.models.cases.findById(id).lean())!;
const events = async (id: string, type: string) => h.tugi.models.caseEvents.find({ caseId: id, type }).lean();

describe('resolve → summary → answers → reopen → resolve again → auto-close, in Slack', () => {
  it('runs the whole round, each step recorded once, with clear private refusals for bad input', async () => {
    const { ts } = await h.customerMessage('Reports page times out since this morning', { ts: nextTs(clock.now().getTime()) });
    await h.settle();
    const opened = (await h.tugi.models.cases.findOne({ sourceKey: `${ids.acme}:${ts}` }).lean())!;
    const id = String(opened._id);
    await clickCardAction(h, id, 'case.assign_me');
    await clickCardAction(h, id, 'case.set_status', select('in_progress'));
    clock.advance(minutes(135));

    // Resolve on the card opens the form (a modal); the status menu no longer offers "resolved".
    await clickCardAction(h, id, 'case.resolve');
    const opening = h.slack.callsTo('views.open').at(-1)!;
    expect(JSON.stringify(opening.args)).toContain('case.resolve_form');
    const refused = await clickCardAction(h, id, 'case.set_status', select('resolved'));
    await h.settle();
    expect(JSON.stringify(h.slack.responses.filter((r) => r.path === refused.responsePath))).toContain('with *Resolve* on the card');

    // Cause and fix are required, and limited; a refusal is shown under the field and changes nothing.
    expect(await submitForm(id, { cause: ' ', fix: 'Restarted the report workers' })).toEqual({ response_action: 'errors', errors: { cause: expect.stringContaining('Describe the cause') } });
    expect(await submitForm(id, { cause: 'x'.repeat(2001), fix: '' })).toEqual({
      response_action: 'errors',
      errors: { cause: 'Keep the cause under 2000 characters.', fix: expect.stringContaining('Describe the fix') },
    });
    // Only the assignee, agents and managers may resolve: the consultant may not.
    expect((await submitForm(id, { cause: 'A', fix: 'B' }, ids.consultant)).errors?.cause).toContain('You are not allowed to resolve');
    expect((await stored(id)).status).toBe('in_progress');

    expect(await submitForm(id, { cause: 'The reports database ran out of connections.', fix: 'We raised the connection limit and restarted the report workers.', note })).toEqual({});
    const resolved = await stored(id);
    expect(resolved).toMatchObject({ status: 'resolved', resolution: { cause: 'The reports database ran out of connections.', note } });
    expect(resolved.sla!.resolution.stoppedAt).not.toBeNull();

    // The summary in the customer's thread: cause, fix, key, time taken, the answers.
    const [summary] = thread(ts).filter((p) => String(p.args.text).includes('is resolved'));
    expect(summary).toBeDefined();
    const blocks = JSON.stringify(summary!.args.blocks);
    expect(String(summary!.args.text)).toBe(`*${opened.key} is resolved* — it took 2 hours 15 minutes.`);
    for (const part of ['What was wrong', 'ran out of connections', 'What we did', 'raised the connection limit', 'case.answer_solved', 'case.answer_broken', 'case.rate_5']) expect(blocks).toContain(part);
    expect(blocks).not.toContain('INTERNAL');
    // The team's copy, in the case thread, carries the note.
    expect(JSON.stringify(h.slack.posts(ids.triage).filter((p) => JSON.stringify(p.args.blocks ?? '').includes('resolved by')))).toContain('restored from the 02:00 backup');
    expect(await h.tugi.models.knowledge.findById(id).lean()).toMatchObject({ caseKey: opened.key, cause: 'The reports database ran out of connections.', current: true });

    // Ratings: a 5 is recorded; a forged 9 and a stranger change nothing.
    expect(await press('case.rate_5', id, { block: 'rate', value: '5' })).toBe('Thanks for rating our help: 5/5.');
    expect((await stored(id)).customerAnswer).toMatchObject({ rating: 5, verdict: null, by: { userId: ids.customer } });
    expect(await press('case.rate_5', id, { block: 'rate', value: '9' })).toBe('That answer was not understood; nothing was changed.');
    expect(await press('case.answer_solved', id, { user: ids.sven })).toBe('Only the customer’s team or our support agents can answer this.');
    expect(await press('case.answer_solved', id, { user: 'U0OTHERCUST', channel: ids.kalev })).toBe('Only the customer’s team or our support agents can answer this.');
    expect((await stored(id)).customerAnswer).toMatchObject({ rating: 5, verdict: null });

    // "Still broken" reopens it once (a double click changes nothing more) and tells the assignee.
    expect(await press('case.answer_broken', id)).toBe(`We’ve reopened *${opened.key}* and the team is on it.`);
    expect(await press('case.answer_broken', id)).toBe(`*${opened.key}* is being worked on again; we’ll post a new summary when it’s resolved.`);
    const reopened = await stored(id);
    expect(reopened).toMatchObject({ status: 'in_progress', reopenCount: 1, resolvedAt: null, customerAnswer: { verdict: 'still_broken', rating: 5 } });
    expect(reopened.sla!.resolution).toMatchObject({ usedMinutes: 0, stoppedAt: null });
    expect(JSON.stringify(h.slack.posts(ids.triage).filter((p) => String(p.args.text).endsWith('reopened')))).toContain(`<@${ids.agent}>, over to you.`);
    expect(await h.tugi.models.knowledge.findById(id).lean()).toMatchObject({ current: false });

    // Resolved again, inline from the command; "Solved" twice is recorded once; a later rating updates the answer.
    const answer = (await h.command(`resolve ${opened.key} cause: A second job held the connections. fix: We stopped the duplicate job.`)).json();
    expect(answer.text).toBe(`${opened.key} is resolved; the customer has the summary.`);
    expect(await press('case.answer_solved', id)).toBe('Thanks for confirming — glad it’s working.');
    expect(await press('case.answer_solved', id)).toBe('Thanks — we’ve updated your answer.');
    expect(await press('case.rate_4', id, { block: 'rate', value: '4' })).toBe('Thanks — we’ve updated your answer.');
    expect((await events(id, 'customer_answered')).map((e) => e.data)).toEqual([
      { verdict: null, rating: 5, previous: null },
      { verdict: 'solved', rating: null, previous: null },
    ]);
    expect((await events(id, 'customer_answer_changed')).map((e) => e.data)).toEqual([{ verdict: 'solved', rating: 4, previous: { verdict: 'solved', rating: null } }]);

    // A customer writing in the thread after the resolution is asked, not silently reopened.
    await h.customerMessage('Thanks, works now!', { threadTs: ts, ts: nextTs(clock.now().getTime()) });
    await h.settle();
    expect(thread(ts).filter((p) => String(p.args.text).includes('still a problem'))).toHaveLength(1);
    expect((await stored(id)).status).toBe('resolved');

    // A week without further word closes it; the old buttons then say so, and only an agent can reopen it.
    clock.advance(days(7) + minutes(1));
    await h.tugi.sweepDue();
    await h.settle();
    expect((await stored(id)).status).toBe('closed');
    expect(await press('case.answer_broken', id)).toBe(`*${opened.key}* is closed, so these buttons no longer work. If something is still wrong, write a new message here and we’ll open a new case.`);
    expect((await h.command(`resolve ${opened.key} cause: x fix: y`)).json().text).toContain('cannot go from Closed');
    expect((await h.command(`reopen ${opened.key}`, { user: ids.consultant })).json().text).toContain('You are not allowed to resolve or reopen');
    expect((await h.command(`reopen ${opened.key}`)).json().text).toBe(`${opened.key} is reopened and back in progress.`);
    expect(await stored(id)).toMatchObject({ status: 'in_progress', reopenCount: 2 });
  });

  it('refuses a resolve command without a cause or a fix, naming what is missing', async () => {
    const { ts } = await h.customerMessage('Export button does nothing', { ts: nextTs(clock.now().getTime()) });
    await h.settle();
    const c = (await h.tugi.models.cases.findOne({ sourceKey: `${ids.acme}:${ts}` }).lean())!;
    expect((await h.command(`resolve ${c.key} cause: fix: restarted`)).json().text).toContain('Describe the cause');
    expect((await h.command(`resolve ${c.key} because reasons`)).json().text).toContain('Use `/tugi resolve CS-12`');
    expect((await stored(String(c._id))).status).toBe('new');
  });
});
