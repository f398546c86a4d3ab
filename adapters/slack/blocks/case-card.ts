import type { KnownBlock } from '@slack/types';
import { priorities } from '../../../src/config/index.js';
import type { CaseSummary, SimilarCase } from '../../../src/messages/index.js';
import { snoozeChoices } from '../../../src/sla/snooze.js';
import { actionIds } from '../ids.js';
import { clip, escapeMrkdwn, priorityLabels, statusLabels, userMention } from './text.js';

/** The triage card: what the case is, and the actions to move it. */
export function caseCardBlocks(view: CaseSummary & { similar?: SimilarCase[] }, options: { actions: boolean } = { actions: true }): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(`${view.key} · ${view.title}`, 150), emoji: true } },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Status*\n${statusLabels[view.status]}` },
        { type: 'mrkdwn', text: `*Priority*\n${priorityLabels[view.priority]}` },
        { type: 'mrkdwn', text: `*Assignee*\n${userMention(view.assignee)}` },
        { type: 'mrkdwn', text: `*Requester*\n${userMention(view.requester)}` },
        { type: 'mrkdwn', text: `*Account*\n${escapeMrkdwn(view.accountName ?? '—')}` },
        { type: 'mrkdwn', text: `*Opened via*\n${view.via}` },
        { type: 'mrkdwn', text: `*Tags*\n${view.tags.length ? view.tags.map((t) => `\`${t}\``).join(' ') : '—'}` },
        { type: 'mrkdwn', text: `*Specialists*\n${view.specialists.length ? escapeMrkdwn(view.specialists.join(', ')) : '—'}` },
      ],
    },
  ];
  if (view.description) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(`>${escapeMrkdwn(view.description).replace(/\n/g, '\n>')}`, 3000) } });
  }
  const context = [`Opened <!date^${Math.floor(Date.parse(view.createdAt) / 1000)}^{date_short_pretty} at {time}|${view.createdAt}>`];
  if (view.permalink) context.push(`<${view.permalink}|Original message>`);
  if (view.snoozedUntil) context.push(`:zzz: Nags snoozed until <!date^${Math.floor(Date.parse(view.snoozedUntil) / 1000)}^{date_short_pretty} {time}|${view.snoozedUntil}>`);
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: context.join(' · ') }] });
  if (view.similar?.length) {
    const lines = view.similar.map(similarCaseLine);
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(`:bulb: Similar resolved cases\n${lines.join('\n')}`, 3000) }] });
  }
  if (options.actions && view.suggestion && view.status !== 'closed') blocks.push(...suggestionBlocks(view.caseId, view.suggestion));
  if (options.actions && view.status !== 'closed') blocks.push(caseActions(view));
  // A closed case is read-only: an agent may only reopen it.
  if (options.actions && view.status === 'closed') {
    blocks.push({ type: 'actions', block_id: `case:${view.caseId}`, elements: [{ type: 'button', action_id: actionIds.reopen, text: { type: 'plain_text', text: 'Reopen' }, value: view.caseId }] });
  }
  return blocks;
}

/** The model's triage suggestion: applied only when an agent accepts it. */
function suggestionBlocks(caseId: string, suggestion: NonNullable<CaseSummary['suggestion']>): KnownBlock[] {
  const what = [...(suggestion.tags.length ? [`tags ${suggestion.tags.map((t) => `\`${t}\``).join(' ')}`] : []), ...(suggestion.priority ? [`priority *${priorityLabels[suggestion.priority]}*`] : [])];
  const why = suggestion.reason ? ` — _${escapeMrkdwn(suggestion.reason)}_` : '';
  return [
    { type: 'section', text: { type: 'mrkdwn', text: clip(`:robot_face: *Suggested:* ${what.join(', ')}${why}`, 3000) } },
    {
      type: 'actions',
      block_id: `suggestion:${caseId}`,
      elements: [
        { type: 'button', action_id: actionIds.acceptSuggestion, text: { type: 'plain_text', text: 'Accept' }, value: caseId },
        { type: 'button', action_id: actionIds.dismissSuggestion, text: { type: 'plain_text', text: 'Dismiss' }, value: caseId },
      ],
    },
  ];
}

/** A resolved case like this one, and what fixed it (the card, and where no draft came). */
export const similarCaseLine = (s: SimilarCase) => `• *${s.caseKey}* ${escapeMrkdwn(s.title)} — _fix:_ ${escapeMrkdwn(clip(s.fix, 200))}`;

const snoozeLabels: Record<(typeof snoozeChoices)[number], string> = { '1h': 'Snooze 1 hour', '4h': 'Snooze 4 hours', tomorrow: 'Until tomorrow', monday: 'Until Monday' };

/** The snooze menu of the card and of every nag. */
export const snoozeMenu = () => ({
  type: 'static_select' as const,
  action_id: actionIds.snooze,
  placeholder: { type: 'plain_text' as const, text: 'Snooze' },
  options: snoozeChoices.map((choice) => ({ text: { type: 'plain_text' as const, text: snoozeLabels[choice] }, value: choice })),
});

function caseActions(view: CaseSummary): KnownBlock {
  const priorityOption = (p: (typeof priorities)[number]) => ({ text: { type: 'plain_text' as const, text: priorityLabels[p] }, value: p });
  const elements: Extract<KnownBlock, { type: 'actions' }>['elements'] = [
    { type: 'button', action_id: actionIds.assignToMe, text: { type: 'plain_text', text: 'Assign to me' }, value: view.caseId, style: 'primary' },
    {
      type: 'static_select',
      action_id: actionIds.setPriority,
      placeholder: { type: 'plain_text', text: 'Priority' },
      initial_option: priorityOption(view.priority),
      options: priorities.map(priorityOption),
    },
  ];
  if (view.knownTags.length > 0) {
    const tagOption = (tag: string) => ({ text: { type: 'plain_text' as const, text: tag }, value: tag });
    const current = view.tags.filter((tag) => view.knownTags.includes(tag));
    elements.push({
      type: 'multi_static_select',
      action_id: actionIds.setTags,
      placeholder: { type: 'plain_text', text: 'Tags' },
      options: view.knownTags.slice(0, 100).map(tagOption),
      ...(current.length ? { initial_options: current.map(tagOption) } : {}),
    });
  }
  elements.push(
    { type: 'button', action_id: actionIds.pullSpecialists, text: { type: 'plain_text', text: 'Pull in specialists' }, value: view.caseId },
    { type: 'button', action_id: actionIds.escalate, text: { type: 'plain_text', text: 'Escalate' }, value: view.caseId },
  );
  elements.push(snoozeMenu());
  if (view.offersReplyDraft && view.status !== 'resolved') elements.push({ type: 'button', action_id: actionIds.draftReply, text: { type: 'plain_text', text: 'Draft a reply' }, value: view.caseId });
  if (view.canResolve) elements.push({ type: 'button', action_id: actionIds.resolve, text: { type: 'plain_text', text: 'Resolve' }, value: view.caseId, style: 'primary' });
  if (view.canReopen) elements.push({ type: 'button', action_id: actionIds.reopen, text: { type: 'plain_text', text: 'Reopen' }, value: view.caseId });
  if (view.nextStatuses.length > 0) {
    elements.push({
      type: 'static_select',
      action_id: actionIds.setStatus,
      placeholder: { type: 'plain_text', text: 'Change status' },
      options: view.nextStatuses.map((status) => ({ text: { type: 'plain_text', text: statusLabels[status] }, value: status })),
    });
  }
  // The case id rides in block_id, since select menus carry no value of their own.
  return { type: 'actions', block_id: `case:${view.caseId}`, elements };
}
