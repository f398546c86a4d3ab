import { isDuplicateKeyError } from '../errors.js';

/**
 * A write that a unique key may refuse: true when it was stored, false when the key was taken.
 * The one primitive every exactly-once decision in tugi rests on (see lease-lock.ts for why).
 */
export async function insertedOnce(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

/** An unordered bulk insert where keys already taken are skipped and any other failure throws. */
export async function insertManyOnce(
  model: { insertMany(docs: unknown[], options: { ordered: false }): Promise<unknown> },
  docs: unknown[],
): Promise<void> {
  try {
    await model.insertMany(docs, { ordered: false });
  } catch (error) {
    const refused = writeErrorsByIndex(error);
    const onlyDuplicates = refused ? [...refused.values()].every(isDuplicateKeyError) : isDuplicateKeyError(error);
    if (!onlyDuplicates) throw error;
  }
}

/**
 * The documents an unordered insert refused, by position; undefined when the write as a whole
 * failed (connection, write concern), and then no insert may count as stored.
 */
export function writeErrorsByIndex(error: unknown): Map<number, unknown> | undefined {
  const { writeErrors, writeConcernError } = (error ?? {}) as { writeErrors?: unknown; writeConcernError?: unknown };
  if (writeErrors === undefined || writeConcernError) return undefined;
  const list = (Array.isArray(writeErrors) ? writeErrors : [writeErrors]) as Array<{ index?: unknown }>;
  if (list.length === 0 || list.some((e) => typeof e.index !== 'number')) return undefined;
  return new Map(list.map((e) => [e.index as number, e]));
}
