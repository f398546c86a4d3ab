import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { register as registerCaseActions } from './case-actions.js';
import { register as registerReportActions } from './report-actions.js';
import { register as registerResolutionActions } from './resolution-actions.js';

export function register(app: App, deps: SlackDeps): void {
  registerCaseActions(app, deps);
  registerResolutionActions(app, deps);
  registerReportActions(app, deps);
}
