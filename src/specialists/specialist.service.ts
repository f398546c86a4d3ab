import type { PersonConfig } from '../config/people.js';
import { ValidationFailedError } from '../errors.js';
import type { CaseWriter } from '../cases/case.writer.js';
import { tugiActor, type Actor, type CaseRef } from '../cases/case.schema.js';
import { canTransition } from '../cases/status.js';
import type { Directory } from '../people/directory.js';
import type { WorkloadRepository } from '../people/workload.repository.js';
import type { Clock } from '../ports/clock.js';
import { routeTags, type TagRoute } from '../routing/index.js';
import type { CaseDocument, CaseSpecialist } from '../storage/models/index.js';
import { pullMessages, routeNotes, specialistRootKey } from './specialist.notifications.js';

export interface SpecialistServiceDeps {
  writer: CaseWriter;
  directory: Directory;
  workloads: WorkloadRepository;
  clock: Clock;
  /** Whether a model provider drafts for the case (the Teams card offers a drafted resolution). */
  offersDrafts?: (doc: CaseDocument) => boolean;
  /** Told of a change that asked someone new (the specialists' brief follows it). */
  pulled?: (doc: CaseDocument) => void;
}

/** Pulls specialists into a case by its skill tags (PRODUCT.md flow 3). */
export class SpecialistService {
  constructor(private readonly deps: SpecialistServiceDeps) {}

  /**
   * Routes each tag to available specialists (not already on the case), records them on the case,
   * opens or extends the specialist thread and moves the case to waiting_on_specialist when it can.
   */
  pull(input: CaseRef): Promise<CaseDocument> {
    return this.route(input, (doc) => {
      if (doc.tags.length === 0) {
        throw new ValidationFailedError([`Tag ${doc.key} first, so tugi knows whom to ask: \`/tugi tag ${doc.key} +network\`.`]);
      }
      return { tags: doc.tags };
    });
  }

  /**
   * A pulled-in specialist stayed silent (the due point `due.key`): ask the next available one with
   * the same tag, or the tag's fallback, and say so in the thread.
   */
  pullNext(ref: { workspace: string; caseId: string }, due: { key: string; personId: string }, silentFor: string): Promise<CaseDocument> {
    return this.route(
      { ...ref, actor: tugiActor },
      (doc) => {
        const silent = doc.specialists.find((s) => s.personId === due.personId);
        if (!silent) return undefined;
        const name = this.deps.directory.person(silent.personId)?.name ?? silent.personId;
        return { tags: [silent.tag], lead: `${name} has not replied in ${silentFor}.`, alwaysFallBack: true };
      },
      due.key,
    );
  }

  private async route(
    input: CaseRef,
    scope: (doc: CaseDocument) => { tags: string[]; lead?: string; alwaysFallBack?: boolean } | undefined,
    due?: string,
  ): Promise<CaseDocument> {
    const { directory, clock } = this.deps;
    let picked: string[] = [];
    const decide = async (doc: CaseDocument) => {
      const asked = scope(doc);
      if (!asked) return undefined;
      const now = clock.now();
      const onCase = new Set(doc.specialists.map((s) => s.personId));
      const routes = routeTags({
        tags: asked.tags,
        priority: doc.priority,
        config: directory.config,
        workloads: await this.deps.workloads.workloads(input.workspace),
        now,
        exclude: onCase,
      });
      // A tag whose specialists are all on the case already needs no fallback (unless they went silent).
      const alreadyOnCase = new Map(asked.alwaysFallBack ? [] : asked.tags.map((tag) => [tag, namesOnCase(doc, tag, directory)]));
      const fallbacks = routes.filter((route) => route.fallback && !alreadyOnCase.get(route.tag)?.length);
      const newcomers = dedupe([
        ...routes.flatMap((route) => route.chosen.map((person) => ({ person, tag: route.tag }))),
        ...fallbacks.flatMap((route) => (route.fallback?.kind === 'group' ? route.fallback.people.map((person) => ({ person, tag: route.tag })) : [])),
      ]).filter(({ person }) => !onCase.has(person.id));
      picked = newcomers.map(({ person }) => person.id);

      const teamsChannel = directory.config.teams.specialistChannel;
      const platformOf = (person: PersonConfig) => (person.teams && teamsChannel ? ('teams' as const) : ('slack' as const));
      const added: CaseSpecialist[] = newcomers.map(({ person, tag }) => ({ personId: person.id, platform: platformOf(person), tag, pulledAt: now, firstReplyAt: null }));
      const teams = newcomers.filter(({ person }) => platformOf(person) === 'teams').map(({ person }) => person);
      const threadExisted = doc.specialistThread !== null;
      const specialistThread =
        doc.specialistThread ?? (teams.length > 0 && teamsChannel ? { platform: 'teams' as const, channel: teamsChannel, rootKey: specialistRootKey(doc) } : null);
      const status = added.length > 0 && canTransition(doc.status, 'waiting_on_specialist') ? 'waiting_on_specialist' : doc.status;
      const notes = [...(asked.lead ? [asked.lead] : []), ...routeNotes(routes, alreadyOnCase)];
      return {
        set: { specialists: [...doc.specialists, ...added], specialistThread, status },
        data: { routes: routes.map(routeSummary), asked: picked, ...(status !== doc.status ? { from: doc.status, to: status } : {}) },
        messages: (after: CaseDocument) =>
          pullMessages({
            doc: after,
            directory,
            askedBy: nameOf(input.actor, directory),
            teams,
            slack: newcomers.filter(({ person }) => platformOf(person) === 'slack').map(({ person }) => person),
            notes,
            fallbacks,
            threadExisted,
            offersDraft: this.deps.offersDrafts?.(after) ?? false,
          }),
      };
    };
    const updated = await this.deps.writer.change(input, 'specialists_pulled', decide, { due });
    await this.deps.workloads.recordPicks(input.workspace, picked, clock.now());
    if (picked.length > 0) this.deps.pulled?.(updated);
    return updated;
  }
}

export function nameOf(actor: Actor, directory: Directory): string {
  const person = actor.platform === 'slack' ? directory.teamMember(actor.userId) : directory.teamsMember(actor.userId);
  return person?.name ?? actor.name ?? actor.userId;
}

function namesOnCase(doc: CaseDocument, tag: string, directory: Directory): string[] {
  return doc.specialists.filter((s) => s.tag === tag).map((s) => directory.person(s.personId)?.name ?? s.personId);
}

function dedupe<T extends { person: PersonConfig }>(entries: T[]): T[] {
  const seen = new Set<string>();
  return entries.filter(({ person }) => !seen.has(person.id) && Boolean(seen.add(person.id)));
}

function routeSummary(route: TagRoute) {
  return {
    tag: route.tag,
    chosen: route.chosen.map((p) => p.id),
    skipped: route.skipped.map((s) => ({ person: s.person.id, reason: s.reason })),
    fallback: route.fallback?.kind ?? null,
  };
}
