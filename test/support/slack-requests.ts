import { createHmac } from 'node:crypto';

export const signingSecret = 'test-signing-secret-0123456789';

/** Signs a body the way Slack does (v0, HMAC-SHA256 over `v0:timestamp:body`). */
export function sign(body: string, timestamp = Math.floor(Date.now() / 1000), secret = signingSecret) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
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
/** A fresh Slack message ts near now, at least a millisecond after the previous one. */
/** A fresh, increasing Slack message ts (at `nowMs`, for tests whose clock runs ahead). */
export function nextTs(nowMs = Date.now()): string {
  lastMicros = Math.max(lastMicros + 1000, nowMs * 1000);
  return `${Math.floor(lastMicros / 1e6)}.${String(lastMicros % 1e6).padStart(6, '0')}`;
}
