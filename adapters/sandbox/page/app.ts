import { renderBlocks, renderModalForm, type BlockAction } from './block-kit.js';
import { h } from './dom.js';
import { formatTime, mrkdwn, type TextContext } from './slack-text.js';
import { renderAttachment, teamsMarkdown } from './teams-render.js';
import { tour } from './tour.js';

/* The sandbox page: a simulated Slack workspace and Teams team, drawn from what the server streams. */

type Json = Record<string, any>;
interface Persona { id: string; name: string; role: string; about: string; slackUserId?: string; teams?: { aadObjectId: string }; channel?: string }
interface Place { platform: 'slack' | 'teams'; id: string; name: string; about: string }

const entities = new Map<string, Json>();
let scene: Json;
let me: Persona;
let place: Place;
let thread: string | undefined;
let offsetMs = 0;

const keyOf = (e: Json) => [e.kind, e.channel ?? e.conversation ?? '', e.ts ?? e.id ?? ''].join('|');
const all = (kind: string) => [...entities.values()].filter((e) => e.kind === kind);
const ctx = (): TextContext => ({ names: scene.names, zone: scene.zone });
const dmOf = (userId: string) => `D${userId.slice(1)}`;
const tsTime = (ts: string) => formatTime(new Date(Number(ts) * 1000), scene.zone);

async function call(path: string, body: Json): Promise<Json> {
  const response = await fetch(`/sandbox/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as: me.id, ...body }) });
  const answer = (await response.json().catch(() => ({}))) as Json;
  if (!response.ok) toast(answer.error ?? `The sandbox answered ${response.status}.`);
  else if (answer.answer?.status >= 400) toast(`tugi answered HTTP ${answer.answer.status}.`);
  return answer;
}

function toast(text: string): void {
  const box = document.getElementById('toast')!;
  box.textContent = text;
  box.hidden = false;
  setTimeout(() => (box.hidden = true), 5000);
}

/** Where this persona can go: customers see their own channel only. */
function places(): Place[] {
  const slack: Place[] = (scene.slackChannels as Json[])
    .filter((c) => (me.role === 'customer' ? c.id === me.channel : true))
    .filter(() => Boolean(me.slackUserId))
    .map((c) => ({ platform: 'slack', id: c.id, name: `# ${c.name}`, about: c.about }));
  if (me.slackUserId && me.role !== 'customer') slack.push({ platform: 'slack', id: dmOf(me.slackUserId), name: '● tugi', about: 'Your direct messages with tugi (report charts and CSV files arrive here)' });
  const teams: Place[] = me.teams
    ? [
        { platform: 'teams', id: scene.teams.specialists.id, name: 'Specialists', about: scene.teams.specialists.about },
        { platform: 'teams', id: scene.teams.chats[me.id], name: 'Chat with tugi', about: 'Your 1:1 chat with tugi: mine, stale, kb, report, help' },
      ]
    : [];
  return [...slack, ...teams];
}

function choosePersona(id: string): void {
  me = (scene.personas as Persona[]).find((p) => p.id === id)!;
  (document.getElementById('persona') as HTMLSelectElement).value = id;
  const available = places();
  if (!place || !available.some((p) => p.id === place.id)) place = available[0]!;
  thread = undefined;
  render();
}

function goTo(id: string): void {
  const found = places().find((p) => p.id === id);
  if (found) {
    place = found;
    thread = undefined;
    render();
  }
}

let pending = false;
function render(): void {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    renderNav();
    renderMain();
    renderModal();
  });
}

function renderNav(): void {
  const list = places();
  const item = (p: Place) => h('li', {}, h('button', { type: 'button', class: p.id === place.id ? 'current' : '', 'aria-current': p.id === place.id ? 'page' : undefined, onclick: () => goTo(p.id) }, p.name));
  document.getElementById('nav')!.replaceChildren(
    ...(list.some((p) => p.platform === 'slack') ? [h('h2', {}, 'Slack · Northwind Support'), h('ul', {}, ...list.filter((p) => p.platform === 'slack').map(item))] : []),
    ...(list.some((p) => p.platform === 'teams') ? [h('h2', {}, 'Teams · Support team'), h('ul', {}, ...list.filter((p) => p.platform === 'teams').map(item))] : []),
  );
}

function renderMain(): void {
  document.getElementById('place-name')!.textContent = place.name;
  document.getElementById('place-about')!.textContent = place.about;
  document.body.dataset.platform = place.platform;
  const main = document.getElementById('messages')!;
  const side = document.getElementById('thread')!;
  if (place.platform === 'slack') {
    main.replaceChildren(...slackTimeline());
    side.hidden = !thread;
    if (thread) side.replaceChildren(...slackThread(thread));
  } else {
    main.replaceChildren(...teamsTimeline());
    side.hidden = true;
  }
  main.scrollTop = main.scrollHeight;
}

const slackMessages = (channel: string) => all('slack.message').filter((m) => m.channel === channel).sort((a, b) => Number(a.ts) - Number(b.ts));

function slackTimeline(): HTMLElement[] {
  const messages = slackMessages(place.id);
  const top = messages.filter((m) => !m.threadTs || m.threadTs === m.ts);
  const ephemerals = all('slack.ephemeral').filter((e) => e.user === me.slackUserId && e.channel === place.id);
  const items = top.map((m) => slackMessage(m, messages.filter((r) => r.threadTs === m.ts && r.ts !== m.ts).length));
  items.push(...ephemerals.map((e) => ephemeral(e)));
  if (items.length === 0) items.push(h('p', { class: 'empty' }, me.role === 'customer' ? 'Write to the support team below.' : 'Nothing here yet.'));
  return items;
}

function slackThread(root: string): HTMLElement[] {
  const messages = slackMessages(place.id).filter((m) => m.ts === root || m.threadTs === root);
  return [
    h('div', { class: 'thread-head' }, h('b', {}, 'Thread'), h('button', { type: 'button', class: 'link', onclick: () => ((thread = undefined), render()) }, 'Close')),
    ...messages.map((m) => slackMessage(m, 0, true)),
    composer(`slack:${place.id}:${root}`, 'Reply…', (text) => post(text, root)),
  ];
}

function author(m: Json): string {
  return m.bot ? 'tugi' : (scene.names[m.user] ?? m.user);
}

function slackMessage(m: Json, replies: number, inThread = false): HTMLElement {
  const mine = m.user && m.user === me.slackUserId;
  const act = (action: BlockAction) => void call('slack/action', { channel: m.channel, messageTs: m.ts, action });
  const tools = m.deleted
    ? []
    : [
        !inThread ? h('button', { type: 'button', title: 'Reply in thread', onclick: () => ((thread = m.ts), render()) }, '💬 Reply') : null,
        me.role !== 'customer' ? h('button', { type: 'button', title: 'Add reaction :ticket:', onclick: () => void call('slack/reaction', { channel: m.channel, ts: m.ts, reaction: 'ticket' }) }, '🎫') : null,
        me.role !== 'customer' ? h('button', { type: 'button', title: 'Message shortcut', onclick: () => void call('slack/shortcut', { channel: m.channel, ts: m.ts, callbackId: 'case.open_from_message' }) }, 'Open case') : null,
        mine ? h('button', { type: 'button', onclick: () => editSlack(m) }, 'Edit') : null,
        mine ? h('button', { type: 'button', onclick: () => void call('slack/delete', { channel: m.channel, ts: m.ts }) }, 'Delete') : null,
      ];
  return h(
    'article',
    { class: `message ${m.bot ? 'from-bot' : ''}`, 'data-ts': m.ts },
    h('div', { class: 'avatar', 'aria-hidden': 'true' }, m.bot ? 't' : author(m).slice(0, 1)),
    h(
      'div',
      { class: 'message-body' },
      h('div', { class: 'message-meta' }, h('b', {}, author(m)), m.bot ? h('span', { class: 'app-badge' }, 'APP') : null, h('time', {}, tsTime(m.ts)), m.edited && !m.deleted ? h('span', { class: 'hint' }, '(edited)') : null),
      m.deleted ? h('div', { class: 'hint' }, 'This message was deleted.') : m.blocks?.length ? renderBlocks(m.blocks, ctx(), act) : h('div', { class: 'text', html: mrkdwn(m.text ?? '', ctx()) }),
      ...(m.files ?? []).map((f: Json) => (/\.png$/i.test(f.title) || /chart|opened and resolved/i.test(f.title) ? h('a', { href: f.url, target: '_blank', class: 'file' }, h('img', { src: f.url, alt: f.title, class: 'file-image' })) : h('a', { href: f.url, class: 'file', download: f.title }, `📄 ${f.title}`))),
      m.reactions?.length ? h('div', { class: 'reactions' }, ...m.reactions.map((r: string) => h('span', { class: 'reaction' }, r === 'ticket' ? '🎫 1' : `:${r}: 1`))) : null,
      replies > 0 ? h('button', { type: 'button', class: 'link replies', onclick: () => ((thread = m.ts), render()) }, `${replies} ${replies === 1 ? 'reply' : 'replies'}`) : null,
      h('div', { class: 'tools' }, ...tools),
    ),
  );
}

function ephemeral(e: Json): HTMLElement {
  const act = (action: BlockAction) => void call('slack/action', { channel: e.channel, action });
  return h(
    'article',
    { class: 'message ephemeral' },
    h('div', { class: 'avatar', 'aria-hidden': 'true' }, 't'),
    h('div', { class: 'message-body' }, h('div', { class: 'message-meta' }, h('b', {}, 'tugi'), h('span', { class: 'hint' }, 'Only visible to you')), e.blocks?.length ? renderBlocks(e.blocks, ctx(), act) : h('div', { class: 'text', html: mrkdwn(e.text ?? '', ctx()) })),
  );
}

function editSlack(m: Json): void {
  const text = prompt('Edit message', m.text);
  if (text && text !== m.text) void call('slack/edit', { channel: m.channel, ts: m.ts, text });
}

function teamsTimeline(): HTMLElement[] {
  const activities = all('teams.activity').filter((a) => a.conversation === place.id).sort((a, b) => a.seq - b.seq);
  const personal = place.id !== scene.teams.specialists.id;
  if (personal) return activities.length ? activities.map((a) => teamsMessage(a)) : [h('p', { class: 'empty' }, 'Say "help" to tugi.')];
  const roots = activities.filter((a) => !a.rootId);
  if (roots.length === 0) return [h('p', { class: 'empty' }, 'Specialist threads start here when an agent pulls someone in.')];
  return roots.map((root) =>
    h(
      'section',
      { class: 'teams-thread', 'aria-label': 'Thread' },
      teamsMessage(root),
      h('div', { class: 'teams-replies' }, ...activities.filter((a) => a.rootId === root.id).map((a) => teamsMessage(a, root.id))),
      composer(`teams:${root.id}`, 'Reply', (text) => void call('teams/message', { conversation: root.conversation, rootId: root.id, text })),
    ),
  );
}

function teamsMessage(a: Json, rootId?: string): HTMLElement {
  const mine = a.from.aadObjectId && a.from.aadObjectId === me.teams?.aadObjectId;
  const handlers = {
    // A card in a channel answers in its thread; in a 1:1 chat there are no threads.
    submit: (value: Json) => void call('teams/submit', { conversation: a.conversation, rootId: a.conversation === scene.teams.specialists.id ? (rootId ?? a.rootId ?? a.id) : undefined, value }),
    consent: (action: 'accept' | 'decline', context: Json, name: string) => void call('teams/consent', { conversation: a.conversation, action, context, name }),
  };
  return h(
    'article',
    { class: `message teams ${a.from.bot ? 'from-bot' : ''}`, 'data-id': a.id },
    h('div', { class: 'avatar', 'aria-hidden': 'true' }, a.from.name.slice(0, 1)),
    h(
      'div',
      { class: 'message-body' },
      h('div', { class: 'message-meta' }, h('b', {}, a.from.name), h('time', {}, formatTime(new Date(a.at), scene.zone)), a.edited && !a.deleted ? h('span', { class: 'hint' }, 'Edited') : null),
      a.deleted ? h('div', { class: 'hint' }, 'This message has been deleted.') : a.text ? h('div', { class: 'text', html: teamsMarkdown(a.text) }) : null,
      ...(a.deleted ? [] : (a.attachments ?? []).map((at: Json) => renderAttachment(at, handlers))),
      mine && !a.deleted ? h('div', { class: 'tools' }, h('button', { type: 'button', onclick: () => editTeams(a) }, 'Edit'), h('button', { type: 'button', onclick: () => void call('teams/delete', { conversation: a.conversation, id: a.id }) }, 'Delete')) : null,
    ),
  );
}

function editTeams(a: Json): void {
  const text = prompt('Edit message', a.text);
  if (text && text !== a.text) void call('teams/edit', { conversation: a.conversation, id: a.id, text });
}

/** Composers outlive re-renders (every change redraws the timeline), so what someone is typing stays. */
const composers = new Map<string, HTMLElement>();

function composer(key: string, placeholder: string, send: (text: string) => void): HTMLElement {
  const kept = composers.get(key);
  if (kept) return kept;
  const input = h('textarea', { rows: 1, placeholder, 'aria-label': placeholder }) as HTMLTextAreaElement;
  const submit = () => {
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    send(text);
  };
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      submit();
    }
  });
  const form = h('form', { class: 'composer', onsubmit: (event: Event) => (event.preventDefault(), submit()) }, input, h('button', { type: 'submit', class: 'send' }, 'Send'));
  composers.set(key, form);
  return form;
}

/** The main composer: `/tugi …` is a slash command, anything else a message. */
function post(text: string, threadTs?: string): void {
  if (place.platform === 'teams') {
    void call('teams/message', { conversation: place.id, text });
    return;
  }
  const command = /^\/tugi(?:\s+([\s\S]*))?$/.exec(text);
  if (command) void call('slack/command', { channel: place.id, text: command[1] ?? '' });
  else void call('slack/message', { channel: place.id, text, ...(threadTs ? { threadTs } : {}) });
}

let shownModal: Json | undefined;
function renderModal(): void {
  const open = all('slack.modal').find((m) => m.user === me.slackUserId && !m.closed);
  const dialog = document.getElementById('modal') as HTMLDialogElement;
  if (!open) {
    if (dialog.open) dialog.close();
    shownModal = undefined;
    return;
  }
  // The same modal, unchanged: leave what the person typed. An update (a draft filled in) is drawn afresh.
  if (shownModal?.id === open.id && shownModal?.view === open.view && dialog.open) return;
  shownModal = open;
  const view = open.view;
  const form = renderModalForm(view, ctx());
  const submit = async (event: Event) => {
    event.preventDefault();
    const answer = await call('slack/view', { viewId: open.id, view, values: form.values() });
    const body = answer.answer?.body;
    if (body?.response_action === 'errors') form.showErrors(body.errors ?? {});
  };
  dialog.replaceChildren(
    h(
      'form',
      { method: 'dialog', onsubmit: submit },
      h('div', { class: 'modal-title' }, h('b', {}, view.title?.text ?? ''), h('button', { type: 'button', class: 'link', 'aria-label': 'Close', onclick: () => closeModal(open) }, '✕')),
      form.body,
      h('div', { class: 'modal-actions' }, h('button', { type: 'button', class: 'bk-button', onclick: () => closeModal(open) }, view.close?.text ?? 'Cancel'), h('button', { type: 'submit', class: 'bk-button primary' }, view.submit?.text ?? 'Submit')),
    ),
  );
  if (!dialog.open) dialog.showModal();
}

function closeModal(modal: Json): void {
  entities.set(keyOf(modal), { ...modal, closed: true });
  render();
}

function tick(): void {
  document.getElementById('clock')!.textContent = formatTime(new Date(Date.now() + offsetMs), scene.zone, true);
}

function connect(): void {
  const stream = new EventSource('/sandbox/events');
  stream.addEventListener('snapshot', (event) => {
    entities.clear();
    for (const e of JSON.parse((event as MessageEvent).data) as Json[]) upsert(e);
    render();
  });
  stream.addEventListener('upsert', (event) => {
    upsert(JSON.parse((event as MessageEvent).data) as Json);
    render();
  });
  stream.addEventListener('reset', () => {
    entities.clear();
    for (const key of composers.keys()) if (key !== 'main') composers.delete(key);
    thread = undefined;
    render();
  });
}

function upsert(e: Json): void {
  if (e.kind === 'clock') {
    offsetMs = e.offsetMs;
    tick();
    return;
  }
  entities.set(keyOf(e), e);
}

async function start(): Promise<void> {
  scene = (await (await fetch('/sandbox/api/scene')).json()) as Json;
  offsetMs = scene.offsetMs;
  const picker = document.getElementById('persona') as HTMLSelectElement;
  picker.replaceChildren(...(scene.personas as Persona[]).map((p) => h('option', { value: p.id }, `${p.name} — ${p.about}`)));
  picker.addEventListener('change', () => choosePersona(picker.value));
  document.getElementById('composer')!.replaceChildren(composer('main', 'Message, or /tugi help', (text) => post(text)));
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-advance]')) {
    button.addEventListener('click', async () => {
      button.disabled = true;
      await call('clock', { minutes: Number(button.dataset.advance) });
      button.disabled = false;
    });
  }
  document.getElementById('reset')!.addEventListener('click', async () => {
    if (!confirm('Wipe every case and message in the sandbox and start again?')) return;
    await call('reset', {});
  });
  document.getElementById('tour')!.replaceChildren(tour((id) => choosePersona(id), (id) => goTo(id)));
  setInterval(tick, 15_000);
  tick();
  choosePersona('kalle');
  connect();
}

void start();
