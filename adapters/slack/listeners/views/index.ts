import type { SlackRouter } from '../../router.js';
import { register as registerReplyForm } from './reply-form.js';
import { register as registerResolveForm } from './resolve-form.js';

export function register(router: SlackRouter): void {
  registerResolveForm(router);
  registerReplyForm(router);
}
