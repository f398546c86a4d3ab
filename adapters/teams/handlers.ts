import { snoozeSchema, type Actor } from '../../src/cases/index.js';
import { asCodedError, CaseNotFoundError, NotAllowedError, NotSetUpError, ValidationFailedError } from '../../src/errors.js';
import type { Inbox } from '../../src/inbox/index.js';
import { userMessage, type View } from '../../src/messages/index.js';
import { answerSchema, resolveSchema } from '../../src/resolutions/index.js';
import { snoozeUntil } from '../../src/sla/snooze.js';
import { activitySchema, type CardSubmit, conversationTypeOf, filesOf, mentionsBot, plainText, tenantOf, threadOf, type Activity } from './activity.js';
import type { TeamsDeps } from './deps.js';
import { teamsInboxKinds } from './kinds.js';

/**
 * Registers the inbox handlers that finish Teams work after the 200. An activity is handled by the
 * desk its tenant belongs to; a tenant no workspace claims (any more) drops it.
 */
export function registerTeamsHandlers(inbox: Inbox, deskFor: (activity: Activity) => TeamsDeps | undefined): void {
  const on = (kind: string, handle: (deps: TeamsDeps, activity: Activity) => Promise<void>) =>
    inbox.on(kind, async (raw) => {
      const activity = activitySchema.parse(raw);
      const deps = deskFor(activity);
      // A coded error: final, since a retry cannot make the tenant known.
      if (!deps) throw new NotSetUpError(`teams tenant ${tenantOf(activity) ?? '?'}`);
      await handle(deps, activity);
    });
  on(teamsInboxKinds.installed, (deps, activity) => teamsHandlers(deps).installed(activity));
  on(teamsInboxKinds.removed, (deps, activity) => teamsHandlers(deps).removed(activity));
  on(teamsInboxKinds.message, (deps, activity) => teamsHandlers(deps).message(activity));
  on(teamsInboxKinds.edited, (deps, activity) => teamsHandlers(deps).edited(activity));
  on(teamsInboxKinds.deleted, (deps, activity) => teamsHandlers(deps).deleted(activity));
}

/** What each kind of activity does, on one workspace's desk. */
function teamsHandlers(deps: TeamsDeps) {
  const { directory } = deps;
  const workspace = directory.workspace;
  const at = (activity: Activity) => (activity.timestamp ? new Date(activity.timestamp) : deps.clock.now());
  const author = (activity: Activity): Actor => ({
    platform: 'teams',
    userId: activity.from.aadObjectId ?? activity.from.id,
    ...(activity.from.name ? { name: activity.from.name } : {}),
  });
  const isTeamMember = (activity: Activity) => directory.teamsMember(activity.from.aadObjectId) !== undefined;
  const isSpecialistChannel = (channel: string) => channel === directory.config.teams.specialistChannel;

  /** Every activity refreshes the conversation's reference, so proactive messages work after restarts. */
  const remember = (activity: Activity) => {
    const { channel } = threadOf(activity);
    return deps.conversations.save(
      {
        workspace,
        conversationId: channel,
        conversationType: conversationTypeOf(activity),
        serviceUrl: activity.serviceUrl,
        tenantId: tenantOf(activity) ?? null,
        teamId: activity.channelData?.team?.id ?? null,
        botId: activity.recipient.id,
        botName: activity.recipient.name ?? null,
        installed: true,
      },
      deps.clock.now(),
    );
  };

  const installed = async (activity: Activity) => {
    if (!activity.membersAdded?.some((member) => member.id === activity.recipient.id)) return;
    await remember(activity);
    // Keyed by the conversation: a redelivered install, or a reinstall, does not greet twice.
    const { channel } = threadOf(activity);
    await deps.outbox.enqueue([{ workspace, key: `teams-greeting:${channel}`, platform: 'teams', channel, view: { kind: 'app.greeting', setUp: true } }]);
  };

  // Removed from a team or chat: messages for it fail at once instead of being retried for days.
  const removed = async (activity: Activity) => {
    if (activity.membersRemoved?.some((member) => member.id === activity.recipient.id)) {
      await deps.conversations.markRemoved(workspace, threadOf(activity).channel, deps.clock.now());
    }
  };

  const message = async (activity: Activity) => {
    await remember(activity);
    if (!activity.id || activity.from.id === activity.recipient.id) return;
    const { channel, rootId } = threadOf(activity);
    if (activity.value) return cardSubmitted(activity, activity.value, channel, rootId);
    const type = conversationTypeOf(activity);
    const text = plainText(activity);
    const isReply = type === 'channel' && rootId !== null && rootId !== activity.id;

    if (isReply && isSpecialistChannel(channel)) {
      await deps.bridge.postedInTeams({ workspace, channel, threadId: rootId, messageId: activity.id, author: bridgeAuthor(activity), text, files: filesOf(activity), at: at(activity) });
      return;
    }
    if (isReply) {
      await deps.cases.recordThreadMessage({ workspace, channel, threadTs: rootId, ts: activity.id, author: author(activity), fromTeam: isTeamMember(activity), text, at: at(activity) });
      return;
    }
    // A new case: a 1:1 message, or an @mention of the bot, from someone outside the team.
    const asksBot = type === 'personal' || mentionsBot(activity);
    if (!asksBot || isTeamMember(activity) || isSpecialistChannel(channel)) return;
    const accountId = (type === 'channel' ? directory.teamsCustomerChannel(channel) : directory.accountOfTenant(tenantOf(activity)))?.id ?? null;
    await deps.intake.captureMessage({ workspace, channel, ts: activity.id, author: author(activity), text, permalink: null, at: at(activity), accountId });
  };

  /**
   * A press on one of tugi's card buttons. Snooze and resolve come from internal threads, for the
   * team; answers from the customer's thread. Whoever pressed hears the outcome in that thread.
   */
  const cardSubmitted = async (activity: Activity, submit: CardSubmit, channel: string, rootId: string | null) => {
    const reply = (view: View) => deps.outbox.enqueue([{ workspace, key: `teams-submit:${activity.id}`, platform: 'teams', channel, threadTs: rootId, view }]);
    const actor = author(activity);
    if (submit.tugi === 'case.answer') {
      const parsed = answerSchema.safeParse({ workspace, caseId: submit.caseId, actor, verdict: submit.verdict, rating: submit.rating, channel });
      const found = await deps.cases.getById(workspace, submit.caseId);
      const language = directory.account(found?.account ?? null)?.language ?? 'en';
      // A case that is gone, or a change that lost a race, is "not understood": nothing changed.
      const answered = parsed.success && found ? await deps.resolutions.answer(parsed.data).catch((error: unknown) => (asCodedError(error) ? undefined : Promise.reject(error))) : undefined;
      const rating = parsed.success ? (parsed.data.rating ?? null) : null;
      return reply({ kind: 'case.answer-note', language, caseKey: answered?.case.key ?? found?.key ?? '', outcome: answered?.outcome ?? 'invalid', rating });
    }
    // Report exports are answered in the turn (routes/command.ts); tugi puts team buttons in internal threads only.
    if (submit.tugi === 'report.export' || !directory.isInternalChannel(channel)) return;
    if (submit.tugi === 'case.draft-resolution') return draftResolution(activity, submit.caseId, reply);
    let text: string;
    try {
      if (submit.tugi === 'case.snooze') {
        const until = snoozeUntil(submit.choice, deps.clock.now(), directory.teamsMember(activity.from.aadObjectId)?.timeZone ?? 'UTC');
        const doc = await deps.cases.snooze(snoozeSchema.parse({ workspace, caseId: submit.caseId, actor, until }));
        text = `${actor.name ?? 'Someone'} snoozed nags about ${doc.key} until ${until.toISOString().slice(0, 16).replace('T', ' ')} UTC.`;
      } else {
        const parsed = resolveSchema.safeParse({ workspace, caseId: submit.caseId, actor, cause: submit.cause ?? '', fix: submit.fix ?? '', note: submit.note });
        if (!parsed.success) throw new ValidationFailedError(parsed.error.issues.map((issue) => issue.message));
        const doc = await deps.resolutions.resolve(parsed.data);
        text = `${actor.name ?? 'Someone'} resolved ${doc.key}; the customer has the summary.`;
      }
    } catch (error) {
      if (!asCodedError(error)) deps.logger.error({ err: error }, 'teams: card action failed');
      text = userMessage(error);
    }
    await reply({ kind: 'case.notice', text });
  };

  /** The Resolve form in the thread, drafted by the model (or empty when no draft came); a person still submits it. */
  const draftResolution = async (activity: Activity, caseId: string, reply: (view: View) => Promise<void>) => {
    const refuse = (error: Error) => reply({ kind: 'case.notice', text: userMessage(error) });
    if (!isTeamMember(activity)) return refuse(new NotAllowedError('draft resolutions (they are for the support team)'));
    const found = await deps.cases.getById(workspace, caseId);
    if (!found) return refuse(new CaseNotFoundError(caseId));
    // In the inbox handler, bounded by the provider's timeout: a restart asks again, and the keyed reply goes once.
    const draft = await deps.assist.resolution(found);
    await reply({ kind: 'case.resolve-form', caseId, caseKey: found.key, title: found.title, cause: draft?.cause ?? '', fix: draft?.fix ?? '' });
  };

  const edited = async (activity: Activity) => {
    const { channel, rootId } = threadOf(activity);
    if (!activity.id || !rootId || !isSpecialistChannel(channel)) return;
    await deps.bridge.editedInTeams({ workspace, channel, threadId: rootId, messageId: activity.id, author: bridgeAuthor(activity), text: plainText(activity), files: filesOf(activity), at: at(activity) });
  };

  const deleted = async (activity: Activity) => {
    const { channel, rootId } = threadOf(activity);
    if (!activity.id || !rootId || !isSpecialistChannel(channel)) return;
    await deps.bridge.deletedInTeams({ workspace, channel, threadId: rootId, messageId: activity.id });
  };

  return { installed, removed, message, edited, deleted };
}

const bridgeAuthor = (activity: Activity) => ({ userId: activity.from.aadObjectId ?? activity.from.id, name: activity.from.name ?? 'Someone in Teams' });
