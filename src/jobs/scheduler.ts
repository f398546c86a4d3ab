import { Agenda } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import type { Connection } from 'mongoose';
import type { Logger } from '../logger.js';

export interface RecurringJob {
  name: string;
  every: string;
  run: () => Promise<unknown>;
}

/**
 * Agenda on the same database as everything else. Its job locks spread recurring sweeps across
 * replicas; each sweep is itself safe to run on two replicas at once (claims are atomic).
 */
export async function startScheduler(options: {
  connection: Connection;
  jobs: RecurringJob[];
  logger: Logger;
  processEvery?: string | number;
}): Promise<Agenda> {
  const db = options.connection.db;
  if (!db) throw new Error('The database connection is not open');
  const agenda = new Agenda({
    backend: new MongoBackend({ mongo: db, collection: 'agenda_jobs' }),
    processEvery: options.processEvery ?? '5 seconds',
    defaultLockLifetime: 60_000,
  });
  agenda.on('error', (error) => options.logger.error({ err: error }, 'scheduler error'));
  for (const job of options.jobs) {
    agenda.define(job.name, async () => {
      try {
        await job.run();
      } catch (error) {
        // Logged, not rethrown: the next run of a sweep is its retry.
        options.logger.error({ err: error, job: job.name }, 'scheduled job failed');
      }
    });
  }
  await agenda.start();
  for (const job of options.jobs) await agenda.every(job.every, job.name);
  return agenda;
}
