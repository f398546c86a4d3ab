/** Slack's mrkdwn as HTML, the way the Slack client shows it: mentions as names, dates in the viewer's zone, emoji. */

const emoji: Record<string, string> = {
  bell: '🔔', bulb: '💡', hourglass: '⌛', hourglass_flowing_sand: '⏳', leftwards_arrow_with_hook: '↩️', paperclip: '📎',
  raised_hands: '🙌', rotating_light: '🚨', tada: '🎉', wave: '👋', white_check_mark: '✅', zzz: '💤', ticket: '🎫', warning: '⚠️',
};

export const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface TextContext {
  /** Slack user id → name. */
  names: Record<string, string>;
  zone: string;
}

export function formatTime(at: Date, zone: string, withDate = false): string {
  return at.toLocaleString('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', ...(withDate ? { weekday: 'short', day: 'numeric', month: 'short' } : {}) });
}

/** `<@U1>`, `<#C1|name>`, `<!date^…|fallback>`, `<url|label>` and `<url>`; everything else is text. */
function special(token: string, ctx: TextContext): string {
  if (token.startsWith('@')) return `<span class="mention">@${escapeHtml(ctx.names[token.slice(1).split('|')[0]!] ?? token.slice(1))}</span>`;
  if (token.startsWith('#')) return `<span class="mention">#${escapeHtml(token.split('|')[1] ?? token.slice(1))}</span>`;
  if (token.startsWith('!date^')) {
    const seconds = Number(token.split('^')[1]);
    return Number.isFinite(seconds) ? escapeHtml(formatTime(new Date(seconds * 1000), ctx.zone, true)) : '';
  }
  if (token.startsWith('!')) return `<span class="mention">@${escapeHtml(token.slice(1).split('|')[0]!)}</span>`;
  const [url = '', label] = token.split('|');
  const safe = /^(https?:|mailto:|\/sandbox\/)/.test(url) ? url : '#';
  return `<a href="${escapeHtml(safe)}" target="_blank" rel="noopener">${escapeHtml(label ?? url)}</a>`;
}

/** Slack sends `&lt;` `&gt;` `&amp;` for literal brackets; they come back as text here. */
const unescapeSlack = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export function mrkdwn(text: string, ctx: TextContext): string {
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(/<([^<>]+)>/g)) {
    parts.push(inline(unescapeSlack(text.slice(last, match.index))));
    parts.push(special(unescapeSlack(match[1]!), ctx));
    last = match.index + match[0].length;
  }
  parts.push(inline(unescapeSlack(text.slice(last))));
  return blockquotes(parts.join(''));
}

function inline(text: string): string {
  return escapeHtml(text)
    .replace(/```([\s\S]*?)```/g, '<pre>$1</pre>')
    .replace(/`([^`\n]+)`/g, '<code>$1</code>')
    .replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,:;!?])/g, '$1<b>$2</b>')
    .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,:;!?])/g, '$1<i>$2</i>')
    .replace(/(^|[\s(])~([^~\n]+)~(?=$|[\s).,:;!?])/g, '$1<s>$2</s>')
    .replace(/:([a-z_0-9+-]+):/g, (whole, name: string) => emoji[name] ?? whole);
}

/** Lines starting with `>` (escaped by now) become one quote block each run. */
function blockquotes(html: string): string {
  return html
    .split('\n')
    .map((line) => (line.startsWith('&gt;') ? `<blockquote>${line.slice(4)}</blockquote>` : `${line}<br>`))
    .join('')
    .replace(/<br>$/, '')
    .replace(/<\/blockquote><blockquote>/g, '<br>');
}

export const plain = (text: string) => escapeHtml(text).replace(/\n/g, '<br>');
