import type { Priority, WorkspaceConfig } from '../config/workspace.js';
import type { PersonConfig } from '../config/people.js';
import { rankAvailable, type SkipReason, type Workload } from './rank.js';

/** Who is asked for one tag, and — when nobody with the tag is available — where it goes instead. */
export interface TagRoute {
  tag: string;
  chosen: PersonConfig[];
  skipped: { person: PersonConfig; reason: SkipReason }[];
  fallback: null | { kind: 'group'; people: PersonConfig[]; slackChannel: string | null } | { kind: 'managers'; slackChannel: string };
}

export interface RouteTagsInput {
  tags: readonly string[];
  priority: Priority;
  config: Pick<WorkspaceConfig, 'people' | 'skills' | 'routing' | 'workspace'>;
  workloads: ReadonlyMap<string, Workload>;
  now: Date;
  /** People already on the case: not asked again. */
  exclude?: ReadonlySet<string>;
}

/**
 * For each tag: the available people with the skill, least loaded first, as many as the tag asks
 * for (everyone on a P1 when configured). Picks made for one tag count as load for the next, so a
 * case with two tags spreads over two people when it can.
 */
export function routeTags(input: RouteTagsInput): TagRoute[] {
  const { config, now, exclude = new Set() } = input;
  const workloads = new Map(input.workloads);
  return input.tags.map((tag) => {
    const skill = config.skills.find((s) => s.tag === tag);
    const withSkill = config.people.filter((person) => person.skills.includes(tag) && !exclude.has(person.id));
    const { available, skipped } = rankAvailable(withSkill, workloads, now);
    const count = input.priority === 'P1' && config.routing.everyoneOnP1 ? available.length : (skill?.specialistsPerPull ?? config.routing.specialistsPerTag);
    const chosen = available.slice(0, count);
    for (const person of chosen) {
      const load = workloads.get(person.id);
      workloads.set(person.id, { activeCases: (load?.activeCases ?? 0) + 1, lastPickedAt: now });
    }
    return { tag, chosen, skipped, fallback: chosen.length > 0 ? null : fallbackFor(skill, config) };
  });
}

function fallbackFor(skill: RouteTagsInput['config']['skills'][number] | undefined, config: RouteTagsInput['config']): TagRoute['fallback'] {
  const people = (skill?.fallback?.people ?? []).flatMap((id) => config.people.find((person) => person.id === id) ?? []);
  const slackChannel = skill?.fallback?.slackChannel ?? null;
  if (people.length > 0 || slackChannel) return { kind: 'group', people, slackChannel };
  return { kind: 'managers', slackChannel: config.workspace.managerChannel };
}
