import type { z } from 'zod';

/** One line per problem, naming the variable or config path, so an operator can fix all at once. */
export function formatProblems(error: z.ZodError): string {
  return error.issues
    .map((issue) => `  - ${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('\n');
}
