import type { App } from '@slack/bolt';
import { MongoError } from 'mongodb';
import mongoose from 'mongoose';
import type { Logger } from '../../src/logger.js';

/** Said privately where Slack can show it, to whoever pressed something tugi does not (or no longer) know. */
export const unknownNote = 'This button or form is from an older version of tugi, or from another app; nothing was changed.';
export const unknownCommandNote = 'tugi answers only `/tugi` (try `/tugi help`); nothing was changed.';

/** The kind of an interactive payload or command, as Slack names it. */
function kindOf(body: Record<string, unknown>): string {
  if (typeof body.command === 'string') return 'slash_command';
  return typeof body.type === 'string' ? body.type : 'unknown';
}

/** What Slack expects in the HTTP answer to each kind: options for a suggestion, a private text for a command, an empty 200 otherwise. */
function answerFor(kind: string): object | undefined {
  if (kind === 'block_suggestion' || kind === 'dialog_suggestion') return { options: [] };
  if (kind === 'slash_command') return { response_type: 'ephemeral', text: unknownCommandNote };
  return undefined;
}

/**
 * The database did not take the write (down, unreachable, refusing): a 5xx makes Slack retry,
 * which is right, since the request's effect was not kept. Bolt may wrap the error it got.
 */
function isDatabaseTrouble(error: unknown): boolean {
  if (error instanceof MongoError || error instanceof mongoose.Error) return true;
  const e = error as { original?: unknown; originals?: unknown[] } | null;
  return Boolean(e && (isDatabaseTrouble(e.original) || (e.originals ?? []).some(isDatabaseTrouble)));
}

/**
 * Every request Slack sends is answered at once: one no listener took (an old message's button,
 * a view or shortcut of another app version, a legacy dialog, a command tugi does not have),
 * which Bolt would leave hanging until Slack's 3 s are up; and one whose content broke Bolt or a
 * listener (a payload of a shape Slack does not send), which Slack would retry for ever. Only
 * database trouble is answered with a 5xx, so Slack retries what was not kept. Bolt's listeners
 * have all run when `processEvent` returns (tugi answers before responding), so a request still
 * unanswered then has no listener: it is answered, logged and counted, and where the payload
 * carries a response_url the person is told privately why nothing happened.
 */
export function answerEveryRequest(app: App, logger: Logger, count: (kind: string) => void): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event) => {
    let answered = false;
    const ack = event.ack;
    const body = (event.body ?? {}) as Record<string, unknown>;
    const kind = kindOf(body);
    // Bolt acknowledges an event before its listeners run. Over HTTP the answer waits for them
    // anyway (processBeforeResponse); over Socket Mode it would go out at once, and a replica
    // killed before the inbox write would lose the event. So an event's acknowledgement is held
    // until the listeners are done — over both, it follows the durable write.
    const isEvent = typeof body.event === 'object' && body.event !== null;
    let held: { response: unknown } | undefined;
    try {
      await processEvent({
        ...event,
        ack: async (response) => {
          answered = true;
          if (isEvent) held = { response };
          else await ack(response);
        },
      });
      if (held) await ack(held.response as never);
    } catch (error) {
      if (isDatabaseTrouble(error)) throw error;
      count('failed');
      logger.error({ err: error, kind, id: idOf(body) }, 'slack: a request failed on its content; answered, so Slack does not retry it');
      if (held) await ack(held.response as never);
      else if (!answered) await ack(answerFor(kind) as never);
      return;
    }
    if (answered) return;
    count(kind);
    logger.warn({ kind, id: idOf(body) }, 'slack: a request no listener takes; answered and ignored');
    await ack(answerFor(kind) as never);
    const responseUrl = typeof body.response_url === 'string' ? body.response_url : undefined;
    if (responseUrl && kind !== 'slash_command') {
      void fetch(responseUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text: unknownNote }), signal: AbortSignal.timeout(5_000) }).catch((err: unknown) =>
        logger.warn({ err }, 'slack: could not tell the person their press did nothing'),
      );
    }
  };
}

/** The id that names what was pressed or submitted, for the log line. */
function idOf(body: Record<string, unknown>): string | undefined {
  const actions = body.actions as Array<{ action_id?: string; name?: string }> | undefined;
  const view = body.view as { callback_id?: string } | undefined;
  const found = body.command ?? body.callback_id ?? view?.callback_id ?? actions?.[0]?.action_id ?? actions?.[0]?.name ?? body.action_id;
  return typeof found === 'string' ? found : undefined;
}
