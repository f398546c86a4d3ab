import { demo, type Persona } from './demo-workspace.js';
import type { FakeBotConnector } from './fake-bot-connector.js';
import { SandboxInputError } from './slack-driver.js';
import { postActivity, teamsActivities, type TeamsPerson } from './teams-activities.js';
import type { TeamsWorld } from './teams-world.js';

/** A person's 1:1 chat with tugi (Teams names them `a:` and an opaque id). */
export const personalChat = (aadObjectId: string) => `a:1-${aadObjectId}`;

/**
 * Does in the simulated Teams what a person does in the real one, and tells tugi the way the Bot
 * Connector does: every action is a Bot Framework activity posted to tugi's /api/messages.
 */
export class TeamsDriver {
  private readonly activities;

  constructor(
    private readonly connector: FakeBotConnector,
    private readonly world: TeamsWorld,
    private readonly tugiUrl: () => string,
    now: () => Date,
  ) {
    this.activities = teamsActivities({ tenant: demo.teams.tenant, team: demo.teams.team, bot: demo.teams.bot, now });
  }

  /** Adding the app to the team, as its installer does first: tugi learns where the specialist channel is. */
  async install(installer: Persona): Promise<number> {
    return this.deliver(this.activities.installedInTeam({ serviceUrl: this.connector.serviceUrl, channel: demo.teams.specialists, from: person(installer) }));
  }

  /** A message in a channel (a new thread, or a reply when `rootId` is given), or in the person's 1:1 chat. */
  async post(who: Persona, input: { conversation: string; text: string; rootId?: string }): Promise<number> {
    const from = person(who);
    if (input.conversation === personalChat(from.aadObjectId)) {
      const activity = this.activities.personalMessage({ serviceUrl: this.connector.serviceUrl, conversationId: input.conversation, from, text: input.text });
      this.world.put({ conversation: input.conversation, id: activity.id, from, text: input.text });
      return this.deliver(activity);
    }
    const activity = this.activities.channelMessage({ serviceUrl: this.connector.serviceUrl, channel: this.channel(input.conversation), from, text: input.text, ...(input.rootId ? { rootId: input.rootId } : {}) });
    this.world.put({ conversation: input.conversation, id: activity.id, ...(input.rootId ? { rootId: input.rootId } : {}), from, text: input.text });
    return this.deliver(activity);
  }

  async edit(who: Persona, input: { conversation: string; id: string; text: string }): Promise<number> {
    const old = this.ownMessage(who, input);
    this.world.put({ ...old, text: input.text, edited: true });
    return this.deliver(this.activities.messageEdited({ ...this.where(who, old.conversation, old.rootId), id: old.id, text: input.text }));
  }

  async remove(who: Persona, input: { conversation: string; id: string }): Promise<number> {
    const old = this.ownMessage(who, input);
    this.world.put({ ...old, text: '', deleted: true });
    return this.deliver(this.activities.messageDeleted({ ...this.where(who, old.conversation, old.rootId), id: old.id }));
  }

  /** An Action.Submit on one of tugi's cards: its data arrives as the activity's `value`. */
  async submit(who: Persona, input: { conversation: string; rootId?: string; value: object }): Promise<number> {
    const from = person(who);
    if (input.conversation === personalChat(from.aadObjectId)) {
      return this.deliver(this.activities.personalSubmit({ serviceUrl: this.connector.serviceUrl, conversationId: input.conversation, from, value: input.value }));
    }
    return this.deliver(this.activities.cardSubmit({ ...this.where(who, input.conversation, input.rootId), value: input.value }));
  }

  /** Accept or Decline on a file consent card; on accept Teams hands tugi an upload URL (here, the fake's stand-in for OneDrive). */
  async consent(who: Persona, input: { conversation: string; action: 'accept' | 'decline'; context: object; name: string }): Promise<number> {
    const from = person(who);
    return this.deliver(
      this.activities.fileConsentAnswer({
        serviceUrl: this.connector.serviceUrl,
        conversationId: input.conversation,
        from,
        action: input.action,
        context: input.context,
        ...(input.action === 'accept' ? { uploadUrl: this.connector.uploadUrl(input.name), name: input.name } : {}),
      }),
    );
  }

  private where(who: Persona, conversation: string, rootId?: string) {
    return { serviceUrl: this.connector.serviceUrl, channel: this.channel(conversation), from: person(who), ...(rootId ? { rootId } : {}) };
  }

  private channel(conversation: string): string {
    if (conversation !== demo.teams.specialists) throw new SandboxInputError('That Teams conversation is not in the sandbox.');
    return conversation;
  }

  private ownMessage(who: Persona, input: { conversation: string; id: string }) {
    const message = this.world.get(input.conversation, input.id);
    if (!message || message.from.aadObjectId !== person(who).aadObjectId || message.deleted) throw new SandboxInputError('You can only change your own messages.');
    return message;
  }

  private async deliver(activity: object): Promise<number> {
    return (await postActivity(this.tugiUrl(), activity)).status;
  }
}

function person(who: Persona): TeamsPerson {
  if (!who.teams) throw new SandboxInputError(`${who.name} does not use Teams in the sandbox.`);
  return who.teams;
}
