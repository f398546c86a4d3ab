import type { Connection } from 'mongoose';
import { pino } from 'pino';
import { startTugi, type TugiOptions } from '../../src/main.js';
import { testSettings } from '../fixtures/config.js';
import type { FakeSlack } from '../../adapters/sandbox/fake-slack.js';
import { signingSecret } from '../support/slack-requests.js';

/** tugi as the benchmarks run it: the test workspace, silent logs, the fake Slack, no channel pacing. */
export function startBenchTugi(connection: Connection, slack: FakeSlack, options: Partial<TugiOptions> = {}) {
  return startTugi({
    settings: { ...testSettings, origin: 'the benchmark' },
    connection,
    port: 0,
    logger: pino({ level: 'silent' }),
    slack: { botToken: 'xoxb-bench', signingSecret, apiUrl: slack.apiUrl },
    channelIntervalMs: 0,
    ...options,
  });
}
