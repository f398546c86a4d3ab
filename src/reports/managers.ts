import type { Actor } from '../cases/case.schema.js';
import { NotAllowedError } from '../errors.js';
import type { Directory } from '../people/directory.js';

/** Reports and their exports are for managers only: anyone else is refused, privately. */
export function requireManager(directory: Directory, actor: Actor): void {
  const person = actor.platform === 'slack' ? directory.teamMember(actor.userId) : directory.teamsMember(actor.userId);
  if (!person?.roles.includes('manager')) throw new NotAllowedError('see reports (managers can)');
}
