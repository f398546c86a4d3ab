import * as AC from 'adaptivecards';
import { h } from './dom.js';
import { escapeHtml } from './slack-text.js';

/* Teams messages as the Teams client shows them: markdown text with @mentions, and Adaptive Cards drawn by Microsoft's own renderer. */

type Json = Record<string, any>;

export interface TeamsHandlers {
  /** An Action.Submit: its data goes to tugi as the activity's value. */
  submit(data: Json): void;
  /** Accept or Decline on a file consent card. */
  consent(action: 'accept' | 'decline', context: Json, name: string): void;
}

/** Teams markdown (bold, italics, links, line breaks) with `<at>Name</at>` mentions. */
export function teamsMarkdown(text: string): string {
  return escapeHtml(text)
    .replace(/&lt;at&gt;(.*?)&lt;\/at&gt;/g, '<span class="mention">@$1</span>')
    .replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>')
    .replace(/(^|\s)_([^_]+)_(?=\s|$)/g, '$1<i>$2</i>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_whole, label: string, url: string) => `<a href="${/^(https?:|\/sandbox\/)/.test(url) ? url : '#'}" target="_blank" rel="noopener">${label}</a>`)
    .replace(/\n/g, '<br>');
}

AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = teamsMarkdown(text);
  result.didProcess = true;
};

export function renderAttachment(attachment: Json, handlers: TeamsHandlers): HTMLElement {
  switch (attachment.contentType) {
    case 'application/vnd.microsoft.card.adaptive':
      return adaptiveCard(attachment.content, handlers);
    case 'application/vnd.microsoft.teams.card.file.consent': {
      const c = attachment.content ?? {};
      return h(
        'div',
        { class: 'file-consent' },
        h('div', { class: 'file-name' }, `📄 ${attachment.name}`),
        h('div', {}, `${c.description ?? ''} · ${Math.ceil((c.sizeInBytes ?? 0) / 1024)} KB`),
        h('div', { class: 'hint' }, 'tugi wants to put this file in your OneDrive.'),
        h(
          'div',
          { class: 'bk-actions' },
          h('button', { type: 'button', class: 'bk-button primary', onclick: () => handlers.consent('accept', c.acceptContext ?? {}, attachment.name) }, 'Allow'),
          h('button', { type: 'button', class: 'bk-button', onclick: () => handlers.consent('decline', c.declineContext ?? {}, attachment.name) }, 'Decline'),
        ),
      );
    }
    case 'application/vnd.microsoft.teams.card.file.info':
      return h('div', { class: 'file-consent' }, h('a', { class: 'file-name', href: `/sandbox/teams-files/${encodeURIComponent(attachment.name)}`, target: '_blank' }, `📄 ${attachment.name}`));
    default:
      if (String(attachment.contentType).startsWith('image/')) return h('img', { class: 'teams-image', src: attachment.contentUrl, alt: attachment.name ?? 'image' });
      return h('div', { class: 'bk-context' }, `[${String(attachment.contentType)}]`);
  }
}

function adaptiveCard(content: Json, handlers: TeamsHandlers): HTMLElement {
  const card = new AC.AdaptiveCard();
  card.hostConfig = new AC.HostConfig({ fontFamily: 'Segoe UI, system-ui, sans-serif', supportsInteractivity: true });
  card.onExecuteAction = (action) => {
    if (action instanceof AC.SubmitAction) handlers.submit((action.data ?? {}) as Json);
    else if (action instanceof AC.OpenUrlAction && action.url) window.open(action.url, '_blank', 'noopener');
  };
  card.parse(content);
  return h('div', { class: 'adaptive-card' }, card.render() ?? h('div', {}, '[card]'));
}
