import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSettings } from '../../src/config/index.js';
import { configYaml, ids } from '../fixtures/config.js';
import { eventually, startHarness, type Harness } from '../support/harness.js';
import { nextTs } from '../support/slack-requests.js';

/** A workspace that keeps tugi to its configured channels (intake.anyChannel: false). */
const strict = readSettings(configYaml.replace('groupingWindowMinutes: 10', 'groupingWindowMinutes: 10\n  anyChannel: false'));

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ settings: strict });
});
afterAll(async () => {
  await h?.stop();
});

describe('channels that are not configured', () => {
  it('answers the shortcut with a clear private message and opens nothing', async () => {
    const ts = nextTs();
    await h.interaction({
      type: 'message_action',
      callback_id: 'case.open_from_message',
      trigger_id: 'trig-unconfigured',
      team: { id: ids.team },
      channel: { id: ids.random },
      user: { id: ids.agent },
      message: { ts, user: ids.customer, text: 'Help' },
      response_url: h.slack.responseUrl('trig-unconfigured'),
    });
    const answer = await eventually(() => {
      const found = h.slack.responses.find((r) => r.path.endsWith('trig-unconfigured'));
      expect(found).toBeDefined();
      return found!.body;
    });
    expect(answer).toMatchObject({ response_type: 'ephemeral', text: 'This channel is not set up for tugi. Ask a manager to add it in /tugi setup.' });
    expect(await h.tugi.models.cases.countDocuments()).toBe(0);
  });

  it('ignores the 🎫 reaction there, and stores nothing', async () => {
    const ts = nextTs();
    await h.event({ type: 'reaction_added', user: ids.agent, reaction: 'ticket', item: { type: 'message', channel: ids.random, ts } });
    await h.settle();
    expect(await h.tugi.models.inbox.countDocuments()).toBe(0);
    expect(await h.tugi.models.cases.countDocuments()).toBe(0);
  });
});
