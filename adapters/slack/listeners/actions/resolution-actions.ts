import type { RespondFn } from '@slack/bolt';
import type { SlackRouter } from '../../router.js';
import type { WebClient } from '@slack/web-api';
import { asCodedError, CaseNotFoundError, ValidationFailedError } from '../../../../src/errors.js';
import { answerNoteText, userMessage } from '../../../../src/messages/index.js';
import { answerSchema } from '../../../../src/resolutions/index.js';
import { openResolveForm } from '../../assist/open-resolve-form.js';
import type { SlackDeps } from '../../deps.js';
import { actionIds, ratings } from '../../ids.js';
import { blockActionSchema } from '../../payloads.js';

type Args = { body: unknown; ack: () => Promise<void>; respond: RespondFn; client: WebClient };

const privately = (respond: RespondFn, text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });

/** The case a button belongs to: its id rides in block_id (`case:…`, `answer:…`, `rate:…`) or in the value. */
function caseIdOf(action: { block_id: string; value?: string }): string | undefined {
  return /^(?:case|answer|rate):([a-f0-9]{24})$/.exec(action.block_id)?.[1] ?? action.value;
}

export function register(router: SlackRouter): void {
  // Resolve on the card: the form, in a modal (the submission is handled in listeners/views).
  router.action(actionIds.resolve, (deps) => async ({ body, ack, respond, client }: Args) => {
    await ack();
    try {
      const p = blockActionSchema.parse(body);
      const caseId = caseIdOf(p.actions[0]!);
      const found = caseId ? await deps.cases.getById(deps.directory.workspace, caseId) : null;
      if (!found || !p.trigger_id) throw new CaseNotFoundError(caseId ?? '?');
      await openResolveForm(deps, client, p.trigger_id, found);
    } catch (error) {
      if (!asCodedError(error)) deps.logger.error({ err: error }, 'could not open the resolve form');
      await privately(respond, userMessage(error));
    }
  });

  router.action(actionIds.reopen, (deps) => async ({ body, ack, respond }: Args) => {
    await ack();
    try {
      const p = blockActionSchema.parse(body);
      const caseId = caseIdOf(p.actions[0]!);
      if (!caseId) throw new ValidationFailedError(['That button does not belong to a case.']);
      await deps.resolutions.reopen({ workspace: deps.directory.workspace, caseId, actor: { platform: 'slack', userId: p.user.id } });
    } catch (error) {
      if (!asCodedError(error)) deps.logger.error({ err: error }, 'reopen failed');
      await privately(respond, userMessage(error));
    }
  });

  // The customer's answers: Solved, Still broken, a rating. The outcome is told privately, in their language.
  const answer = (verdict?: 'solved' | 'still_broken') => (deps: SlackDeps) => async ({ body, ack, respond }: Args) => {
    await ack();
    const p = blockActionSchema.safeParse(body);
    const action = p.success ? p.data.actions[0]! : undefined;
    const caseId = action ? caseIdOf(action) : undefined;
    const found = caseId ? await deps.cases.getById(deps.directory.workspace, caseId).catch(() => null) : null;
    const language = deps.directory.account(found?.account ?? null)?.language ?? 'en';
    const parsed = p.success
      ? answerSchema.safeParse({
          workspace: deps.directory.workspace,
          caseId,
          actor: { platform: 'slack', userId: p.data.user.id, ...(p.data.user.name ? { name: p.data.user.name } : {}) },
          channel: p.data.channel?.id ?? p.data.container?.channel_id ?? '',
          ...(verdict ? { verdict } : { rating: action?.value }),
        })
      : undefined;
    try {
      const result = parsed?.success ? await deps.resolutions.answer(parsed.data) : undefined;
      const outcome = result?.outcome ?? 'invalid';
      await privately(respond, answerNoteText({ language, caseKey: result?.case.key ?? found?.key ?? '', outcome, rating: parsed?.success ? (parsed.data.rating ?? null) : null }));
    } catch (error) {
      if (!asCodedError(error)) deps.logger.error({ err: error }, 'answer failed');
      await privately(respond, userMessage(error));
    }
  };
  router.action(actionIds.answerSolved, answer('solved'));
  router.action(actionIds.answerBroken, answer('still_broken'));
  for (const rating of ratings) router.action(`${actionIds.ratePrefix}${rating}`, answer());
}
