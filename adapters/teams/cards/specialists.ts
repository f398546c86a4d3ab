import { priorityLabels, type BridgedMessageView, type CaseBriefView, type CaseEscalatedView, type SpecialistFallbackView, type SpecialistRequestView } from '../../../src/messages/index.js';
import { textMessage, type TeamsMessage } from './render.js';
import { card, escapeMarkdown, mentionLine, teamsMentions, textBlock } from './elements.js';
import { resolveActions } from './resolution.js';

const maxMirroredText = 12_000;

export function specialistRequestCard(view: SpecialistRequestView): object {
  const facts = [
    { title: 'Priority', value: priorityLabels[view.priority] },
    { title: 'Account', value: view.accountName ?? '—' },
    { title: 'Tags', value: view.tags.join(', ') || '—' },
    { title: 'Asked by', value: view.askedBy },
  ];
  const body = [
    textBlock(`${view.caseKey} · ${view.title}`, { weight: 'Bolder', size: 'Medium' }),
    textBlock(view.mentions.length ? `${mentionLine(view.mentions)} — could you help with this case?` : 'Specialists for this case'),
    { type: 'FactSet', facts },
    ...(view.description ? [textBlock(view.description, { isSubtle: true, maxLines: 8, separator: true })] : []),
    ...(view.notes.length ? [textBlock(view.notes.join('\n\n'), { size: 'Small', isSubtle: true })] : []),
    textBlock('Reply in this thread: the support team sees your replies in Slack, and theirs appear here.', { size: 'Small', isSubtle: true }),
  ];
  return card(body, teamsMentions(view.mentions), resolveActions(view.caseId, view.offersDraft ?? false));
}

/** The model's brief of a case, for the specialists: marked as drafted. */
export function briefCard(view: CaseBriefView): object {
  return card(
    [
      textBlock(`${view.caseKey} so far`, { weight: 'Bolder' }),
      textBlock(escapeMarkdown(view.summary)),
      ...(view.nextStep ? [textBlock(`**Open:** ${escapeMarkdown(view.nextStep)}`)] : []),
      textBlock('🤖 Summarised by a model from the case’s threads: check the case before you rely on it.', { size: 'Small', isSubtle: true }),
    ],
    [],
  );
}

export function fallbackCard(view: SpecialistFallbackView): object {
  const who = view.mentions.length ? `${mentionLine(view.mentions)} — ` : '';
  return card(
    [textBlock(`${who}nobody with ${view.tag} is available for ${view.caseKey} · ${view.title} (${view.reason}).`, { color: 'Attention' })],
    teamsMentions(view.mentions),
  );
}

export function escalatedCard(view: CaseEscalatedView): object {
  const text = view.agent
    ? `${mentionLine([view.agent])} — ${view.caseKey} · ${view.title} was escalated to you by ${view.by}.`
    : `${view.caseKey} · ${view.title} was escalated by ${view.by}, but ${view.reason ?? 'no agent is available'}.`;
  return card([textBlock(text)], view.agent ? teamsMentions([view.agent]) : []);
}

/** A mirrored Slack message: author first, files as links; markdown special characters in the text are escaped. */
export function bridgedMessage(view: BridgedMessageView): TeamsMessage {
  const origin = view.from === 'slack' ? 'Slack' : 'Teams';
  const files = view.files.map((file) => `📎 [${escapeMarkdown(file.name)}](${file.url})`);
  // Teams refuses messages over about 28 KB; a very long Slack message is cut, with a mark.
  const text = view.text.length > maxMirroredText ? `${view.text.slice(0, maxMirroredText - 1)}…` : view.text;
  const lines = [`**${escapeMarkdown(view.author)}** (${origin})${view.edited ? ' _(edited)_' : ''}`, escapeMarkdown(text), ...files].filter(Boolean);
  return textMessage(lines.join('\n\n'));
}
