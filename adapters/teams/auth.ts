import { CallerIdConstants, ConfigurationServiceClientCredentialFactory, StatusCodes } from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, type BotFrameworkAuthentication } from 'botframework-connector';
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
  const adapter = new TeamsAdapter(
    { ...credentials, ...(options.openIdMetadataUrl ? publicCloudWithMetadata(options.openIdMetadataUrl) : {}) },
    new ConfigurationServiceClientCredentialFactory(credentials),
  );
  refuseBadTokensWith401(adapter);
  return adapter;
}

/**
 * botbuilder answers 401 only for its own AuthenticationError; a token whose signature or format
 * the JWT library rejects escapes as a plain error and becomes a 500, which invites retries of a
 * forged request. Any failure to authenticate is a 401.
 */
function refuseBadTokensWith401(adapter: TeamsAdapter): void {
  const auth = (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication }).botFrameworkAuthentication;
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    try {
      return await authenticate(activity, authHeader);
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError(`Unauthorized: ${(error as Error).message}`, StatusCodes.UNAUTHORIZED);
    }
  };
}

/**
 * botbuilder takes either none or all of the cloud's endpoints: overriding one means restating
 * the public cloud's others.
 */
function publicCloudWithMetadata(openIdMetadataUrl: string) {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}
