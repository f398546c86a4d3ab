import type { z } from 'zod';

/**
 * One line per problem, naming the variable or config path, so an operator can fix all at once.
 * A path into `people` also names the person (`people.2 (Mari Tamm).workingHours.mon`).
 */
export function formatProblems(error: z.ZodError, input?: unknown): string {
  return error.issues
    .map((issue) => `  - ${issue.path.length ? describePath(issue.path, input) : '(root)'}: ${issue.message}`)
    .join('\n');
}

function describePath(path: readonly PropertyKey[], input: unknown): string {
  const parts = path.map(String);
  if (parts[0] === 'people' && parts[1] !== undefined) {
    const name = (input as { people?: { name?: unknown }[] } | undefined)?.people?.[Number(parts[1])]?.name;
    if (typeof name === 'string') parts[1] = `${parts[1]} (${name})`;
  }
  return parts.join('.');
}
