/** One changed leaf of the settings, values as JSON text (`undefined` when absent on that side). */
export interface SettingsChange {
  path: string;
  before?: string;
  after?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What changed between two settings documents, leaf by leaf. Lists whose entries have an `id` (or
 * a `tag`) are matched by it, so removing the first account reads "accounts[acme] removed", not
 * as every later account changing.
 */
export function settingsDiff(before: unknown, after: unknown, path = ''): SettingsChange[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => settingsDiff(before[key], after[key], path ? `${path}.${key}` : key));
  }
  // A list that was not there yet is an empty one, so a first account still reads "accounts[acme] added".
  const [old, now] = Array.isArray(before) || Array.isArray(after) ? [before ?? [], after ?? []] : [before, after];
  if (Array.isArray(old) && Array.isArray(now)) {
    const keyOf = (entry: unknown) => (isObject(entry) ? (entry.id ?? entry.tag) : undefined);
    if ([...old, ...now].every((entry) => typeof keyOf(entry) === 'string')) {
      const byKey = (list: unknown[]) => new Map(list.map((entry) => [keyOf(entry) as string, entry]));
      const [was, is] = [byKey(old), byKey(now)];
      const keys = [...new Set([...was.keys(), ...is.keys()])];
      return keys.flatMap((key) => settingsDiff(was.get(key), is.get(key), `${path}[${key}]`));
    }
  }
  return [{ path, ...(before === undefined ? {} : { before: JSON.stringify(before) }), ...(after === undefined ? {} : { after: JSON.stringify(after) }) }];
}
