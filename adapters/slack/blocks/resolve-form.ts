import type { ModalView } from '@slack/types';
import { resolutionLimits } from '../../../src/resolutions/resolution.schema.js';
import { viewIds } from '../ids.js';
import { clip } from './text.js';

/** Block ids of the form's inputs: a refusal names the field it is about. */
export const resolveFields = ['cause', 'fix', 'note'] as const;

/** A draft being written for the form, or written (the agent checks and edits it before resolving). */
export type ResolveFormDraft = { drafting: true } | { cause: string; fix: string };

/**
 * The Resolve modal: cause and fix (the customer reads them) and an internal note. With a draft,
 * cause and fix start from it; their inputs then get another action id, since Slack keeps what an
 * input holds across an update unless its id changes (the submission reads either).
 */
export function resolveForm(caseId: string, caseKey: string, title: string, draft?: ResolveFormDraft): ModalView {
  const drafted = draft && 'cause' in draft ? draft : undefined;
  const input = (id: (typeof resolveFields)[number], label: string, hint: string, maxLength: number, optional: boolean, initial?: string) => ({
    type: 'input' as const,
    block_id: id,
    optional,
    label: { type: 'plain_text' as const, text: label },
    hint: { type: 'plain_text' as const, text: hint },
    element: {
      type: 'plain_text_input' as const,
      action_id: initial === undefined ? 'value' : 'draft',
      multiline: true,
      max_length: maxLength,
      ...(initial ? { initial_value: initial.slice(0, maxLength) } : {}),
    },
  });
  const note = draft ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: drafted ? ':pencil2: Drafted from the case — check it and edit before you resolve: the customer reads the cause and the fix.' : ':hourglass_flowing_sand: Writing a draft of the cause and fix from the case…' }] }] : [];
  return {
    type: 'modal',
    callback_id: viewIds.resolve,
    private_metadata: caseId,
    title: { type: 'plain_text', text: clip(`Resolve ${caseKey}`, 24) },
    submit: { type: 'plain_text', text: 'Resolve' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: clip(`*${caseKey}* · ${title}`, 3000) } },
      ...note,
      input('cause', 'What was wrong', 'The customer reads this in their thread, with the fix.', resolutionLimits.cause, false, drafted?.cause),
      input('fix', 'What was done', 'What fixed it, in words the customer understands.', resolutionLimits.fix, false, drafted?.fix),
      input('note', 'Internal note', 'For the team only: never shown to the customer.', resolutionLimits.note, true),
    ],
  };
}
