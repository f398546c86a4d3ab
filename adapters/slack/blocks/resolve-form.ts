import type { ModalView } from '@slack/types';
import { resolutionLimits } from '../../../src/resolutions/resolution.schema.js';
import { viewIds } from '../ids.js';
import { clip } from './text.js';

/** Block ids of the form's inputs: a refusal names the field it is about. */
export const resolveFields = ['cause', 'fix', 'note'] as const;

/** The Resolve modal: cause and fix (the customer reads them) and an internal note. */
export function resolveForm(caseId: string, caseKey: string, title: string): ModalView {
  const input = (id: (typeof resolveFields)[number], label: string, hint: string, maxLength: number, optional: boolean) => ({
    type: 'input' as const,
    block_id: id,
    optional,
    label: { type: 'plain_text' as const, text: label },
    hint: { type: 'plain_text' as const, text: hint },
    element: { type: 'plain_text_input' as const, action_id: 'value', multiline: true, max_length: maxLength },
  });
  return {
    type: 'modal',
    callback_id: viewIds.resolve,
    private_metadata: caseId,
    title: { type: 'plain_text', text: clip(`Resolve ${caseKey}`, 24) },
    submit: { type: 'plain_text', text: 'Resolve' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: clip(`*${caseKey}* · ${title}`, 3000) } },
      input('cause', 'What was wrong', 'The customer reads this in their thread, with the fix.', resolutionLimits.cause, false),
      input('fix', 'What was done', 'What fixed it, in words the customer understands.', resolutionLimits.fix, false),
      input('note', 'Internal note', 'For the team only: never shown to the customer.', resolutionLimits.note, true),
    ],
  };
}
