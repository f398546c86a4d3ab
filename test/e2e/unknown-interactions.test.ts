import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids } from '../fixtures/config.js';
import { startHarness, type Harness } from '../support/harness.js';
import { postToSlackEndpoint } from '../support/slack-requests.js';
import { unknownCommandNote, unknownNote } from '../../adapters/slack/answer-every-request.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const team = { id: ids.team, domain: 'tugi-test' };
const user = { id: ids.agent, name: 'agent', team_id: ids.team };
const channel = { id: ids.triage, name: 'triage' };

/** Every interactive payload type Slack documents, each naming something tugi does not have. */
const payloads: Record<string, (responseUrl: string) => Record<string, unknown>> = {
  block_actions: (url) => ({ type: 'block_actions', team, user, channel, trigger_id: 't1', response_url: url, container: { type: 'message', channel_id: ids.triage }, actions: [{ action_id: 'v0.old_button', block_id: 'b', type: 'button', value: 'x' }] }),
  shortcut: () => ({ type: 'shortcut', team, user, callback_id: 'v0.global_shortcut', trigger_id: 't2' }),
  message_action: (url) => ({ type: 'message_action', team, user, channel, callback_id: 'v0.message_shortcut', trigger_id: 't3', response_url: url, message: { ts: '1.2', text: 'x', user: ids.customer } }),
  view_submission: () => ({ type: 'view_submission', team, user, trigger_id: 't4', view: { id: 'V1', callback_id: 'v0.old_modal', private_metadata: '', state: { values: {} } } }),
  view_closed: () => ({ type: 'view_closed', team, user, view: { id: 'V2', callback_id: 'v0.old_modal' }, is_cleared: false }),
  interactive_message: (url) => ({ type: 'interactive_message', team, user, channel, callback_id: 'v0.attachment', action_ts: '1.3', message_ts: '1.2', attachment_id: '1', response_url: url, actions: [{ name: 'go', type: 'button', value: 'go' }] }),
  dialog_submission: (url) => ({ type: 'dialog_submission', team, user, channel, callback_id: 'v0.dialog', submission: { a: 'b' }, response_url: url, state: '' }),
  dialog_cancellation: (url) => ({ type: 'dialog_cancellation', team, user, channel, callback_id: 'v0.dialog', response_url: url, state: '' }),
  dialog_suggestion: () => ({ type: 'dialog_suggestion', team, user, channel, callback_id: 'v0.dialog', name: 'field', value: 'ab' }),
  block_suggestion: () => ({ type: 'block_suggestion', team, user, action_id: 'v0.external_select', block_id: 'b', value: 'ab', view: { id: 'V3', callback_id: 'v0.old_modal' } }),
};

const metric = async (kind: string) => {
  const text = await (await fetch(`${h.baseUrl}/metrics`)).text();
  return Number(new RegExp(`tugi_slack_unhandled_requests_total\\{kind="${kind}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
};

describe('requests tugi has no listener for', () => {
  it.each(Object.keys(payloads))('answers a %s it does not know at once (2xx, not Bolt’s 404 after 3 s), logs and counts it', async (kind) => {
    const responseUrl = h.slack.responseUrl(`unknown-${kind}`);
    const before = await metric(kind);
    const response = await h.interaction(payloads[kind]!(responseUrl));
    // Unanswered, Bolt waits out Slack's 3 s and then says 404: a 2xx is tugi's own answer, given once the listeners had their turn.
    expect(response.status).toBeGreaterThanOrEqual(200);
    expect(response.status).toBeLessThan(300);
    if (kind.endsWith('_suggestion')) expect(response.json()).toEqual({ options: [] });
    expect(await metric(kind)).toBe(before + 1);
    if (['block_actions', 'message_action', 'interactive_message', 'dialog_submission'].includes(kind)) {
      await expect.poll(() => h.slack.responses.find((r) => r.path === `/respond/unknown-${kind}`)?.body).toMatchObject({ response_type: 'ephemeral', text: unknownNote });
    }
  });

  it('answers a slash command other than /tugi privately, and changes nothing', async () => {
    const form = new URLSearchParams({ command: '/ticket', text: 'new printer', team_id: ids.team, channel_id: ids.triage, user_id: ids.agent, user_name: 'agent', trigger_id: 't9', response_url: h.slack.responseUrl('cmd') });
    const response = await postToSlackEndpoint(h.baseUrl, form.toString(), 'application/x-www-form-urlencoded');
    expect(response.json()).toEqual({ response_type: 'ephemeral', text: unknownCommandNote });
    expect(await h.tugi.models.cases.countDocuments()).toBe(0);
    expect(await metric('slash_command')).toBe(1);
  });

  it('still refuses unknown payloads that are not signed by Slack', async () => {
    const response = await h.interaction(payloads.block_actions!(h.slack.responseUrl('forged')), { secret: 'not-the-signing-secret' });
    expect(response.status).toBe(401);
  });
});
