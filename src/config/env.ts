import { z } from 'zod';
import { formatProblems } from './problems.js';
import { parseKey } from '../storage/sealer.js';

/** Everything tugi reads from the environment; parsed once at start. */
const envSchema = z.object({
  /** Without both (or with TUGI_SANDBOX), `npm start` runs the sandbox instead of serving a real Slack app. */
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, 'must be a bot token starting with xoxb-').optional(),
  SLACK_SIGNING_SECRET: z.string().min(8, 'must be the app\'s signing secret').optional(),
  /** OAuth for many workspaces ("Add to Slack"): the app's client id and secret, from its Basic Information page. */
  SLACK_CLIENT_ID: z.string().regex(/^\d+\.\d+$/, 'must be the app\'s client id, such as 1234567890.1234567890').optional(),
  SLACK_CLIENT_SECRET: z.string().min(8, 'must be the app\'s client secret').optional(),
  /** Seals bot tokens at rest (AES-256-GCM): 32 random bytes, base64 or hex (`openssl rand -base64 32`). */
  TUGI_ENCRYPTION_KEY: z.string().refine((text) => parseKey(text) !== undefined, 'must be 32 random bytes as base64 or 64 hex digits (openssl rand -base64 32)').optional(),
  /** The key before a rotation: still opens what it sealed, until tugi has sealed it again with the new one. */
  TUGI_ENCRYPTION_KEY_PREVIOUS: z.string().refine((text) => parseKey(text) !== undefined, 'must be 32 random bytes as base64 or 64 hex digits').optional(),
  SLACK_APP_TOKEN: z.string().regex(/^xapp-/, 'must be an app-level token starting with xapp-').optional(),
  SLACK_API_URL: z.url().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI').optional(),
  /** Settings to import at start (when the file changed since the last import); optional, since settings live in the database. */
  TUGI_CONFIG: z.string().optional(),
  TUGI_DATA_DIR: z.string().default('.local/data'),
  /** The bot's Microsoft app (client) id and secret, from Azure Bot / the Teams developer portal. */
  TEAMS_APP_ID: z.uuid('must be the bot\'s Microsoft app id (a GUID)').optional(),
  TEAMS_APP_PASSWORD: z.string().min(1).optional(),
  /** The bot's home tenant: set for single-tenant bots (the default for new Azure bots). */
  TEAMS_APP_TENANT_ID: z.string().min(1).optional(),
  /** Development only: accept Teams activities without a Bot Framework token (Agents Playground). */
  TEAMS_ALLOW_UNAUTHENTICATED: z.stringbool().default(false),
  /** Where Bot Framework signing keys are published; only sovereign clouds (and tests) change it. */
  TEAMS_OPENID_METADATA_URL: z.url().optional(),
  /** Runs the sandbox (a local page that plays Slack and Teams) even when Slack credentials are set. */
  TUGI_SANDBOX: z.stringbool().default(false),
  /** Where the sandbox listens: loopback unless told otherwise, since it accepts unsigned people. */
  TUGI_SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  /** An OpenAI-compatible chat-completions API for drafts (OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp); none: no drafts. */
  TUGI_AI_BASE_URL: z.url().optional(),
  TUGI_AI_API_KEY: z.string().min(1).optional(),
  TUGI_AI_MODEL: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

/** The sandbox runs when asked, or when there is no Slack app to serve (neither a bot token nor OAuth). */
export const wantsSandbox = (env: Env): boolean => env.TUGI_SANDBOX || (!env.SLACK_BOT_TOKEN && !env.SLACK_CLIENT_ID);

export class ConfigError extends Error {}

/** Empty strings count as unset, so `FOO=` in a .env file does not defeat a default. */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = envSchema.safeParse(present);
  const problems = result.success ? [] : [formatProblems(result.error)];
  // Checked on the raw values, so it is reported together with any other problem.
  const oauth = Boolean(present.SLACK_CLIENT_ID);
  if (present.SLACK_BOT_TOKEN && oauth) problems.push('  - SLACK_BOT_TOKEN: set either SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID (OAuth, many workspaces), not both');
  if ((Boolean(present.SLACK_BOT_TOKEN) || oauth) !== Boolean(present.SLACK_SIGNING_SECRET)) problems.push('  - SLACK_SIGNING_SECRET: set it with SLACK_BOT_TOKEN or SLACK_CLIENT_ID (or set none of them, to try the sandbox)');
  if (Boolean(present.TUGI_AI_BASE_URL) !== Boolean(present.TUGI_AI_MODEL)) problems.push('  - TUGI_AI_MODEL: set TUGI_AI_BASE_URL and TUGI_AI_MODEL together (the model provider for drafts), or neither');
  if (oauth !== Boolean(present.SLACK_CLIENT_SECRET)) problems.push('  - SLACK_CLIENT_SECRET: set SLACK_CLIENT_ID and SLACK_CLIENT_SECRET together');
  if (oauth && !present.TUGI_ENCRYPTION_KEY) problems.push('  - TUGI_ENCRYPTION_KEY: OAuth stores each workspace\'s bot token, sealed with this key; create one with `openssl rand -base64 32`');
  if (oauth && present.SLACK_APP_TOKEN) problems.push('  - SLACK_APP_TOKEN: Socket Mode serves one workspace; with OAuth tugi takes Slack\'s requests over HTTP (unset SLACK_APP_TOKEN)');
  if (Boolean(present.TEAMS_APP_ID) !== Boolean(present.TEAMS_APP_PASSWORD)) problems.push('  - TEAMS_APP_PASSWORD: set TEAMS_APP_ID and TEAMS_APP_PASSWORD together');
  if (!result.success || problems.length > 0) {
    throw new ConfigError(`Environment is not valid:\n${problems.join('\n')}`);
  }
  return result.data;
}
