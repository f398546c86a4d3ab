import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { asCodedError } from '../../../src/errors.js';
import { userMessage } from '../../../src/messages/index.js';
import { activitySchema } from '../activity.js';
import { fileInfoMessage } from '../cards/report.js';
import { textMessage } from '../cards/render.js';
import type { TeamsDeps } from '../deps.js';
import { tenantAllowed } from './accept.js';

const httpUrl = z.url({ protocol: /^https?$/ });

/** The answer to a file consent card, as Teams sends it in a `fileConsent/invoke`. */
const consentSchema = z.object({
  action: z.enum(['accept', 'decline']),
  context: z.object({ period: z.string().max(40) }),
  uploadInfo: z.object({ contentUrl: httpUrl, name: z.string().max(200), uploadUrl: httpUrl, uniqueId: z.string(), fileType: z.string() }).optional(),
});

/**
 * The manager accepted the export: the CSV is built again for them (a manager's only, as of now)
 * and PUT to the upload URL in their OneDrive that Teams handed over, then shown in the chat.
 */
async function accepted(deps: TeamsDeps, context: TurnContext): Promise<void> {
  const activity = activitySchema.safeParse(context.activity);
  const consent = consentSchema.safeParse(context.activity.value);
  const person = activity.success ? deps.directory.teamsMember(activity.data.from.aadObjectId) : undefined;
  if (!activity.success || !tenantAllowed(deps, activity.data) || !consent.success || !consent.data.uploadInfo || !person?.teams) {
    await context.sendActivity(textMessage('That answer was not understood; nothing was saved.'));
    return;
  }
  const upload = consent.data.uploadInfo;
  try {
    const csv = await deps.reportExport.csv({ actor: { platform: 'teams', userId: person.teams.aadObjectId }, period: consent.data.context.period });
    const bytes = Buffer.from(csv.csv, 'utf8');
    const response = await fetch(upload.uploadUrl, {
      method: 'PUT',
      // The whole file in one request of the upload session (fetch sets its length); exports are a few MB at most.
      headers: { 'content-range': `bytes 0-${bytes.length - 1}/${bytes.length}` },
      body: bytes,
      // Teams waits about 15 s for the answer to its invoke.
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) {
      deps.logger.warn({ status: response.status }, 'teams: the file upload was refused');
      await context.sendActivity(textMessage(`OneDrive did not take the file (HTTP ${response.status}); nothing was saved. Press Export CSV to try again.`));
      return;
    }
    await context.sendActivity(fileInfoMessage(upload));
  } catch (error) {
    if (!asCodedError(error)) deps.logger.error({ err: error }, 'teams: report export failed');
    await context.sendActivity(textMessage(userMessage(error)));
  }
}

export function register(app: Application, deps: TeamsDeps): void {
  app.fileConsentAccept((context) => accepted(deps, context));
  app.fileConsentDecline(async (context) => {
    await context.sendActivity(textMessage('The export was not saved.'));
  });
}
