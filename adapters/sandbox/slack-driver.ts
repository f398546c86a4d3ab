import { randomBytes } from 'node:crypto';
import { demo, type Persona } from './demo-workspace.js';
import type { FakeSlack } from './fake-slack.js';
import { slackSignature } from './slack-signing.js';
import type { SlackWorld } from './slack-world.js';

export interface SlackAnswer {
  status: number;
  /** What tugi answered in the HTTP response (a slash command's private answer, a modal's errors). */
  body: Record<string, unknown> | null;
}

/**
 * Does in the simulated Slack what a person does in the real one, and tells tugi the way Slack
 * does: every action is a signed request to tugi's own /slack/events endpoint.
 */
export class SlackDriver {
  /** Each sandbox run signs with its own secret, so no request from elsewhere passes tugi's check. */
  readonly signingSecret = randomBytes(24).toString('hex');
  private sequence = 0;

  constructor(
    private readonly fake: FakeSlack,
    private readonly world: SlackWorld,
    private readonly tugiUrl: () => string,
  ) {}

  async post(who: Persona, input: { channel: string; text: string; threadTs?: string }): Promise<SlackAnswer> {
    const message = this.world.put({ channel: input.channel, ts: this.fake.nextTs(), user: who.slackUserId!, text: input.text, ...(input.threadTs ? { threadTs: input.threadTs } : {}) });
    return this.event({ type: 'message', channel: message.channel, user: message.user, text: message.text, ts: message.ts, ...(message.threadTs ? { thread_ts: message.threadTs } : {}), channel_type: 'channel' });
  }

  async edit(who: Persona, input: { channel: string; ts: string; text: string }): Promise<SlackAnswer> {
    const old = this.ownMessage(who, input);
    this.world.put({ ...old, text: input.text, edited: true });
    const message = { type: 'message', user: old.user, text: input.text, ts: old.ts, ...(old.threadTs ? { thread_ts: old.threadTs } : {}), edited: { user: old.user, ts: this.fake.nextTs() } };
    return this.event({ type: 'message', subtype: 'message_changed', channel: old.channel, ts: this.fake.nextTs(), message, previous_message: { type: 'message', user: old.user, text: old.text, ts: old.ts } });
  }

  async remove(who: Persona, input: { channel: string; ts: string }): Promise<SlackAnswer> {
    const old = this.ownMessage(who, input);
    this.world.put({ ...old, text: '', deleted: true });
    return this.event({
      type: 'message',
      subtype: 'message_deleted',
      channel: old.channel,
      ts: this.fake.nextTs(),
      deleted_ts: old.ts,
      previous_message: { type: 'message', user: old.user, text: old.text, ts: old.ts, ...(old.threadTs ? { thread_ts: old.threadTs } : {}) },
    });
  }

  async react(who: Persona, input: { channel: string; ts: string; reaction: string }): Promise<SlackAnswer> {
    const message = this.world.message(input.channel, input.ts);
    if (!message) throw new SandboxInputError('That message is not in this channel.');
    this.world.put({ ...message, reactions: [...new Set([...(message.reactions ?? []), input.reaction])] });
    return this.event({ type: 'reaction_added', user: who.slackUserId, reaction: input.reaction, item: { type: 'message', channel: input.channel, ts: input.ts }, item_user: message.user ?? demo.bot, event_ts: this.fake.nextTs() });
  }

  /** The "Open case" message shortcut. */
  async shortcut(who: Persona, input: { channel: string; ts: string; callbackId: string }): Promise<SlackAnswer> {
    const message = this.world.message(input.channel, input.ts);
    if (!message) throw new SandboxInputError('That message is not in this channel.');
    const { trigger, responseUrl } = this.interaction(who, input.channel);
    return this.interact({
      type: 'message_action',
      callback_id: input.callbackId,
      trigger_id: trigger,
      team: { id: demo.team },
      channel: { id: input.channel },
      user: { id: who.slackUserId },
      message: { type: 'message', ts: message.ts, text: message.text, ...(message.user ? { user: message.user } : { bot_id: 'B0TUGI' }) },
      message_ts: message.ts,
      response_url: responseUrl,
    });
  }

  async command(who: Persona, input: { channel: string; text: string }): Promise<SlackAnswer> {
    const { trigger, responseUrl } = this.interaction(who, input.channel);
    const form = new URLSearchParams({
      command: '/tugi',
      text: input.text,
      team_id: demo.team,
      channel_id: input.channel,
      user_id: who.slackUserId!,
      user_name: who.id,
      trigger_id: trigger,
      response_url: responseUrl,
    });
    const answer = await this.send(form.toString(), 'application/x-www-form-urlencoded');
    if (answer.body && (answer.body.text || answer.body.blocks)) this.world.ephemeral({ user: who.slackUserId!, channel: input.channel }, answer.body);
    return answer;
  }

  /** A button, select or overflow pressed on a message (or on a private answer: `messageTs` is then absent). */
  async action(who: Persona, input: { channel: string; messageTs?: string; action: Record<string, unknown> }): Promise<SlackAnswer> {
    const { trigger, responseUrl } = this.interaction(who, input.channel);
    const container = input.messageTs ? { type: 'message', channel_id: input.channel, message_ts: input.messageTs } : { type: 'message', channel_id: input.channel, is_ephemeral: true };
    return this.interact({
      type: 'block_actions',
      team: { id: demo.team },
      user: { id: who.slackUserId, name: who.id },
      trigger_id: trigger,
      response_url: responseUrl,
      channel: { id: input.channel },
      container,
      ...(input.messageTs ? { message: { type: 'message', ts: input.messageTs } } : {}),
      actions: [{ ...input.action, action_ts: this.fake.nextTs() }],
    });
  }

  /** A modal's Submit: the inputs' values as Slack sends them in `view.state`. */
  async submit(who: Persona, input: { viewId: string; view: Record<string, unknown>; values: Record<string, Record<string, unknown>> }): Promise<SlackAnswer> {
    const answer = await this.interact({
      type: 'view_submission',
      team: { id: demo.team },
      user: { id: who.slackUserId, name: who.id },
      trigger_id: this.interaction(who, '').trigger,
      view: { ...input.view, id: input.viewId, team_id: demo.team, state: { values: input.values } },
    });
    if (answer.status < 300 && answer.body?.response_action !== 'errors') this.world.closeModal(input.viewId, who.slackUserId!);
    return answer;
  }

  private ownMessage(who: Persona, input: { channel: string; ts: string }) {
    const message = this.world.message(input.channel, input.ts);
    if (!message || message.user !== who.slackUserId || message.deleted) throw new SandboxInputError('You can only change your own messages.');
    return message;
  }

  /** A fresh trigger id and response_url, remembered as this person's, so tugi's answers reach them. */
  private interaction(who: Persona, channel: string) {
    const id = `sandbox-${(this.sequence += 1)}`;
    this.world.asked(id, { user: who.slackUserId!, channel });
    return { trigger: id, responseUrl: this.fake.responseUrl(id) };
  }

  private event(event: Record<string, unknown>): Promise<SlackAnswer> {
    const envelope = { token: 'sandbox', team_id: demo.team, api_app_id: 'A0TUGI', type: 'event_callback', event_id: `Ev${Date.now()}${(this.sequence += 1)}`, event_time: Math.floor(Date.now() / 1000), event };
    return this.send(JSON.stringify(envelope), 'application/json');
  }

  private interact(payload: Record<string, unknown>): Promise<SlackAnswer> {
    return this.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
  }

  private async send(body: string, contentType: string): Promise<SlackAnswer> {
    const response = await fetch(`${this.tugiUrl()}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...slackSignature(body, this.signingSecret) }, body });
    const text = await response.text();
    let parsed: Record<string, unknown> | null = null;
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    } catch {
      parsed = { text };
    }
    return { status: response.status, body: parsed };
  }
}

/** A page request that cannot be done (someone else's message, a message that is not there): a 400 with this text. */
export class SandboxInputError extends Error {}
