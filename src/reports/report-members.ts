import { DateTime } from 'luxon';
import type { Models } from '../storage/models/index.js';
import type { Period } from './period.js';

/**
 * A day's member list is spread over this many documents (by the case id's last hex digit), so
 * each stays small on a busy day: a fold rewrites one bucket, an export reads them all.
 */
export const memberBuckets = 8;

const bucketId = (workspace: string, day: string, bucket: number) => `${workspace}|${day}|m${bucket}`;

export const memberBucketId = (workspace: string, day: string, caseId: string) => bucketId(workspace, day, parseInt(caseId.slice(-1), 16) % memberBuckets);

/** The ids of the cases opened or first resolved in a period (days in the team's zone), read by primary key only. */
export async function casesBehind(models: Pick<Models, 'reportMembers'>, workspace: string, period: Period, zone: string): Promise<string[]> {
  const ids = [];
  for (let day = DateTime.fromISO(period.from, { zone }); day.toISODate()! <= period.to; day = day.plus({ days: 1 })) {
    for (let bucket = 0; bucket < memberBuckets; bucket += 1) ids.push(bucketId(workspace, day.toISODate()!, bucket));
  }
  const found = new Set<string>();
  const docs = await Promise.all(ids.map((id) => models.reportMembers.findById(id).lean<{ cases: string }>()));
  for (const doc of docs) if (doc) for (const caseId of Object.keys(JSON.parse(doc.cases) as Record<string, number>)) found.add(caseId);
  return [...found];
}
