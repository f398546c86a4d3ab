import { ids } from '../fixtures/config.js';
import type { Harness } from './harness.js';

let clicks = 0;

/** Clicks a case card action as a Slack user would (a signed block_actions request). */
export function clickCardAction(h: Harness, caseId: string, actionId: string, extra: Record<string, unknown> = {}, user = ids.agent) {
  clicks += 1;
  const id = `click-${clicks}`;
  return h
    .interaction({
      type: 'block_actions',
      team: { id: ids.team },
      user: { id: user },
      trigger_id: id,
      response_url: h.slack.responseUrl(id),
      container: { type: 'message', channel_id: ids.triage },
      actions: [{ action_id: actionId, block_id: `case:${caseId}`, type: 'button', ...extra }],
    })
    .then((response) => ({ response, responsePath: `/respond/${id}` }));
}

export const select = (value: string) => ({ type: 'static_select', selected_option: { value } });
