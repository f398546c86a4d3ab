import { parseArgs } from 'node:util';
import { runChaos } from './chaos.js';

/**
 * `npm run chaos -- [--minutes 10] [--replicas 3] [--kill-every 5] [--rate 1]`: the chaos test
 * for as long as asked, printing what happened and the figures; exits 1 if anything was lost,
 * doubled or left stuck.
 */
const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' }, replicas: { type: 'string', default: '3' }, 'kill-every': { type: 'string', default: '5' }, rate: { type: 'string', default: '1' } } });
const minutes = Number(values.minutes);
console.log(`chaos soak: ${minutes} min, ${values.replicas} replicas, a kill -9 every ${values['kill-every']} s, ${values.rate} customer messages/s, one database outage`);
const figures = await runChaos({
  durationMs: minutes * 60_000,
  replicas: Number(values.replicas),
  killEveryMs: Number(values['kill-every']) * 1_000,
  messagesPerSecond: Number(values.rate),
  // The backlog a kill every few seconds builds (each kill stalls its channels for a lease term) drains at about a message a second a channel.
  settleMs: 20 * 60_000,
  log: (line) => console.log(`  ${new Date().toISOString().slice(11, 19)} ${line}`),
});
const table = {
  'run (s)': figures.seconds,
  requests: figures.requests,
  '5xx answers (retried)': figures.answered5xx,
  'kills (SIGKILL)': figures.kills,
  restarts: figures.restarts,
  'database outage (ms)': figures.databaseOutageMs,
  'customer messages (Slack)': figures.customerMessages,
  'customer messages (Teams)': figures.teamsMessages,
  cases: figures.cases,
  lost: figures.lost.length,
  doubled: figures.doubled.length,
  'outbox messages stuck': figures.stuck,
};
console.table(table);
for (const line of [...figures.lost, ...figures.doubled]) console.log(`  ! ${line}`);
process.exit(figures.lost.length + figures.doubled.length + figures.stuck === 0 ? 0 : 1);
