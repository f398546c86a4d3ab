import type { SlackRouter } from '../../router.js';
import { setTagsSchema, snoozeSchema, toCaseSummary } from '../../../../src/cases/index.js';
import { snoozeUntil } from '../../../../src/sla/snooze.js';
import { commandUsage, parseCommand } from '../../../../src/commands/index.js';
import { asCodedError, NotAllowedError, ValidationFailedError } from '../../../../src/errors.js';
import { resolveSchema } from '../../../../src/resolutions/index.js';
import { openResolveForm } from '../../assist/open-resolve-form.js';
import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { briefMessage } from '../../blocks/brief.js';
import { attentionBlocks, myCasesBlocks } from '../../blocks/attention.js';
import { knowledgeBlocks } from '../../blocks/knowledge.js';
import { reportBlocks } from '../../blocks/report.js';
import { caseCardBlocks } from '../../blocks/case-card.js';
import type { SlackDeps } from '../../deps.js';
import { noSummaryText, userMessage } from '../../../../src/messages/index.js';
import { command } from '../../ids.js';
import { slashCommandSchema } from '../../payloads.js';

import type { KnownBlock } from '@slack/types';

type Reply = { response_type: 'ephemeral'; text: string; blocks?: KnownBlock[] };
const privately = (reply: Omit<Reply, 'response_type'>): Reply => ({ response_type: 'ephemeral', ...reply });

/**
 * `/tugi …`. Work happens before the acknowledgement, whose body is the private answer; the
 * case is keyed on the invocation's trigger id, so a repeated delivery opens one case.
 */
export function tugiCommand(deps: SlackDeps) {
  return async ({ body, ack, client, respond }: { body: unknown; ack: (reply: Reply) => Promise<void>; client: WebClient; respond: RespondFn }): Promise<void> => {
    const parsed = slashCommandSchema.safeParse(body);
    if (!parsed.success || parsed.data.team_id !== deps.directory.workspace) {
      await ack(privately({ text: 'That command request was not understood; nothing was changed.' }));
      return;
    }
    const p = parsed.data;
    try {
      await ack(await answer(deps, p, client, respond));
    } catch (error) {
      if (!asCodedError(error)) deps.logger.error({ err: error, command: p.command }, 'slash command failed');
      await ack(privately({ text: userMessage(error) }));
    }
  };
}

async function answer(deps: SlackDeps, p: ReturnType<typeof slashCommandSchema.parse>, client: WebClient, respond: RespondFn): Promise<Reply> {
  const parsed = parseCommand(p.text);
  if (parsed.name === 'help') return privately({ text: ['*tugi commands*', ...commandUsage].join('\n') });
  // Customers share channels with the team (Slack Connect): case details are for the team only.
  if (!deps.directory.teamMember(p.user_id)) throw new NotAllowedError('use tugi commands (they are for the support team)');
  const actor = { platform: 'slack' as const, userId: p.user_id };

  if (parsed.name === 'new') {
    const result = await deps.intake.openFromCommand({
      workspace: p.team_id,
      title: parsed.title,
      via: parsed.via,
      actor,
      channel: p.channel_id,
      invocationId: p.trigger_id,
    });
    const summary = toCaseSummary(result.case, deps.directory);
    return privately({ text: `Opened case ${summary.key}.`, blocks: caseCardBlocks(summary, { actions: false }) });
  }
  if (parsed.name === 'stale') {
    const { rows, scope } = await deps.attention.list({ workspace: p.team_id, actor });
    return privately(attentionBlocks(rows, scope));
  }
  if (parsed.name === 'report') {
    const report = await deps.reports.report({ actor, ...(parsed.period ? { period: parsed.period } : {}), ...(parsed.by ? { by: parsed.by } : {}) });
    if (report.chart) {
      // A file cannot be private in a channel: the chart goes to the asker's direct messages with tugi.
      await deps.reportFiles.sendChart({ to: { workspace: p.team_id, platform: 'slack', channel: p.user_id }, key: `report-chart:${p.trigger_id}`, chart: report.chart });
    }
    return privately(reportBlocks(report, (id) => deps.directory.displayName(id)));
  }
  if (parsed.name === 'mine') return privately(myCasesBlocks(await deps.attention.mine({ workspace: p.team_id, actor })));
  if (parsed.name === 'kb') {
    const results = await deps.knowledge.search(parsed.words);
    const linked = await Promise.all(
      results.map(async (result) => {
        const permalink = result.card ? await client.chat.getPermalink({ channel: result.card.channel, message_ts: result.card.messageId }).catch(() => undefined) : undefined;
        return { ...result, link: permalink?.permalink ?? null };
      }),
    );
    return privately(knowledgeBlocks(parsed.words, linked));
  }
  const found = await deps.cases.getByKey(p.team_id, parsed.caseKey);
  const ref = { workspace: p.team_id, caseId: String(found._id), actor };
  switch (parsed.name) {
    case 'tag': {
      const updated = await deps.cases.setTags(setTagsSchema.parse({ ...ref, add: parsed.add, remove: parsed.remove }));
      return privately({ text: `${updated.key} is tagged ${updated.tags.length ? updated.tags.join(', ') : '(no tags)'}.` });
    }
    case 'pull': {
      const updated = await deps.specialists.pull(ref);
      return privately({ text: `Pulling in specialists for ${updated.key}; who was asked is in the case thread.` });
    }
    case 'escalate': {
      const updated = await deps.escalation.escalate(ref);
      const agent = updated.assignee ? `<@${updated.assignee}>` : 'the managers (no agent is available)';
      return privately({ text: `${updated.key} is escalated to ${agent}.` });
    }
    case 'snooze': {
      const until = snoozeUntil(parsed.until, deps.clock.now(), deps.directory.teamMember(p.user_id)!.timeZone);
      const updated = await deps.cases.snooze(snoozeSchema.parse({ ...ref, until }));
      return privately({ text: `Nags about ${updated.key} are snoozed until <!date^${Math.floor(until.getTime() / 1000)}^{date_short_pretty} {time}|${until.toISOString()}>.` });
    }
    case 'resolve': {
      if (!parsed.inline) {
        await openResolveForm(deps, client, p.trigger_id, found);
        return privately({ text: `Resolving ${found.key}: fill in the form.` });
      }
      const input = resolveSchema.safeParse({ ...ref, ...parsed.inline });
      if (!input.success) throw new ValidationFailedError(input.error.issues.map((issue) => issue.message));
      const updated = await deps.resolutions.resolve(input.data);
      return privately({ text: `${updated.key} is resolved; the customer has the summary.` });
    }
    case 'reopen': {
      const updated = await deps.resolutions.reopen(ref);
      return privately({ text: `${updated.key} is reopened and back in progress.` });
    }
    case 'summary': {
      const asIs = caseCardBlocks({ ...toCaseSummary(found, deps.directory), similar: deps.knowledge.similarTo(found) }, { actions: false });
      const unavailable = deps.assist.unavailableFor(found);
      if (unavailable) return privately({ text: `${found.key}: ${found.title}`, blocks: [...asIs, { type: 'context', elements: [{ type: 'mrkdwn', text: noSummaryText(unavailable) }] }] });
      // Not awaited: the command's answer must come within 3 s, a model may take longer; the brief follows privately.
      const follow = async () => {
        const brief = await deps.assist.brief(found);
        const message = brief ? briefMessage({ kind: 'case.brief', caseKey: found.key, ...brief }) : { text: `No summary could be written for ${found.key} this time.`, blocks: asIs };
        await respond({ response_type: 'ephemeral', ...message });
      };
      void follow().catch((err: unknown) => deps.logger.warn({ err }, 'summary: no answer could be given'));
      return privately({ text: `:hourglass_flowing_sand: Summarising ${found.key} from its threads…` });
    }
    case 'case': {
      const summary = toCaseSummary(found, deps.directory);
      return privately({ text: `${summary.key}: ${summary.title}`, blocks: caseCardBlocks(summary) });
    }
  }
}

export function register(router: SlackRouter, setupCommand?: (args: never) => Promise<boolean>): void {
  router.command(command, tugiCommand, setupCommand);
}
