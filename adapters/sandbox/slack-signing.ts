import { createHmac } from 'node:crypto';

/** The headers Slack signs a request with (v0: HMAC-SHA256 over `v0:timestamp:body`). */
export function slackSignature(body: string, secret: string, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}
