import type { WebClient } from '@slack/web-api';
import type { CaseDocument } from '../../../src/storage/models/index.js';
import { resolveForm, type ResolveFormDraft } from '../blocks/resolve-form.js';
import type { SlackDeps } from '../deps.js';

/**
 * Opens the Resolve modal at once (a trigger lasts 3 s) and, with a model provider, fills cause
 * and fix when the draft comes. The draft is not awaited: Slack's answer to the click or command
 * must not wait for the model. Without a draft the form stays as it opened but stops saying one
 * is coming; the view hash leaves a form that was closed or moved on from alone.
 */
export async function openResolveForm(deps: SlackDeps, client: WebClient, triggerId: string, doc: CaseDocument): Promise<void> {
  const form = (draft?: ResolveFormDraft) => resolveForm(String(doc._id), doc.key, doc.title, draft);
  const drafting = deps.assist.offeredFor(doc);
  const opened = await client.views.open({ trigger_id: triggerId, view: form(drafting ? { drafting: true } : undefined) });
  const view = opened.view;
  if (!drafting || !view?.id) return;
  void deps.assist
    .resolution(doc)
    .then((draft) => client.views.update({ view_id: view.id!, hash: view.hash, view: form(draft) }))
    .catch((err: unknown) => deps.logger.info({ err }, 'resolve form: the draft was not put in the form'));
}
