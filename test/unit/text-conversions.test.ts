import { describe, expect, it } from 'vitest';
import { plainFromSlack } from '../../adapters/slack/intake/plain-text.js';
import { activitySchema, filesOf, mentionsBot, plainText, threadOf } from '../../adapters/teams/activity.js';
import { moreUrgent, suggestFromText } from '../../src/cases/keyword-rules.js';

describe('Slack text for Teams', () => {
  const names: Record<string, string> = { U0ANN: 'Ann' };
  it.each([
    ['Thanks <@U0ANN>!', 'Thanks @Ann!'],
    ['ping <@U0NOBODY>', 'ping @U0NOBODY'],
    ['see <#C0TRIAGE|triage>', 'see #triage'],
    ['<!here> look', '@here look'],
    ['<https://status.example.com|status page> and <https://x.example>', 'status page (https://status.example.com) and https://x.example'],
    ['a &lt;b&gt; &amp; c', 'a <b> & c'],
  ])('%s → %s', (slack, plain) => {
    expect(plainFromSlack(slack, (id) => names[id])).toBe(plain);
  });
});

describe('Teams activities', () => {
  const base = {
    type: 'message',
    id: '1700000000002',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    channelId: 'msteams',
    from: { id: '29:x', name: 'Ann' },
    recipient: { id: '28:bot', name: 'tugi' },
    conversation: { id: '19:abc@thread.tacv2;messageid=1700000000001', conversationType: 'channel' },
  };

  it('finds the channel and the thread a reply is in, and the thread a new post starts', () => {
    expect(threadOf(activitySchema.parse(base))).toEqual({ channel: '19:abc@thread.tacv2', rootId: '1700000000001' });
    const chat = activitySchema.parse({ ...base, conversation: { id: 'a:1chat', conversationType: 'personal' } });
    expect(threadOf(chat)).toEqual({ channel: 'a:1chat', rootId: null });
  });

  it('turns Teams HTML into plain text without the bot’s own mention', () => {
    const activity = activitySchema.parse({
      ...base,
      text: '<p><at>tugi</at> the <b>VPN</b> &amp; DNS fail</p><p>since <at>Tom</at>&#39;s change&nbsp;today</p>',
      entities: [{ type: 'mention', mentioned: { id: '28:bot' } }],
    });
    expect(plainText(activity)).toBe("the VPN & DNS fail\nsince @Tom's change today");
    expect(mentionsBot(activity)).toBe(true);
    expect(mentionsBot(activitySchema.parse({ ...base, entities: [{ type: 'mention', mentioned: { id: '29:other' } }] }))).toBe(false);
  });

  it('keeps file links and drops cards; drops fields tugi does not use', () => {
    const activity = activitySchema.parse({
      ...base,
      attachments: [
        { contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'trace.pcap', contentUrl: 'https://contoso.sharepoint.com/trace.pcap', content: { $odd: 1 } },
        { contentType: 'application/vnd.microsoft.card.adaptive', content: { $schema: 'x' } },
      ],
      localTimezone: 'Europe/Tallinn',
    });
    expect(filesOf(activity)).toEqual([{ name: 'trace.pcap', url: 'https://contoso.sharepoint.com/trace.pcap' }]);
    expect(JSON.stringify(activity)).not.toContain('$');
  });
});

describe('keyword rules', () => {
  const rules = [
    { keywords: ['vpn', 'firewall'], tags: ['network'] },
    { keywords: ['down for everyone'], tags: [], priority: 'P1' as const },
    { keywords: ['invoice'], tags: ['billing'], priority: 'P3' as const },
  ];
  it.each([
    ['The VPN keeps dropping', ['network'], undefined],
    ['vpnclient crashed', [], undefined], // whole words only
    ['Site is DOWN for everyone!', [], 'P1'],
    ['Invoice missing, firewall blocks the portal, down for everyone', ['billing', 'network'], 'P1'],
  ])('%s', (text, tags, priority) => {
    const suggestion = suggestFromText(text, rules);
    expect(suggestion.tags.sort()).toEqual(tags);
    expect(suggestion.priority).toBe(priority);
  });
  it('takes the more urgent of the account default and the rule', () => {
    expect(moreUrgent('P3', 'P1')).toBe('P1');
    expect(moreUrgent('P2', 'P4')).toBe('P2');
    expect(moreUrgent('P2', undefined)).toBe('P2');
  });
});
