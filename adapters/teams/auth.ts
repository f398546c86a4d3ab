import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';

export interface TeamsOptions {
  /** The bot's Microsoft app id and secret; without them, activities are accepted only in development mode. */
  appId?: string;
  appPassword?: string;
  /** Set for a single-tenant bot (its home tenant). */
  tenantId?: string;
  /** Development only (the Agents Playground): accept activities without a Bot Framework token. */
  allowUnauthenticated?: boolean;
  /** Where the Bot Framework publishes its signing keys; sovereign clouds and tests override it. */
  openIdMetadataUrl?: string;
}

export type TeamsMode = 'authenticated' | 'unauthenticated' | 'off';

export function teamsMode(options: TeamsOptions): TeamsMode {
  if (options.appId && options.appPassword) return 'authenticated';
  return options.allowUnauthenticated ? 'unauthenticated' : 'off';
}

/**
 * The Bot Framework adapter. With app credentials, every incoming request must carry a valid
 * Bot Framework token (botbuilder validates issuer, audience, signing key and its endorsement for
 * the channel; anything else is a 401); outgoing calls get tokens for the same app.
 */
export function createTeamsAdapter(options: TeamsOptions): TeamsAdapter {
  const credentials =
    teamsMode(options) === 'authenticated'
      ? {
          MicrosoftAppId: options.appId,
          MicrosoftAppPassword: options.appPassword,
          MicrosoftAppType: options.tenantId ? 'SingleTenant' : 'MultiTenant',
          MicrosoftAppTenantId: options.tenantId,
        }
      : {};
  return new TeamsAdapter(
    {
      ...credentials,
      ...(options.openIdMetadataUrl ? { ToBotFromChannelOpenIdMetadataUrl: options.openIdMetadataUrl } : {}),
    },
    new ConfigurationServiceClientCredentialFactory(credentials),
  );
}
