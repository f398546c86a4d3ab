import type { RespondFn } from '@slack/bolt';
import type { SlackRouter } from '../../router.js';
import { z } from 'zod';
import { asCodedError, ValidationFailedError } from '../../../../src/errors.js';
import { snoozeUntil } from '../../../../src/sla/snooze.js';
import { assignSchema, changeStatusSchema, setPrioritySchema, setTagsSchema, snoozeSchema, type CaseService } from '../../../../src/cases/index.js';
import type { SlackDeps } from '../../deps.js';
import { userMessage } from '../../../../src/messages/index.js';
import { actionIds } from '../../ids.js';
import { blockActionSchema } from '../../payloads.js';

type ActionArgs = { body: unknown; ack: () => Promise<void>; respond: RespondFn };
type Action = z.infer<typeof blockActionSchema>['actions'][number];
type CaseRef = { workspace: string; caseId: string; actor: { platform: 'slack'; userId: string } };

/**
 * One handler shape for every case-card action: parse, call the service, acknowledge. The card
 * itself is refreshed through the outbox; a refusal is answered privately and changes nothing.
 */
function caseAction(deps: SlackDeps, perform: (cases: CaseService, ref: CaseRef, action: Action) => Promise<unknown>) {
  return async ({ body, ack, respond }: ActionArgs): Promise<void> => {
    try {
      const p = blockActionSchema.parse(body);
      const action = p.actions[0]!;
      const caseId = /^case:([a-f0-9]{24})$/.exec(action.block_id)?.[1] ?? action.value;
      if (!caseId || p.team?.id !== deps.directory.workspace) throw new ValidationFailedError(['That button does not belong to a case.']);
      await perform(deps.cases, { workspace: p.team.id, caseId, actor: { platform: 'slack', userId: p.user.id } }, action);
      await ack();
    } catch (error) {
      await ack();
      if (!asCodedError(error) && !(error instanceof z.ZodError)) deps.logger.error({ err: error }, 'case action failed');
      const text = error instanceof z.ZodError ? 'That action was not understood; nothing was changed.' : userMessage(error);
      await respond({ response_type: 'ephemeral', replace_original: false, text });
    }
  };
}

const selected = (action: Action) => action.selected_option?.value;

export function register(router: SlackRouter): void {
  router.action(actionIds.assignToMe, (deps) => caseAction(deps, (cases, ref) => cases.assign(assignSchema.parse({ ...ref, assignee: ref.actor.userId }))),
  );
  router.action(actionIds.setPriority, (deps) => caseAction(deps, (cases, ref, action) => cases.setPriority(setPrioritySchema.parse({ ...ref, priority: selected(action) }))),
  );
  router.action(actionIds.setTags, (deps) => caseAction(deps, (cases, ref, action) => cases.setTags(setTagsSchema.parse({ ...ref, set: action.selected_options?.map((o) => o.value) ?? [] }))),
  );
  router.action(actionIds.pullSpecialists, (deps) => caseAction(deps, (_cases, ref) => deps.specialists.pull(ref)));
  router.action(actionIds.escalate, (deps) => caseAction(deps, (_cases, ref) => deps.escalation.escalate(ref)));
  router.action(actionIds.snooze, (deps) => caseAction(deps, (cases, ref, action) => {
      const zone = deps.directory.teamMember(ref.actor.userId)?.timeZone ?? 'UTC';
      return cases.snooze(snoozeSchema.parse({ ...ref, until: snoozeUntil(selected(action) ?? '', deps.clock.now(), zone) }));
    }),
  );
  router.action(actionIds.acceptSuggestion, (deps) => caseAction(deps, (cases, ref) => cases.acceptSuggestion(ref)));
  router.action(actionIds.dismissSuggestion, (deps) => caseAction(deps, (cases, ref) => cases.dismissSuggestion(ref)));
  router.action(actionIds.setStatus, (deps) => caseAction(deps, (cases, ref, action) => cases.changeStatus(changeStatusSchema.parse({ ...ref, status: selected(action) }))),
  );
}
