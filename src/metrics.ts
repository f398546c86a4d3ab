import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

/**
 * What tugi counts for operators (Prometheus, at /metrics). The core reports through this small
 * interface; `noMetrics` serves where nobody is scraping (tests, tools).
 */
export interface Metrics {
  caseOpened(via: string): void;
  inboxHandled(kind: string, outcome: 'done' | 'retry' | 'failed'): void;
  outboxDelivered(platform: string, outcome: 'sent' | 'retry' | 'rate_limited' | 'dead'): void;
  /** A Slack request no listener took (an old button, another app's payload), answered and ignored. */
  unhandledRequest(kind: string): void;
  /** A draft asked of the model provider: used, or why not (the person saw no draft, nothing else). */
  assistAnswered(feature: string, outcome: 'drafted' | 'malformed' | 'timeout' | 'refused' | 'failed' | 'skipped'): void;
}

export const noMetrics: Metrics = { caseOpened() {}, inboxHandled() {}, outboxDelivered() {}, unhandledRequest() {}, assistAnswered() {} };

export function createMetrics(): { registry: Registry; metrics: Metrics } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const cases = new Counter({ name: 'tugi_cases_opened_total', help: 'Cases opened, by trigger', labelNames: ['via'], registers: [registry] });
  const inbox = new Counter({
    name: 'tugi_inbox_events_total',
    help: 'Inbound events handled, by kind and outcome',
    labelNames: ['kind', 'outcome'],
    registers: [registry],
  });
  const outbox = new Counter({
    name: 'tugi_outbox_deliveries_total',
    help: 'Outbound delivery attempts, by platform and outcome',
    labelNames: ['platform', 'outcome'],
    registers: [registry],
  });
  const assist = new Counter({ name: 'tugi_assist_answers_total', help: 'Drafts asked of the model provider, by feature and outcome', labelNames: ['feature', 'outcome'], registers: [registry] });
  const unhandled = new Counter({
    name: 'tugi_slack_unhandled_requests_total',
    help: 'Slack requests answered for want of a listener (old buttons, unknown payloads and commands, by kind) or because their content failed (kind "failed")',
    labelNames: ['kind'],
    registers: [registry],
  });
  return {
    registry,
    metrics: {
      caseOpened: (via) => cases.inc({ via }),
      inboxHandled: (kind, outcome) => inbox.inc({ kind, outcome }),
      outboxDelivered: (platform, outcome) => outbox.inc({ platform, outcome }),
      unhandledRequest: (kind) => unhandled.inc({ kind }),
      assistAnswered: (feature, outcome) => assist.inc({ feature, outcome }),
    },
  };
}
