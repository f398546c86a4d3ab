import { priorities, type Priority, type WorkspaceConfig } from '../config/workspace.js';

export interface Suggestion {
  tags: string[];
  priority: Priority | undefined;
}

/**
 * Tags and a priority suggested by the config's keyword rules for a case's text. A keyword
 * matches whole words, case-insensitively; the most urgent matching priority wins.
 */
export function suggestFromText(text: string, rules: WorkspaceConfig['rules']): Suggestion {
  const haystack = ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  const tags = new Set<string>();
  let priority: Priority | undefined;
  for (const rule of rules) {
    const hit = rule.keywords.some((keyword) => haystack.includes(` ${keyword.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `));
    if (!hit) continue;
    rule.tags.forEach((tag) => tags.add(tag));
    if (rule.priority && (!priority || priorities.indexOf(rule.priority) < priorities.indexOf(priority))) priority = rule.priority;
  }
  return { tags: [...tags], priority };
}

/** The more urgent of two priorities (P1 beats P2). */
export function moreUrgent(a: Priority, b: Priority | undefined): Priority {
  return b && priorities.indexOf(b) < priorities.indexOf(a) ? b : a;
}
