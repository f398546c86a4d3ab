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
    const writeErrors = (error as { writeErrors?: unknown[] }).writeErrors;
    const onlyDuplicates = Array.isArray(writeErrors) && writeErrors.every((e) => isDuplicateKeyError((e as { err?: unknown }).err ?? e));
    if (!isDuplicateKeyError(error) && !onlyDuplicates) throw error;
  }
}
