import type { AccountConfig, CustomerChannelConfig, PersonConfig, WorkspaceConfig } from '../config/workspace.js';

export interface CustomerChannel {
  account: AccountConfig;
  channel: CustomerChannelConfig;
}

/** Read-only lookups over one workspace's settings: who is on the team, which channel is whose. */
export class Directory {
  private readonly peopleById = new Map<string, PersonConfig>();
  private readonly peopleBySlackId = new Map<string, PersonConfig>();
  private readonly peopleByAadId = new Map<string, PersonConfig>();
  private readonly customerChannels = new Map<string, CustomerChannel>();
  private readonly teamsCustomerChannels = new Map<string, AccountConfig>();
  private readonly internalChannels: Set<string>;

  constructor(readonly config: WorkspaceConfig) {
    for (const person of config.people) {
      this.peopleById.set(person.id, person);
      if (person.slackUserId) this.peopleBySlackId.set(person.slackUserId, person);
      if (person.teams) this.peopleByAadId.set(person.teams.aadObjectId.toLowerCase(), person);
    }
    for (const account of config.accounts) {
      for (const channel of account.channels) this.customerChannels.set(channel.id, { account, channel });
      for (const channel of account.teamsChannels) this.teamsCustomerChannels.set(channel.id, account);
    }
    const { triageChannel, managerChannel } = config.workspace;
    this.internalChannels = new Set(
      [triageChannel, managerChannel, config.teams.specialistChannel, ...config.skills.map((skill) => skill.fallback?.slackChannel)].filter(
        (id): id is string => Boolean(id),
      ),
    );
  }

  get workspace(): string {
    return this.config.workspace.slackTeamId;
  }

  get triageChannel(): string {
    return this.config.workspace.triageChannel;
  }

  get managerChannel(): string {
    return this.config.workspace.managerChannel;
  }

  get people(): PersonConfig[] {
    return this.config.people;
  }

  get tags(): string[] {
    return this.config.skills.map((skill) => skill.tag);
  }

  /** A member of the support team (any role); their messages are replies, not new cases. */
  teamMember(slackUserId: string): PersonConfig | undefined {
    return this.peopleBySlackId.get(slackUserId);
  }

  /** A member of the support team by their Teams (Azure AD) object id. */
  teamsMember(aadObjectId: string | undefined): PersonConfig | undefined {
    return aadObjectId ? this.peopleByAadId.get(aadObjectId.toLowerCase()) : undefined;
  }

  person(id: string): PersonConfig | undefined {
    return this.peopleById.get(id);
  }

  /** A person's name from their Slack user id or person id (reports name assignees and specialists by these), else the id. */
  displayName(id: string): string {
    return this.teamMember(id)?.name ?? this.person(id)?.name ?? id;
  }

  customerChannel(channelId: string): CustomerChannel | undefined {
    return this.customerChannels.get(channelId);
  }

  /** The account a Teams channel is shared with, if it is a customer channel. */
  teamsCustomerChannel(conversationId: string): AccountConfig | undefined {
    return this.teamsCustomerChannels.get(conversationId);
  }

  /** The account whose Azure AD tenant a 1:1 chat comes from. */
  accountOfTenant(tenantId: string | undefined): AccountConfig | undefined {
    return tenantId ? this.config.accounts.find((account) => account.teamsTenants.includes(tenantId)) : undefined;
  }

  isCustomerChannel = (channelId: string): boolean => this.customerChannels.has(channelId) || this.teamsCustomerChannels.has(channelId);

  /**
   * Channels only the support team is in, the only places internal content may go: the team's own
   * channels, and a team member's direct messages with tugi (addressed by their Slack user id).
   */
  isInternalChannel = (channelId: string): boolean => this.internalChannels.has(channelId) || this.peopleBySlackId.has(channelId);

  account(id: string | null | undefined): AccountConfig | undefined {
    return id ? this.config.accounts.find((account) => account.id === id) : undefined;
  }
}
