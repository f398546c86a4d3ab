import type { PersonConfig } from '../config/people.js';
import { rankAvailable, type Ranked, type Workload } from './rank.js';

/** Escalation: the available agent with the least load (the same rules as specialists), if any. */
export function pickAgent(people: PersonConfig[], workloads: ReadonlyMap<string, Workload>, now: Date, exclude: ReadonlySet<string> = new Set()): { agent: PersonConfig | undefined } & Ranked {
  const agents = people.filter((person) => person.roles.includes('agent') && person.slackUserId && !exclude.has(person.id));
  const ranked = rankAvailable(agents, workloads, now);
  return { agent: ranked.available[0], ...ranked };
}
