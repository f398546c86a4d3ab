import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, readSettings } from '../../src/config/index.js';
import { configYaml, ids } from '../fixtures/config.js';
import { startHarness, type Harness } from '../support/harness.js';
import { eventEnvelope, sign } from '../support/slack-requests.js';
import { cardSubmit, personalSubmit, teamsIds } from '../support/teams-activities.js';

/**
 * Random input at every edge where text or payloads come in. The property everywhere: a clear
 * answer or a 2xx/4xx — never a crash, a 5xx, or a wait past Slack's 3 s — and nothing stored
 * for input that was refused. fast-check's default number of runs (100) each.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

/** Slack gives up after 3 s: a request still unanswered then has hung. */
const slackDeadline = () => AbortSignal.timeout(3_000);

/** What refused input must leave as it was (the weekly digest, a scheduled job, may post meanwhile: it is not input's doing). */
async function stored() {
  const { models } = h.tugi;
  const [cases, events, outbox, settings] = await Promise.all([
    models.cases.countDocuments(),
    models.caseEvents.countDocuments(),
    models.outbox.countDocuments({ key: { $not: /^digest:/ } }),
    models.settings.countDocuments(),
  ]);
  return { cases, events, outbox, settings };
}

const assertAnswered = (status: number) => {
  expect(status, 'never a 5xx').toBeLessThan(500);
  expect(status).toBeGreaterThanOrEqual(200);
};

/** Text people type: words of the command language, case keys, flags, and anything else. */
const commandText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc
    .array(fc.oneof(fc.constantFrom('case', 'tag', 'pull', 'escalate', 'snooze', 'resolve', 'reopen', 'stale', 'kb', 'mine', 'report', 'help', 'setup', 'CS-1', 'CS-999999999', 'CS-0', '+network', '-billing', '--via', 'phone', 'cause:', 'fix:', 'note:', 'by', 'agent', 'week', '2026-13-40..2026-01-01', 'tomorrow', '2h', '<@U0X>', '*', '`'), fc.string({ maxLength: 12 })), { maxLength: 8 })
    .map((words) => words.join(' ')),
);

describe('fuzz at every edge', () => {
  it('/tugi command text: always a private answer, nothing stored when refused', { timeout: 120_000 }, async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(commandText, async (text) => {
        // `new` opens a case: that one is allowed to store something.
        const opens = /^\s*new\b/i.test(text);
        const before = await stored();
        const form = new URLSearchParams({ command: '/tugi', text, team_id: ids.team, channel_id: ids.triage, user_id: ids.agent, user_name: 'agent', trigger_id: `fuzz-${(n += 1)}`, response_url: h.slack.responseUrl(`fuzz-${n}`) });
        const response = await fetchSigned(form.toString(), 'application/x-www-form-urlencoded');
        assertAnswered(response.status);
        const answer = JSON.parse(response.text) as { response_type: string; text: string };
        expect(answer.response_type).toBe('ephemeral');
        expect(answer.text.length).toBeGreaterThan(0);
        expect(answer.text).not.toMatch(/Something went wrong on our side/);
        await h.settle();
        if (!opens && !/^Opened case|is tagged|Pulling in|is escalated|are snoozed|is resolved|is reopened/.test(answer.text)) expect(await stored()).toEqual(before);
      }),
    );
  });

  it('Slack interactive payloads around the real ones: a 2xx/4xx, never a 5xx or a hang', { timeout: 120_000 }, async () => {
    const { case: existing } = await h.tugi.desks.for(ids.team)!.intake.openFromCommand({ workspace: ids.team, title: 'Fuzz target', via: 'command', actor: { platform: 'slack', userId: ids.agent }, channel: ids.triage, invocationId: 'fuzz-target' });
    const actionIds = ['case.assign_me', 'case.set_priority', 'case.set_status', 'case.set_tags', 'case.pull_specialists', 'case.escalate', 'case.snooze', 'case.resolve', 'case.reopen', 'answer.solved', 'answer.still_broken', 'rate.5', 'report.export_csv', 'setup.open', 'setup.account.edit', 'unknown.thing'];
    const payload = fc.record(
      {
        type: fc.constantFrom('block_actions', 'view_submission', 'shortcut', 'message_action', 'view_closed', 'block_suggestion', 'something_else'),
        team: fc.oneof(fc.constant({ id: ids.team }), fc.constant(null), fc.anything()),
        user: fc.oneof(fc.constant({ id: ids.agent }), fc.constant({ id: ids.customer }), fc.anything()),
        trigger_id: fc.oneof(fc.string(), fc.constant(undefined)),
        callback_id: fc.oneof(fc.constantFrom('case.open_from_message', 'setup.main', 'case.resolve_form'), fc.string()),
        actions: fc.oneof(
          fc.array(fc.record({ action_id: fc.constantFrom(...actionIds), block_id: fc.oneof(fc.constant(`case:${String(existing._id)}`), fc.string()), value: fc.oneof(fc.string(), fc.constant(String(existing._id))), selected_option: fc.oneof(fc.record({ value: fc.string() }), fc.constant(undefined)) }), { maxLength: 2 }),
          fc.anything(),
        ),
        view: fc.oneof(fc.record({ id: fc.string(), callback_id: fc.constantFrom('case.resolve_form', 'setup.main', 'setup.account', 'setup.person', 'setup.skill', 'setup.teams'), private_metadata: fc.oneof(fc.string(), fc.constant(String(existing._id))), state: fc.record({ values: fc.dictionary(fc.string(), fc.dictionary(fc.constantFrom('value', 'pick'), fc.record({ value: fc.oneof(fc.string(), fc.constant(null)) }))) }) }), fc.anything()),
        message: fc.anything(),
        channel: fc.oneof(fc.constant({ id: ids.acme }), fc.anything()),
      },
      { requiredKeys: ['type'] },
    );
    await fc.assert(
      fc.asyncProperty(payload, async (body) => {
        const response = await fetchSigned(new URLSearchParams({ payload: JSON.stringify(body) }).toString(), 'application/x-www-form-urlencoded');
        assertAnswered(response.status);
      }),
    );
  });

  it('Slack events around the real ones: a 2xx, never a 5xx or a hang', { timeout: 120_000 }, async () => {
    const event = fc.record(
      {
        type: fc.constantFrom('message', 'reaction_added', 'app_home_opened', 'app_uninstalled', 'tokens_revoked', 'member_joined_channel'),
        subtype: fc.oneof(fc.constantFrom(undefined, 'message_changed', 'message_deleted', 'file_share', 'bot_message', 'thread_broadcast'), fc.string()),
        channel: fc.oneof(fc.constantFrom(ids.acme, ids.triage, ids.random, ids.quiet), fc.anything()),
        user: fc.oneof(fc.constantFrom(ids.customer, ids.agent), fc.anything()),
        text: fc.oneof(fc.string({ maxLength: 200 }), fc.anything()),
        ts: fc.oneof(fc.constant('1800000000.000100'), fc.string(), fc.anything()),
        thread_ts: fc.oneof(fc.constant(undefined), fc.string(), fc.anything()),
        message: fc.anything(),
        previous_message: fc.anything(),
        reaction: fc.oneof(fc.constant('ticket'), fc.string()),
        item: fc.anything(),
        tab: fc.oneof(fc.constant('home'), fc.string()),
        tokens: fc.anything(),
      },
      { requiredKeys: ['type'] },
    );
    await fc.assert(
      fc.asyncProperty(event, async (e) => {
        const response = await fetchSigned(JSON.stringify(eventEnvelope(e as Record<string, unknown>)), 'application/json');
        assertAnswered(response.status);
      }),
    );
    await h.settle();
    // Whatever came in, no handler crashed the process: a plain message still opens a case.
    const { status } = await h.customerMessage('Still working after the fuzz?', { user: 'U0AFTERFUZZ' });
    expect(status).toBe(200);
  });

  it('Adaptive Card submits and Teams messages around the real ones: a 2xx/4xx, never a 5xx', { timeout: 120_000 }, async () => {
    const value = fc.oneof(
      fc.record({ tugi: fc.constantFrom('case.answer', 'case.snooze', 'case.resolve', 'report.export', 'nope'), caseId: fc.oneof(fc.stringMatching(/^[0-9a-f]{24}$/), fc.string()), verdict: fc.anything(), rating: fc.anything(), choice: fc.anything(), cause: fc.anything(), fix: fc.anything(), period: fc.anything() }, { requiredKeys: ['tugi'] }),
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(value, fc.boolean(), async (v, personal) => {
        const activity = personal
          ? personalSubmit({ serviceUrl: h.connector.serviceUrl, conversationId: 'a:1-fuzz', from: teamsIds.liis, value: v as object })
          : cardSubmit({ serviceUrl: h.connector.serviceUrl, channel: teamsIds.specialists, rootId: '1700000000001', from: teamsIds.ann, value: v as object });
        const response = await fetch(`${h.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity), signal: slackDeadline() });
        assertAnswered(response.status);
      }),
    );
  });

  it('settings files: a ConfigError naming the problem, or settings — never another error', () => {
    const yamlish = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      // The real file with one line changed, dropped or repeated.
      fc.tuple(fc.nat(), fc.string({ maxLength: 40 }), fc.constantFrom('replace', 'drop', 'repeat')).map(([at, text, how]) => {
        const lines = configYaml.split('\n');
        const i = at % lines.length;
        if (how === 'drop') lines.splice(i, 1);
        else if (how === 'repeat') lines.splice(i, 0, lines[i]!);
        else lines[i] = text;
        return lines.join('\n');
      }),
    );
    fc.assert(
      fc.property(yamlish, (text) => {
        try {
          readSettings(text, 'fuzz.yaml');
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          expect((error as Error).message).toMatch(/^fuzz\.yaml is not (valid YAML|valid:\n {2}- )/);
        }
      }),
    );
  });
});

/** A signed Slack request that must be answered before Slack's deadline. */
async function fetchSigned(body: string, contentType: string) {
  const response = await fetch(`${h.baseUrl}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...sign(body) }, body, signal: slackDeadline() });
  return { status: response.status, text: await response.text() };
}
