import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Installation } from '@slack/bolt';
import type { InstallationRepository } from '../../src/storage/installation.repository.js';

/** The Web API client of a workspace, with its own bot token; undefined when tugi is not installed there. */
export interface SlackClients {
  for(workspace: string): Promise<WebClient | undefined>;
}

/** One bot token (SLACK_BOT_TOKEN): the one client serves the one workspace. */
export const singleTokenClients = (client: WebClient): SlackClients => ({ for: async () => client });

/** OAuth: each workspace's bot token from its installation; a client is made once per token. */
export function installationClients(repository: InstallationRepository, options: WebClientOptions): SlackClients {
  const clients = new Map<string, WebClient>();
  return {
    async for(workspace) {
      const installation = (await repository.fetch(workspace))?.secret as Installation | undefined;
      const token = installation?.bot?.token;
      if (!token) return undefined;
      const key = `${workspace}:${token}`;
      if (!clients.has(key)) clients.set(key, new WebClient(token, { ...options, teamId: workspace }));
      return clients.get(key);
    },
  };
}
