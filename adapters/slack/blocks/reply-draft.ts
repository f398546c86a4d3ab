import type { KnownBlock, ModalView } from '@slack/types';
import { replyDraftLimit } from '../../../src/assist/prompts.js';
import type { ReplyDraft } from '../../../src/assist/reply-drafts.js';
import type { SimilarCase } from '../../../src/messages/index.js';
import { actionIds, viewIds } from '../ids.js';
import { similarCaseLine } from './case-card.js';
import { clip, escapeMrkdwn } from './text.js';

/** A draft reply is named in buttons and forms by its case and its timeline key. */
export const replyRef = (caseId: string, draftKey: string) => `${caseId} ${draftKey}`;
export function parseReplyRef(value: string | undefined): { caseId: string; draftKey: string } | undefined {
  const [caseId, draftKey, ...rest] = (value ?? '').split(' ');
  return caseId && draftKey && rest.length === 0 ? { caseId, draftKey } : undefined;
}

/** The private message with the draft: sent with one click, or edited first in a form. */
export function replyDraftMessage(caseId: string, caseKey: string, draft: ReplyDraft): { text: string; blocks: KnownBlock[] } {
  const value = replyRef(caseId, draft.key);
  return {
    text: `A draft reply for ${caseKey}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*A draft reply to the customer of ${caseKey}* (only you see this)` } },
      { type: 'section', text: { type: 'mrkdwn', text: clip(`>${escapeMrkdwn(draft.text).replace(/\n/g, '\n>')}`, 3000) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: ':pencil2: Drafted by a model from the case and similar resolved cases. Nothing is sent until you press *Send to the customer*.' }] },
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: actionIds.sendReply, style: 'primary', text: { type: 'plain_text', text: 'Send to the customer' }, value },
          { type: 'button', action_id: actionIds.editReply, text: { type: 'plain_text', text: 'Edit first' }, value },
        ],
      },
    ],
  };
}

/** No draft came (no answer, or nothing left once internal text was taken out): what tugi knows without a model. */
export function noReplyDraftMessage(caseKey: string, similar: SimilarCase[]): { text: string; blocks: KnownBlock[] } {
  const lines = similar.map(similarCaseLine);
  const text = [`No draft could be written for ${caseKey} this time: reply in the customer’s thread yourself.`, ...(lines.length ? ['', ':bulb: Similar resolved cases', ...lines] : [])].join('\n');
  return { text: clip(text, 3000), blocks: [{ type: 'section', text: { type: 'mrkdwn', text: clip(text, 3000) } }] };
}

/** "Edit first": the draft in a form; submitting sends the edited reply. */
export function replyForm(caseId: string, caseKey: string, draft: ReplyDraft): ModalView {
  return {
    type: 'modal',
    callback_id: viewIds.reply,
    private_metadata: replyRef(caseId, draft.key),
    title: { type: 'plain_text', text: clip(`Reply · ${caseKey}`, 24) },
    submit: { type: 'plain_text', text: 'Send' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: 'reply',
        label: { type: 'plain_text', text: 'Reply to the customer' },
        hint: { type: 'plain_text', text: 'Sent to the customer’s thread, with your name.' },
        element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: replyDraftLimit, initial_value: draft.text.slice(0, replyDraftLimit) },
      },
    ],
  };
}
