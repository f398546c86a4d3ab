import type { SlackRouter } from '../../router.js';
import { register as registerCaseActions } from './case-actions.js';
import { register as registerReplyActions } from './reply-actions.js';
import { register as registerReportActions } from './report-actions.js';
import { register as registerResolutionActions } from './resolution-actions.js';

export function register(router: SlackRouter): void {
  registerCaseActions(router);
  registerResolutionActions(router);
  registerReplyActions(router);
  registerReportActions(router);
}
