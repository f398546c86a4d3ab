import { z } from 'zod';
import { snoozeChoices } from '../../src/sla/snooze.js';

const caseId = z.string().regex(/^[a-f0-9]{24}$/);
const text = z.string().max(10_000).optional();

/**
 * What tugi's card buttons send back (Action.Submit data, with the card's inputs merged in);
 * anything else is dropped at the edge. Field contents are checked by the services.
 */
export const cardSubmitSchema = z.discriminatedUnion('tugi', [
  z.object({ tugi: z.literal('case.snooze'), caseId, choice: z.enum(snoozeChoices) }),
  z.object({ tugi: z.literal('case.answer'), caseId, verdict: z.enum(['solved', 'still_broken']).optional(), rating: z.union([z.string(), z.number()]).optional() }),
  z.object({ tugi: z.literal('case.resolve'), caseId, cause: text, fix: text, note: text }),
  // "Resolve with a draft": the form, its cause and fix drafted by the model, answered in the thread.
  z.object({ tugi: z.literal('case.draft-resolution'), caseId }),
  // On a report card: the cases behind it as a CSV (the period as `from..to`; the service checks it).
  z.object({ tugi: z.literal('report.export'), period: z.string().max(40) }),
]);
export type CardSubmit = z.infer<typeof cardSubmitSchema>;

/**
 * The fields tugi uses from a Bot Framework activity, parsed at the edge; everything else is
 * dropped (the inbox stores this, and raw payloads may carry keys MongoDB refuses).
 */
export const activitySchema = z.object({
  type: z.string(),
  id: z.string().optional(),
  // botbuilder has already turned it into a Date; the inbox stores the ISO text.
  timestamp: z
    .union([z.string(), z.date()])
    .transform((value) => (typeof value === 'string' ? value : value.toISOString()))
    .optional(),
  serviceUrl: z.string().url(),
  channelId: z.string(),
  from: z.object({ id: z.string(), name: z.string().optional(), aadObjectId: z.string().optional() }),
  recipient: z.object({ id: z.string(), name: z.string().optional() }),
  conversation: z.object({
    id: z.string(),
    conversationType: z.enum(['channel', 'personal', 'groupChat']).optional(),
    tenantId: z.string().optional(),
  }),
  text: z.string().optional(),
  // A button press on one of tugi's cards; anything else in `value` is not tugi's and is ignored.
  value: cardSubmitSchema.optional().catch(undefined),
  replyToId: z.string().optional(),
  entities: z.array(z.object({ type: z.string(), mentioned: z.object({ id: z.string() }).optional() })).optional(),
  attachments: z.array(z.object({ contentType: z.string(), contentUrl: z.string().optional(), name: z.string().optional() })).optional(),
  membersAdded: z.array(z.object({ id: z.string() })).optional(),
  membersRemoved: z.array(z.object({ id: z.string() })).optional(),
  channelData: z
    .object({
      eventType: z.string().optional(),
      tenant: z.object({ id: z.string() }).optional(),
      team: z.object({ id: z.string() }).optional(),
      channel: z.object({ id: z.string() }).optional(),
    })
    
    .optional(),
});

export type Activity = z.infer<typeof activitySchema>;

/** Where a channel message sits: the channel's conversation id and its thread's first message. */
export function threadOf(activity: Activity): { channel: string; rootId: string | null } {
  const [channel = activity.conversation.id, ...params] = activity.conversation.id.split(';');
  const messageId = params.find((p) => p.startsWith('messageid='))?.slice('messageid='.length);
  return { channel, rootId: messageId ?? activity.replyToId ?? null };
}

export const conversationTypeOf = (activity: Activity) => activity.conversation.conversationType ?? 'personal';

export const tenantOf = (activity: Activity) => activity.conversation.tenantId ?? activity.channelData?.tenant?.id;

export const mentionsBot = (activity: Activity) =>
  (activity.entities ?? []).some((entity) => entity.type === 'mention' && entity.mentioned?.id === activity.recipient.id);

/** Teams sends HTML; tugi stores and mirrors plain text, without the @mention of itself. */
export function plainText(activity: Activity): string {
  const botName = activity.recipient.name;
  let text = activity.text ?? '';
  if (botName) text = text.split(`<at>${botName}</at>`).join('');
  return decodeEntities(
    text
      .replace(/<at>(.*?)<\/at>/g, '@$1')
      .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, '\n')
      .replace(/<[^>]+>/g, ''),
  ).trim();
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, code: string) => {
    if (code.startsWith('#x') || code.startsWith('#X')) return String.fromCodePoint(parseInt(code.slice(2), 16));
    if (code.startsWith('#')) return String.fromCodePoint(Number(code.slice(1)));
    return named[code.toLowerCase()] ?? whole;
  });
}

/** Files travel as links: Teams file attachments carry a SharePoint/OneDrive URL. */
export function filesOf(activity: Activity): { name: string; url: string }[] {
  return (activity.attachments ?? []).flatMap((attachment) => {
    if (!attachment.contentUrl || attachment.contentType.startsWith('application/vnd.microsoft.card')) return [];
    return [{ name: attachment.name ?? 'file', url: attachment.contentUrl }];
  });
}
