import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseRepository } from '../../src/cases/index.js';
import { createModels, type Models } from '../../src/storage/models/index.js';
import { openTestModels, type TestDatabase } from '../support/database.js';

let db: TestDatabase;
let models: Models;
let repository: CaseRepository;
beforeAll(async () => {
  ({ db, models } = await openTestModels());
  repository = new CaseRepository(models);
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

  it('gives concurrent inserts from two replicas distinct, consecutive numbers', async () => {
    const replica = new CaseRepository(createModels(await db.connectAgain()));
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => insert('TC', `p${i}`, new Types.ObjectId(), i % 2 ? replica : repository)));
    expect(results.map((r) => r.case.number).sort((x, y) => x - y)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
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
