import type { AccountConfig, CustomerChannelConfig, PersonConfig, WorkspaceConfig } from '../config/workspace.js';

export interface CustomerChannel {
  account: AccountConfig;
  channel: CustomerChannelConfig;
}

/** Read-only lookups over the config file: who is on the team, which channel is whose. */
export class Directory {
  private readonly peopleBySlackId = new Map<string, PersonConfig>();
  private readonly customerChannels = new Map<string, CustomerChannel>();

  constructor(readonly config: WorkspaceConfig) {
    for (const person of config.people) if (person.slackUserId) this.peopleBySlackId.set(person.slackUserId, person);
    for (const account of config.accounts) {
      for (const channel of account.channels) this.customerChannels.set(channel.id, { account, channel });
    }
  }

  get workspace(): string {
    return this.config.workspace.slackTeamId;
  }

  get triageChannel(): string {
    return this.config.workspace.triageChannel;
  }

  /** A member of the support team (any role); their messages are replies, not new cases. */
  teamMember(slackUserId: string): PersonConfig | undefined {
    return this.peopleBySlackId.get(slackUserId);
  }

  customerChannel(channelId: string): CustomerChannel | undefined {
    return this.customerChannels.get(channelId);
  }

  isCustomerChannel = (channelId: string): boolean => this.customerChannels.has(channelId);

  account(id: string | null | undefined): AccountConfig | undefined {
    return id ? this.config.accounts.find((account) => account.id === id) : undefined;
  }
}
