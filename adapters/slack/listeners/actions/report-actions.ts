import type { RespondFn } from '@slack/bolt';
import type { SlackRouter } from '../../router.js';
import { asCodedError } from '../../../../src/errors.js';
import { userMessage } from '../../../../src/messages/index.js';
import type { SlackDeps } from '../../deps.js';
import { actionIds } from '../../ids.js';
import { blockActionSchema } from '../../payloads.js';

type ActionArgs = { body: unknown; ack: () => Promise<void>; respond: RespondFn };

/**
 * "Export CSV" on a report: acknowledge at once, then build the file (managers only) and send it
 * to the asker's direct messages with tugi — a file cannot be private in a channel.
 */
export function exportReport(deps: SlackDeps) {
  return async ({ body, ack, respond }: ActionArgs): Promise<void> => {
    await ack();
    const privately = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    const parsed = blockActionSchema.safeParse(body);
    const action = parsed.data?.actions[0];
    if (!parsed.success || parsed.data.team?.id !== deps.directory.workspace || !action?.value) {
      await privately('That button was not understood; nothing was sent.');
      return;
    }
    const user = parsed.data.user.id;
    try {
      const csv = await deps.reportFiles.sendCsv({
        actor: { platform: 'slack', userId: user },
        period: action.value,
        to: { workspace: deps.directory.workspace, platform: 'slack', channel: user },
        key: `report-csv:${user}:${action.action_ts ?? parsed.data.trigger_id ?? action.value}`,
      });
      const cut = csv.rows < csv.total ? ` (the first ${csv.rows} of ${csv.total}; export a shorter period for the rest)` : '';
      await privately(`The CSV of the ${csv.rows} cases behind the report${cut} is on its way to your direct messages with tugi.`);
    } catch (error) {
      if (!asCodedError(error)) deps.logger.error({ err: error }, 'report export failed');
      await privately(userMessage(error));
    }
  };
}

export function register(router: SlackRouter): void {
  router.action(actionIds.exportReport, exportReport);
}
