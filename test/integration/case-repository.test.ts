import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseRepository } from '../../src/cases/index.js';
import { CaseNumbers } from '../../src/cases/case-numbers.js';
import { createModels, type Models } from '../../src/storage/models/index.js';
import { openTestModels, type TestDatabase } from '../support/database.js';

let db: TestDatabase;
let models: Models;
let repository: CaseRepository;
beforeAll(async () => {
  ({ db, models } = await openTestModels());
  repository = new CaseRepository(models, new CaseNumbers(models));
});
afterAll(async () => {
  await db.drop();
});

const at = new Date('2026-11-20T10:00:00Z');
const newCase = (workspace: string, sourceKey: string) => ({
  workspace,
  title: 'Printer',
  description: '',
  requester: { platform: 'slack' as const, userId: 'U1' },
  account: null,
  source: { platform: 'slack' as const, via: 'message', channel: 'C1', ts: sourceKey, permalink: null },
  sourceKey,
  status: 'new' as const,
  priority: 'P3' as const,
  assignee: null,
  tags: [], specialists: [], specialistThread: null, sla: null, snoozedUntil: null, waitingSince: null, nextDue: null, reported: null,
  firstResponseAt: null,
  lastCustomerActivityAt: at,
  lastActivityAt: at,
  createdAt: at,
  updatedAt: at,
});

describe('case repository', () => {
  const insert = (workspace: string, sourceKey: string, id = new Types.ObjectId(), repo = repository) => repo.insert(id, newCase(workspace, sourceKey));

  it('numbers cases per workspace, and a second insert under the same id returns the first case', async () => {
    const a = await insert('TA', 's1');
    const b = await insert('TA', 's2');
    const other = await insert('TB', 's1');
    const again = await insert('TA', 's1', a.case._id);
    expect([a.case.key, b.case.key, other.case.key]).toEqual(['CS-1', 'CS-2', 'CS-1']);
    expect(again).toMatchObject({ created: false, case: { key: 'CS-1', workspace: 'TA' } });
  });

  it('gives 3 replicas × 500 concurrent intakes 1 500 distinct keys with no gaps, without running out of retries', { timeout: 120_000 }, async () => {
    const replicas = [repository, ...(await Promise.all([1, 2].map(async () => {
      const replicaModels = createModels(await db.connectAgain());
      return new CaseRepository(replicaModels, new CaseNumbers(replicaModels));
    })))];
    const results = await Promise.all(replicas.flatMap((replica, r) => Array.from({ length: 500 }, (_, i) => insert('TC', `r${r}-${i}`, new Types.ObjectId(), replica))));
    const numbers = results.map((result) => result.case.number).sort((x, y) => x - y);
    expect(new Set(results.map((result) => result.case.key)).size).toBe(1_500);
    // Every claimed run is used up by the openers waiting when it was claimed: nothing is skipped.
    expect(numbers).toEqual(Array.from({ length: 1_500 }, (_, i) => i + 1));
    expect(results.every((result) => /^CS-\d+$/.test(result.case.key))).toBe(true);
    // A few claims cover the burst: far fewer database writes than cases.
    expect(await models.caseNumbers.countDocuments({ workspace: 'TC', start: { $gt: 0 } })).toBeLessThan(1_500);
  });

  it('starts after the highest existing number, and a number taken for a case that already existed is used next', async () => {
    const fresh = new CaseRepository(models, new CaseNumbers(models));
    const existing = await insert('TF', 'first', new Types.ObjectId(), fresh);
    const again = await insert('TF', 'first', existing.case._id, fresh);
    expect(again.created).toBe(false);
    const next = await insert('TF', 'second', new Types.ObjectId(), fresh);
    expect([existing.case.key, next.case.key]).toEqual(['CS-1', 'CS-2']);
    // Another process (a restart) goes on from where the runs reached.
    const restarted = new CaseRepository(models, new CaseNumbers(models));
    expect((await insert('TF', 'third', new Types.ObjectId(), restarted)).case.key).toBe('CS-3');
  });

  it('scopes lookups to the workspace', async () => {
    const { case: c } = await insert('TD', 'scoped');
    expect(await repository.getByKey('TD', c.key)).not.toBeNull();
    expect(await repository.getById('TE', String(c._id))).toBeNull();
    expect(await repository.getById('TD', 'not-an-id')).toBeNull();
  });

  it('links a source once and appends a timeline entry once per key', async () => {
    const id = new Types.ObjectId();
    expect(await repository.link('TA', 'C1:1.1', id)).toBe(true);
    expect(await repository.link('TA', 'C1:1.1', new Types.ObjectId())).toBe(false);
    expect(await repository.linkedCaseId('TA', 'C1:1.1')).toEqual(id);
    expect(await repository.linkedCaseId('TB', 'C1:1.1')).toBeNull();
    const entry = { key: 'opened', type: 'opened', actor: null, at };
    expect(await repository.appendEvent('TA', id, entry)).toBe(true);
    expect(await repository.appendEvent('TA', id, entry)).toBe(false);
    expect(await repository.listEvents('TA', id)).toHaveLength(1);
  });
});
