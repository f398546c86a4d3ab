import type { Installation } from '@slack/bolt';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The one look of tugi's few web pages: centred card, Slack's own fonts and colours. */
function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)}</title>
<style>body{margin:0;font:16px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;background:#f8f8f8;color:#1d1c1d}
main{max-width:34rem;margin:12vh auto;padding:2.5rem;background:#fff;border-radius:12px;box-shadow:0 1px 3px #0002}
h1{font-size:1.6rem;margin:0 0 .75rem}p{margin:.5rem 0 1rem}code{background:#f1f1f1;padding:.1rem .3rem;border-radius:4px}
.add{display:inline-flex;align-items:center;gap:.5rem;padding:.7rem 1.2rem;border:1px solid #ddd;border-radius:6px;color:#1d1c1d;text-decoration:none;font-weight:700}
.add:hover{background:#f4f4f4}.muted{color:#616061;font-size:.9rem}</style></head>
<body><main>${body}</main></body></html>`;
}

/** GET /slack/install: what tugi is and the "Add to Slack" button (the URL carries the signed state). */
export function installPage(url: string): string {
  return page(
    'Add tugi to Slack',
    `<h1>Add tugi to your Slack workspace</h1>
<p>tugi turns customer messages into support cases, pulls in specialists by skill, nags about SLA deadlines and sends the customer the cause and the fix.</p>
<p><a class="add" href="${escape(url)}"><svg width="20" height="20" viewBox="0 0 122.8 122.8" aria-hidden="true"><path d="M25.8 77.6a12.9 12.9 0 1 1-12.9-12.9h12.9zm6.5 0a12.9 12.9 0 0 1 25.8 0v32.3a12.9 12.9 0 1 1-25.8 0z" fill="#e01e5a"/><path d="M45.2 25.8a12.9 12.9 0 1 1 12.9-12.9v12.9zm0 6.5a12.9 12.9 0 0 1 0 25.8H12.9a12.9 12.9 0 0 1 0-25.8z" fill="#36c5f0"/><path d="M97 45.2a12.9 12.9 0 1 1 12.9 12.9H97zm-6.5 0a12.9 12.9 0 0 1-25.8 0V12.9a12.9 12.9 0 1 1 25.8 0z" fill="#2eb67d"/><path d="M77.6 97a12.9 12.9 0 1 1-12.9 12.9V97zm0-6.5a12.9 12.9 0 0 1 0-25.8h32.3a12.9 12.9 0 0 1 0 25.8z" fill="#ecb22e"/></svg>Add to Slack</a></p>
<p class="muted">After installing, run <code>/tugi setup</code> in Slack to choose the triage and manager channels, your customers' channels and your team.</p>`,
  );
}

/** After a completed install: where to go next. */
export function installedPage(installation: Installation): string {
  const team = installation.team?.name ?? installation.team?.id ?? 'your workspace';
  const home = installation.appId && installation.team ? `slack://app?team=${installation.team.id}&id=${installation.appId}&tab=home` : 'slack://open';
  return page(
    'tugi is installed',
    `<h1>tugi is installed in ${escape(team)}</h1>
<p>Next, set it up from Slack: run <code>/tugi setup</code> in any channel, or open tugi's Home tab. Until a manager exists, you (the installer) may change its settings.</p>
<p><a class="add" href="${escape(home)}">Open tugi in Slack</a></p>`,
  );
}

/** A failed or refused install, with the reason people can act on. */
export function installFailedPage(reason: string): string {
  return page('tugi was not installed', `<h1>tugi was not installed</h1><p>${escape(reason)}</p><p><a href="/slack/install">Try again</a></p>`);
}
