import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { sendReplySchema } from '../../../../src/assist/reply-drafts.js';
import { asCodedError, CaseNotFoundError, NotAllowedError, ValidationFailedError } from '../../../../src/errors.js';
import { userMessage } from '../../../../src/messages/index.js';
import { noReplyDraftMessage, parseReplyRef, replyDraftMessage, replyForm } from '../../blocks/reply-draft.js';
import type { SlackDeps } from '../../deps.js';
import { actionIds } from '../../ids.js';
import { blockActionSchema } from '../../payloads.js';
import type { SlackRouter } from '../../router.js';

type Args = { body: unknown; ack: () => Promise<void>; respond: RespondFn; client: WebClient };
type Handler = (deps: SlackDeps, p: ReturnType<typeof blockActionSchema.parse>, args: Args) => Promise<void>;

/** Acknowledged first; a refusal is answered privately and changes nothing. */
const replyAction = (what: string, handle: Handler) => (deps: SlackDeps) => async (args: Args) => {
  await args.ack();
  try {
    const p = blockActionSchema.parse(args.body);
    if (p.team?.id !== deps.directory.workspace) throw new ValidationFailedError(['That button does not belong to this workspace.']);
    await handle(deps, p, args);
  } catch (error) {
    if (!asCodedError(error)) deps.logger.error({ err: error }, `${what} failed`);
    await args.respond({ response_type: 'ephemeral', replace_original: false, text: userMessage(error) });
  }
};

const actorOf = (p: ReturnType<typeof blockActionSchema.parse>) => ({ platform: 'slack' as const, userId: p.user.id, ...(p.user.name ? { name: p.user.name } : {}) });

export function register(router: SlackRouter): void {
  // "Draft a reply" on the card: the draft comes privately, to the one who asked, when the model answers.
  router.action(
    actionIds.draftReply,
    replyAction('drafting a reply', async (deps, p, { respond }) => {
      const action = p.actions[0]!;
      const found = action.value ? await deps.cases.getById(deps.directory.workspace, action.value) : null;
      if (!found) throw new CaseNotFoundError(action.value ?? '?');
      if (!deps.directory.teamMember(p.user.id)) throw new NotAllowedError('draft replies (they are for the support team)');
      // Not awaited: Bolt answers Slack only once the listener is done, and a model may take seconds.
      const answer = async () => {
        const draft = await deps.replyDrafts.draft(found, actorOf(p), p.trigger_id ?? action.action_ts ?? String(Date.now()));
        const message = draft ? replyDraftMessage(String(found._id), found.key, draft) : noReplyDraftMessage(found.key, deps.knowledge.similarTo(found));
        await respond({ response_type: 'ephemeral', replace_original: false, ...message });
      };
      void answer().catch((err: unknown) => deps.logger.warn({ err }, 'draft reply: no answer could be given'));
    }),
  );

  // "Send to the customer" on the private draft: sent once, and the private message says so.
  router.action(
    actionIds.sendReply,
    replyAction('sending a drafted reply', async (deps, p, { respond }) => {
      const ref = parseReplyRef(p.actions[0]!.value);
      const input = sendReplySchema.safeParse({ workspace: deps.directory.workspace, ...ref, actor: actorOf(p) });
      if (!input.success) throw new ValidationFailedError(['That draft was not understood; nothing was sent.']);
      const doc = await deps.replyDrafts.send(input.data);
      await respond({ replace_original: true, text: `:white_check_mark: Sent to the customer in ${doc.key}’s thread.` });
    }),
  );

  // "Edit first": the draft in a form (its submission is handled in listeners/views).
  router.action(
    actionIds.editReply,
    replyAction('editing a drafted reply', async (deps, p, { client }) => {
      const ref = parseReplyRef(p.actions[0]!.value);
      const found = ref ? await deps.cases.getById(deps.directory.workspace, ref.caseId) : null;
      const text = found && ref ? await deps.replyDrafts.get(found, ref.draftKey) : undefined;
      if (!found || !ref || !text || !p.trigger_id) throw new ValidationFailedError(['That draft is gone; press *Draft a reply* on the card again.']);
      await client.views.open({ trigger_id: p.trigger_id, view: replyForm(ref.caseId, found.key, { key: ref.draftKey, text }) });
    }),
  );
}
