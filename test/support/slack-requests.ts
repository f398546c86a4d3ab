import { slackSignature } from '../../adapters/sandbox/slack-signing.js';

export const signingSecret = 'test-signing-secret-0123456789';

/** Signs a body the way Slack does. */
export function sign(body: string, timestamp = Math.floor(Date.now() / 1000), secret = signingSecret) {
  return slackSignature(body, secret, timestamp);
}

export interface SendOptions {
  headers?: Record<string, string>;
  /** Sign with another secret (a forgery) or an old timestamp (a replay). */
  secret?: string;
  timestamp?: number;
  unsigned?: boolean;
}

export async function postToSlackEndpoint(baseUrl: string, body: string, contentType: string, options: SendOptions = {}) {
  const headers = {
    'content-type': contentType,
    ...(options.unsigned ? {} : sign(body, options.timestamp, options.secret)),
    ...options.headers,
  };
  const response = await fetch(`${baseUrl}/slack/events`, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

let eventCounter = 0;

export function eventEnvelope(event: Record<string, unknown>, eventId = `Ev${Date.now()}${(eventCounter += 1)}`) {
  return { token: 'legacy', team_id: 'T0TUGI', api_app_id: 'A0TUGI', type: 'event_callback', event_id: eventId, event_time: Math.floor(Date.now() / 1000), event };
}

let lastMicros = 0;
/** A fresh, increasing Slack message ts (at `nowMs`, for tests whose clock runs ahead). */
export function nextTs(nowMs = Date.now()): string {
  lastMicros = Math.max(lastMicros + 1000, nowMs * 1000);
  return `${Math.floor(lastMicros / 1e6)}.${String(lastMicros % 1e6).padStart(6, '0')}`;
}
