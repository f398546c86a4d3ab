import type { App } from '@slack/bolt';
import type { SlackShared } from '../deps.js';

export function register(_app: App, _shared: SlackShared): void {}
