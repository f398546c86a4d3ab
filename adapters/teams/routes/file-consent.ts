import type { Application } from '@microsoft/teams-ai';
import { TurnContext, type CloudAdapterBase, type ConversationReference } from 'botbuilder';
import { z } from 'zod';
import { asCodedError } from '../../../src/errors.js';
import { userMessage } from '../../../src/messages/index.js';
import { requireManager } from '../../../src/reports/managers.js';
import { activitySchema } from '../activity.js';
import { fileInfoMessage } from '../cards/report.js';
import { textMessage, type TeamsMessage } from '../cards/render.js';
import type { DeskFor, TeamsDeps } from '../deps.js';

const httpUrl = z.url({ protocol: /^https?$/ });

/** The answer to a file consent card, as Teams sends it in a `fileConsent/invoke`. */
const consentSchema = z.object({
  action: z.enum(['accept', 'decline']),
  context: z.object({ period: z.string().max(40) }),
  uploadInfo: z.object({ contentUrl: httpUrl, name: z.string().max(200), uploadUrl: httpUrl, uniqueId: z.string(), fileType: z.string() }).optional(),
});
type Upload = NonNullable<z.infer<typeof consentSchema>['uploadInfo']>;

/**
 * The manager accepted the export. Teams waits about 15 s for the answer to its invoke, and a long
 * period takes longer to build on a slow database, so the invoke is answered at once (after the
 * checks) and the file follows: built again for that manager, PUT to the upload URL in their
 * OneDrive that Teams handed over, then shown in the chat.
 */
async function accepted(deps: TeamsDeps, botAppId: string, context: TurnContext): Promise<void> {
  const activity = activitySchema.safeParse(context.activity);
  const consent = consentSchema.safeParse(context.activity.value);
  const person = activity.success ? deps.directory.teamsMember(activity.data.from.aadObjectId) : undefined;
  if (!activity.success || !consent.success || !consent.data.uploadInfo || !person?.teams) {
    await context.sendActivity(textMessage('That answer was not understood; nothing was saved.'));
    return;
  }
  const actor = { platform: 'teams' as const, userId: person.teams.aadObjectId };
  try {
    requireManager(deps.directory, actor);
  } catch (error) {
    await context.sendActivity(textMessage(userMessage(error)));
    return;
  }
  const reply = replyLater(context, botAppId);
  const upload = consent.data.uploadInfo;
  void (async () => {
    let outcome: TeamsMessage;
    try {
      outcome = await saveExport(deps, actor, consent.data.context.period, upload);
    } catch (error) {
      if (!asCodedError(error)) deps.logger.error({ err: error }, 'teams: report export failed');
      outcome = textMessage(userMessage(error));
    }
    await reply(outcome);
  })().catch((error: unknown) => deps.logger.error({ err: error }, 'teams: could not tell the manager how the export went'));
}

/** Builds the CSV and PUTs it whole to the upload URL; the message to show says how it went. */
async function saveExport(deps: TeamsDeps, actor: { platform: 'teams'; userId: string }, period: string, upload: Upload): Promise<TeamsMessage> {
  const csv = await deps.reportExport.csv({ actor, period });
  const bytes = Buffer.from(csv.csv, 'utf8');
  const response = await fetch(upload.uploadUrl, {
    method: 'PUT',
    // The whole file in one request of the upload session (fetch sets its length); exports are a few MB at most.
    headers: { 'content-range': `bytes 0-${bytes.length - 1}/${bytes.length}` },
    body: bytes,
    signal: AbortSignal.timeout(60_000),
  });
  if (response.ok) return fileInfoMessage(upload);
  deps.logger.warn({ status: response.status }, 'teams: the file upload was refused');
  return textMessage(`OneDrive did not take the file (HTTP ${response.status}); nothing was saved. Press Export CSV to try again.`);
}

/** A message into the same chat after the turn has ended (a proactive message on the turn's conversation). */
function replyLater(context: TurnContext, botAppId: string): (message: TeamsMessage) => Promise<void> {
  const reference = TurnContext.getConversationReference(context.activity) as ConversationReference;
  const adapter = context.adapter as CloudAdapterBase;
  return (message) => adapter.continueConversationAsync(botAppId, reference, async (later) => void (await later.sendActivity(message)));
}

export function register(app: Application, deskFor: DeskFor): void {
  app.fileConsentAccept(async (context) => {
    const deps = deskFor(context.activity as Parameters<DeskFor>[0]);
    if (deps) await accepted(deps, app.options.botAppId ?? '', context);
    else await context.sendActivity(textMessage('That answer was not understood; nothing was saved.'));
  });
  app.fileConsentDecline(async (context) => {
    await context.sendActivity(textMessage('The export was not saved.'));
  });
}
