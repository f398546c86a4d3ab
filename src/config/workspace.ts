import { z } from 'zod';

export const languages = ['en', 'et'] as const;
export type Language = (typeof languages)[number];

export const roles = ['consultant', 'agent', 'specialist', 'manager', 'admin'] as const;
export type Role = (typeof roles)[number];

export const priorities = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof priorities)[number];

const slackChannelId = z.string().regex(/^[CGD][A-Z0-9]{2,}$/, 'must be a Slack channel id such as C0123ABCD');
const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id such as U0123ABCD');

/** Which intake triggers a customer channel accepts. */
const customerChannelSchema = z.object({
  id: slackChannelId,
  autoCapture: z.boolean().default(true),
  reaction: z.boolean().default(true),
  shortcut: z.boolean().default(true),
});

const accountSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes'),
  name: z.string().min(1),
  language: z.enum(languages).default('en'),
  defaultPriority: z.enum(priorities).default('P3'),
  channels: z.array(customerChannelSchema).default([]),
});

const personSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  roles: z.array(z.enum(roles)).min(1),
  slackUserId: slackUserId.optional(),
});

export const workspaceConfigSchema = z
  .object({
    workspace: z.object({
      slackTeamId: z.string().regex(/^T[A-Z0-9]{2,}$/, 'must be a Slack team id such as T0123ABCD'),
      triageChannel: slackChannelId,
      managerChannel: slackChannelId,
    }),
    intake: z
      .object({
        groupingWindowMinutes: z.number().int().min(0).max(24 * 60).default(10),
        /** The 🎫 reaction and the shortcut also work outside customer channels (no account then). */
        anyChannel: z.boolean().default(true),
      })
      .default({ groupingWindowMinutes: 10, anyChannel: true }),
    accounts: z.array(accountSchema).default([]),
    people: z.array(personSchema).default([]),
  })
  .superRefine((config, ctx) => {
    const seen = new Map<string, string>();
    config.accounts.forEach((account, a) =>
      account.channels.forEach((channel, c) => {
        const owner = seen.get(channel.id);
        if (owner) {
          ctx.addIssue({
            code: 'custom',
            path: ['accounts', a, 'channels', c, 'id'],
            message: `channel ${channel.id} is already mapped to account ${owner}`,
          });
        }
        seen.set(channel.id, account.id);
      }),
    );
    const internal = [config.workspace.triageChannel, config.workspace.managerChannel];
    for (const id of internal) {
      if (seen.has(id)) {
        ctx.addIssue({ code: 'custom', path: ['workspace'], message: `internal channel ${id} is also a customer channel` });
      }
    }
    const users = new Set<string>();
    config.people.forEach((person, p) => {
      if (person.slackUserId && users.has(person.slackUserId)) {
        ctx.addIssue({ code: 'custom', path: ['people', p, 'slackUserId'], message: `${person.name}: duplicate Slack user id` });
      }
      if (person.slackUserId) users.add(person.slackUserId);
    });
  });

export type WorkspaceConfig = z.infer<typeof workspaceConfigSchema>;
export type AccountConfig = WorkspaceConfig['accounts'][number];
export type CustomerChannelConfig = AccountConfig['channels'][number];
export type PersonConfig = WorkspaceConfig['people'][number];
