import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { register as registerActions } from '../../adapters/slack/listeners/actions/index.js';
import { register as registerCommands } from '../../adapters/slack/listeners/commands/index.js';
import { register as registerEvents, subscribedEvents } from '../../adapters/slack/listeners/events/index.js';
import { register as registerShortcuts } from '../../adapters/slack/listeners/shortcuts/index.js';
import { actionIds, ratings } from '../../adapters/slack/ids.js';
import { interactionScopes, scopesForEvent, scopesForMethod } from '../../adapters/slack/scopes.js';
import { redirectPath } from '../../adapters/slack/app.js';
import { SlackRouter } from '../../adapters/slack/router.js';
import { register as registerSetup, type SetupDeps } from '../../adapters/slack/setup/listeners.js';
import { setupActionIds } from '../../adapters/slack/setup/ids.js';
import { register as registerLifecycle } from '../../adapters/slack/listeners/lifecycle.js';
import type { SlackShared } from '../../adapters/slack/deps.js';

interface Manifest {
  features: { slash_commands: Array<{ command: string }>; shortcuts: Array<{ callback_id: string; type: string }>; app_home?: Record<string, boolean> };
  oauth_config: { scopes: { bot: string[] }; redirect_urls?: string[] };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean } };
}

/** Registers the real listeners on a router over a stand-in for Bolt's App, and reads back what they listen to. */
function registeredListeners() {
  const bolt = { event() {}, command() {}, shortcut() {}, action() {}, view() {} } as unknown as App;
  const router = new SlackRouter(bolt, () => undefined);
  const setup = registerSetup(router, {} as SetupDeps);
  registerLifecycle(router, {} as SlackShared, undefined);
  registerEvents(router);
  registerCommands(router, setup.command);
  registerShortcuts(router);
  registerActions(router);
  return { events: router.keys('event'), commands: router.keys('command'), shortcuts: router.keys('shortcut'), actions: router.keys('action'), views: router.keys('view') };
}

/** Every Web API method the adapter calls, read from its source. */
async function calledMethods(): Promise<string[]> {
  const root = join(import.meta.dirname, '../../adapters/slack');
  const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.ts'));
  const methods = new Set<string>();
  for (const file of files) {
    const source = await readFile(join(root, file), 'utf8');
    for (const match of source.matchAll(/client\.(chat|conversations|users|reactions|views|files)\.(\w+)\(/g)) methods.add(`${match[1]}.${match[2]}`);
    // The file upload helper calls files.getUploadURLExternal and files.completeUploadExternal.
    if (/client\.filesUploadV2\(/.test(source)) methods.add('filesUploadV2');
  }
  return [...methods].sort();
}

describe('the Slack app manifest', async () => {
  const manifest = JSON.parse(await readFile(join(import.meta.dirname, '../../manifests/slack/manifest.json'), 'utf8')) as Manifest;
  const listeners = registeredListeners();

  it('declares exactly the slash commands tugi listens to', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(listeners.commands);
  });

  it('declares exactly the shortcuts tugi listens to', () => {
    expect(manifest.features.shortcuts.map((s) => s.callback_id).sort()).toEqual([...listeners.shortcuts].sort());
    expect(manifest.settings.interactivity.is_enabled).toBe(listeners.actions.length + listeners.shortcuts.length > 0);
    const expected = [...Object.values(actionIds).flatMap((id) => (id === actionIds.ratePrefix ? ratings.map((n) => `${id}${n}`) : [id])), ...setupActionIds];
    expect(listeners.actions.sort()).toEqual(expected.sort());
  });

  it('subscribes to exactly the events tugi has listeners for', () => {
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual([...subscribedEvents].sort());
    const covered = new Set(subscribedEvents.map((e) => e.split('.')[0]));
    expect([...covered].sort()).toEqual([...new Set(listeners.events)].sort());
  });

  it('asks for exactly the scopes those events, commands and API calls need', async () => {
    const methods = await calledMethods();
    expect(methods).toEqual(Object.keys(scopesForMethod).sort());
    const needed = new Set([
      ...subscribedEvents.flatMap((e) => scopesForEvent[e]!),
      ...methods.flatMap((m) => scopesForMethod[m]!),
      ...interactionScopes,
    ]);
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual([...needed].sort());
  });

  it('shows the messages tab where tugi sends a person their files, read-only since tugi reads no direct messages', async () => {
    expect(await calledMethods()).toContain('conversations.open');
    expect(manifest.features.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: true });
  });

  it('enables the Home tab tugi publishes setup on, and sends OAuth back to the redirect path tugi serves', () => {
    expect(listeners.events).toContain('app_home_opened');
    expect(manifest.oauth_config.redirect_urls?.map((url) => new URL(url).pathname)).toEqual([redirectPath]);
  });
});
