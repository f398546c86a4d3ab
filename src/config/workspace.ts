import { z } from 'zod';
import { crossCheck } from './cross-checks.js';
import { weekdays } from './time.js';
import { calendarSchema, nagsSchema, priorities, slaOverrides, slaTarget } from './sla.js';
import { personSchema, skillTag } from './people.js';

export const languages = ['en', 'et'] as const;
export type Language = (typeof languages)[number];

export { priorities, type Priority } from './sla.js';

const slackChannelId = z.string().regex(/^[CGD][A-Z0-9]{2,}$/, 'must be a Slack channel id such as C0123ABCD');
/** A Teams channel's conversation id, as Teams shows in "Get link to channel" (URL-decoded). */
const teamsChannelId = z.string().regex(/^19:[^\s;]+@thread\.[a-z0-9]+$/, 'must be a Teams channel id such as 19:abc…@thread.tacv2');

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
  /** Teams channels shared with this customer: an @mention of the bot there opens a case. */
  teamsChannels: z.array(z.object({ id: teamsChannelId })).default([]),
  /** Customers' Azure AD tenants: their 1:1 chats with the bot belong to this account. */
  teamsTenants: z.array(z.string().min(1)).default([]),
  /** This account's business calendar (default: sla.calendar) and its own SLA targets. */
  calendar: z.string().optional(),
  sla: slaOverrides,
  /** false: nothing of this account's cases is sent to the model provider (no drafts for them). */
  ai: z.boolean().default(true),
});

/** A skill tag: who to ask when nobody with it is available, and how many to pull in. */
const skillSchema = z.object({
  tag: skillTag,
  description: z.string().max(200).optional(),
  /** How many specialists a pull asks for this tag (overrides routing.specialistsPerTag). */
  specialistsPerPull: z.number().int().min(1).max(20).optional(),
  fallback: z
    .object({ people: z.array(z.string()).default([]), slackChannel: slackChannelId.optional() })
    .optional(),
});

/** Words in a new case's text that suggest tags and a priority; the agent confirms or edits. */
const keywordRuleSchema = z.object({
  keywords: z.array(z.string().trim().min(2).toLowerCase()).min(1),
  tags: z.array(skillTag).default([]),
  priority: z.enum(priorities).optional(),
});

const sevenDays = { minutes: 7 * 24 * 60, business: false };

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
    skills: z.array(skillSchema).default([]),
    rules: z.array(keywordRuleSchema).default([]),
    routing: z
      .object({
        specialistsPerTag: z.number().int().min(1).max(20).default(1),
        /** A P1 pages everyone available on the tag, not just the least loaded. */
        everyoneOnP1: z.boolean().default(true),
      })
      .default({ specialistsPerTag: 1, everyoneOnP1: true }),
    calendars: z.array(calendarSchema).default([]),
    nags: nagsSchema,
    reports: z
      .object({
        /** The week's report, posted to the manager channel once a week (team's time zone). */
        digest: z
          .object({
            enabled: z.boolean().default(true),
            weekday: z.enum(weekdays).default('mon'),
            time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 09:00').default('09:00'),
          })
          .default({ enabled: true, weekday: 'mon', time: '09:00' }),
      })
      .default({ digest: { enabled: true, weekday: 'mon', time: '09:00' } }),
    resolution: z
      .object({
        /** A resolved case closes this long after its resolution (answers are taken until then). */
        closeAfter: slaTarget.optional(),
        /** A customer writing in the thread this soon after the resolution is asked whether to reopen. */
        reopenWindow: slaTarget.optional(),
      })
      .default({})
      .transform((given) => ({ closeAfter: given.closeAfter ?? sevenDays, reopenWindow: given.reopenWindow ?? sevenDays })),
    sla: z
      .object({
        /** The calendar business-time targets count in, unless an account names its own. */
        calendar: z.string().optional(),
        /** Targets per priority, replacing the defaults (P1 30 minutes / 4 hours … P4 1 / 3 business days). */
        policies: slaOverrides,
      })
      .default({ policies: {} }),
    teams: z
      .object({
        /** Your organisation's tenant; activities from other tenants must be customers' (teamsTenants). */
        tenantId: z.string().min(1).optional(),
        /** Where specialist threads are started (a channel of your internal team). */
        specialistChannel: teamsChannelId.optional(),
      })
      .default({}),
  })
  .superRefine(crossCheck);

export type WorkspaceConfig = z.infer<typeof workspaceConfigSchema>;
export type AccountConfig = WorkspaceConfig['accounts'][number];
export type CustomerChannelConfig = AccountConfig['channels'][number];
export type { PersonConfig } from './people.js';
export { roles, type Role } from './people.js';
export type SkillConfig = WorkspaceConfig['skills'][number];
