import { Agenda } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import type { Connection } from 'mongoose';
import type { Logger } from '../logger.js';
import type { LeaseLock } from '../storage/lease-lock.js';

export interface RecurringJob {
  name: string;
  every: string;
  run: () => Promise<unknown>;
}

/**
 * Agenda on the same database as everything else, to run recurring sweeps on some replica.
 * Agenda locks a due job with findOneAndUpdate, which FerretDB 1.x does not isolate, so two
 * replicas can both start one run. Each run therefore also takes the job's lease (a unique
 * insert, see LeaseLock): one replica runs a job at a time, and a replica that finds it running
 * skips that turn. Under the lease every job is also idempotent on its own (its effects are keyed
 * outbox messages, claimed due points and fold marks), so a lease that expired mid-run
 * (a run longer than 15 s, a paused process) can overlap without doubling anything.
 */
export async function startScheduler(options: {
  connection: Connection;
  jobs: RecurringJob[];
  lock: LeaseLock;
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
        await options.lock.tryLock(`job:${job.name}`, job.run);
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
