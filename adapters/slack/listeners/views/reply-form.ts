import { z } from 'zod';
import { sendReplySchema } from '../../../../src/assist/reply-drafts.js';
import { asCodedError } from '../../../../src/errors.js';
import { userMessage } from '../../../../src/messages/index.js';
import { parseReplyRef } from '../../blocks/reply-draft.js';
import type { SlackDeps } from '../../deps.js';
import { viewIds } from '../../ids.js';
import type { SlackRouter } from '../../router.js';

const submissionSchema = z.object({
  team: z.object({ id: z.string() }).nullable(),
  user: z.object({ id: z.string(), name: z.string().optional() }),
  view: z.object({
    private_metadata: z.string(),
    state: z.object({ values: z.object({ reply: z.object({ value: z.object({ value: z.string().nullable().optional() }) }) }) }),
  }),
});

type Ack = (response?: { response_action: 'errors'; errors: Record<string, string> }) => Promise<void>;

/** The edited draft reply: sent to the customer's thread; a refusal or a bad text is shown under the field, nothing sent. */
export function register(router: SlackRouter): void {
  router.view(viewIds.reply, (deps: SlackDeps) => async (args: { body: unknown; ack: unknown }) => {
    const ack = args.ack as Ack;
    const submission = submissionSchema.safeParse(args.body);
    const ref = submission.success ? parseReplyRef(submission.data.view.private_metadata) : undefined;
    if (!submission.success || !ref || submission.data.team?.id !== deps.directory.workspace) {
      await ack({ response_action: 'errors', errors: { reply: 'That form was not understood; nothing was sent.' } });
      return;
    }
    const { user, view } = submission.data;
    const input = sendReplySchema.safeParse({
      workspace: deps.directory.workspace,
      ...ref,
      actor: { platform: 'slack', userId: user.id, ...(user.name ? { name: user.name } : {}) },
      text: view.state.values.reply.value.value ?? '',
    });
    if (!input.success) {
      await ack({ response_action: 'errors', errors: { reply: input.error.issues[0]!.message } });
      return;
    }
    try {
      await deps.replyDrafts.send(input.data);
      await ack();
    } catch (error) {
      if (!asCodedError(error)) deps.logger.error({ err: error }, 'sending an edited reply failed');
      await ack({ response_action: 'errors', errors: { reply: userMessage(error) } });
    }
  });
}
