import type { CaseService } from '../cases/case.service.js';
import type { Logger } from '../logger.js';
import type { Outbox } from '../outbox/outbox.js';
import type { Directory } from '../people/directory.js';
import { cardKey } from '../specialists/specialist.notifications.js';
import type { CaseDocument } from '../storage/models/index.js';
import type { CaseAssist } from './case-assist.js';

/**
 * The drafts tugi offers unasked: a triage suggestion on a new case's card, and a brief of the
 * case for the specialists just pulled in. Both run after the change that causes them, never
 * holding it up (a model may take seconds); a draft lost to a restart is only a suggestion not
 * made, and both are keyed, so a replay or another replica does not make them twice.
 */
export class AssistFollowUps {
  constructor(private readonly deps: { assist: CaseAssist; cases: CaseService; outbox: Outbox; directory: Directory; logger: Logger }) {}

  caseOpened(doc: CaseDocument): void {
    this.detached('triage suggestion', async () => {
      const suggestion = await this.deps.assist.triage(doc);
      if (suggestion) await this.deps.cases.suggest({ workspace: doc.workspace, caseId: String(doc._id) }, suggestion);
    });
  }

  /** In the Teams specialist thread when there is one, else under the triage card (where Slack specialists are asked). */
  specialistsPulled(doc: CaseDocument): void {
    this.detached('specialist brief', async () => {
      const brief = await this.deps.assist.brief(doc, { unasked: true });
      if (!brief) return;
      const thread = doc.specialistThread;
      const where = thread ? { platform: 'teams' as const, channel: thread.channel, threadOfKey: thread.rootKey } : { platform: 'slack' as const, channel: this.deps.directory.triageChannel, threadOfKey: cardKey(doc) };
      await this.deps.outbox.enqueue([{ workspace: doc.workspace, key: `case:${doc._id}:brief:v${doc.version}`, ...where, view: { kind: 'case.brief', caseKey: doc.key, ...brief } }]);
    });
  }

  private detached(what: string, work: () => Promise<void>): void {
    void work().catch((err: unknown) => this.deps.logger.warn({ err }, `assist: the ${what} was not made`));
  }
}
