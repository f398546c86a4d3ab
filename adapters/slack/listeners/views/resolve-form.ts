import type { SlackRouter } from '../../router.js';
import { z } from 'zod';
import { asCodedError } from '../../../../src/errors.js';
import { userMessage } from '../../../../src/messages/index.js';
import { resolveSchema } from '../../../../src/resolutions/index.js';
import { resolveFields } from '../../blocks/resolve-form.js';
import type { SlackDeps } from '../../deps.js';
import { viewIds } from '../../ids.js';

const submissionSchema = z.object({
  team: z.object({ id: z.string() }).nullable(),
  user: z.object({ id: z.string(), name: z.string().optional() }),
  view: z.object({
    private_metadata: z.string(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullable().optional() }))) }),
  }),
});

type Ack = (response?: { response_action: 'errors'; errors: Record<string, string> }) => Promise<void>;

/**
 * The Resolve modal's submission. Missing or over-long fields are shown under the field, Slack's
 * way; a refusal (not allowed, already resolved) under the cause. Nothing changes on a refusal.
 */
export function register(router: SlackRouter): void {
  router.view(viewIds.resolve, (deps: SlackDeps) => async (args: { body: unknown; ack: unknown }) => {
    const { body } = args;
    // A view submission's ack takes no answer (close the modal) or field errors.
    const ack = args.ack as Ack;
    const submission = submissionSchema.safeParse(body);
    if (!submission.success || submission.data.team?.id !== deps.directory.workspace) {
      await ack({ response_action: 'errors', errors: { cause: 'That form was not understood; nothing was changed.' } });
      return;
    }
    const { user, view } = submission.data;
    // An input's action id is `value`, or `draft` when it started from a draft.
    const field = (id: string) => Object.values(view.state.values[id] ?? {})[0]?.value ?? undefined;
    const parsed = resolveSchema.safeParse({
      workspace: deps.directory.workspace,
      caseId: view.private_metadata,
      actor: { platform: 'slack', userId: user.id, ...(user.name ? { name: user.name } : {}) },
      cause: field('cause') ?? '',
      fix: field('fix') ?? '',
      note: field('note'),
    });
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const id = resolveFields.find((name) => name === issue.path[0]) ?? 'cause';
        errors[id] ??= issue.message;
      }
      await ack({ response_action: 'errors', errors });
      return;
    }
    try {
      await deps.resolutions.resolve(parsed.data);
      await ack();
    } catch (error) {
      if (!asCodedError(error)) deps.logger.error({ err: error }, 'resolve failed');
      await ack({ response_action: 'errors', errors: { cause: userMessage(error) } });
    }
  });
}
