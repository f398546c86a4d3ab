import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startHarness, type Harness } from '../support/harness.js';
import { nextTs } from '../support/slack-requests.js';
import { fileConsentAnswer, personalMessage, personalSubmit, teamsIds } from '../support/teams-activities.js';
import { minutes, TestClock } from '../support/test-clock.js';

let h: Harness;
const clock = new TestClock();
const chat = 'a:1liis-personal-chat';
beforeAll(async () => {
  h = await startHarness({ clock });
});
afterAll(async () => {
  await h?.stop();
});

/** What tugi sent into the manager's 1:1 chat since `from` (an index into the recorded calls). */
const sentSince = (from: number) => h.connector.calls.slice(from).filter((call) => call.conversationId === chat && call.body.type === 'message').map((call) => call.body);
type Attachment = { contentType: string; contentUrl?: string; name?: string; content?: Record<string, unknown> };
const attachmentsOf = (body: Record<string, unknown>) => (body.attachments ?? []) as Attachment[];

describe('reports in Teams: the card, the chart and the CSV export by file consent', () => {
  it('answers a manager’s report with a card and the chart, and saves the CSV to their OneDrive once they accept', async () => {
    for (let i = 0; i < 3; i += 1) await h.customerMessage(`Teams report case ${i}`, { user: `U0TR${i}`, ts: nextTs(clock.now().getTime()) });
    await h.settle();
    clock.advance(minutes(4));
    await h.tugi.foldReports();
    const to = clock.now().toISOString().slice(0, 10);
    const from = DateTime.fromISO(to).minus({ days: 6 }).toISODate()!;
    const period = `${from}..${to}`;
    const as = (person: typeof teamsIds.liis, activity: (p: typeof teamsIds.liis) => object) => h.teams(activity(person));
    const say = (text: string) => (person: typeof teamsIds.liis) => personalMessage({ serviceUrl: h.connector.serviceUrl, conversationId: chat, from: person, text });

    let mark = h.connector.calls.length;
    expect(await as(teamsIds.liis, say(`report ${period}`))).toBe(200);
    const [cardMessage, chartMessage] = sentSince(mark);
    const card = attachmentsOf(cardMessage!)[0]!;
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(card.content)).toContain('**All cases** — 3 opened, 0 resolved');
    expect((card.content!.actions as Array<{ data: unknown }>)[0]!.data).toEqual({ tugi: 'report.export', period });
    const image = attachmentsOf(chartMessage!)[0]!;
    expect(image.contentType).toBe('image/png');
    expect(Buffer.from(image.contentUrl!.replace('data:image/png;base64,', ''), 'base64').subarray(0, 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    // Teams caps a bot message's size; the inline chart keeps well inside it.
    expect(JSON.stringify(chartMessage).length).toBeLessThan(28_000);

    // "Export CSV": Teams asks the manager where to save it first.
    mark = h.connector.calls.length;
    expect(await as(teamsIds.liis, (from) => personalSubmit({ serviceUrl: h.connector.serviceUrl, conversationId: chat, from, value: { tugi: 'report.export', period } }))).toBe(200);
    const consent = attachmentsOf(sentSince(mark)[0]!)[0]!;
    expect(consent).toMatchObject({
      contentType: 'application/vnd.microsoft.teams.card.file.consent',
      name: `tugi-cases-${from}_${to}.csv`,
      content: { acceptContext: { period }, declineContext: { period }, description: `The 3 cases behind the report for ${from} – ${to}, as CSV.` },
    });

    // Accepted: the file goes to the upload URL, whole, and the chat shows it.
    const name = consent.name!;
    mark = h.connector.calls.length;
    const accept = (person: typeof teamsIds.liis) => fileConsentAnswer({ serviceUrl: h.connector.serviceUrl, conversationId: chat, from: person, action: 'accept', context: { period }, uploadUrl: h.connector.uploadUrl(name), name });
    expect(await as(teamsIds.liis, accept)).toBe(200);
    // The invoke is answered at once; the file follows.
    const present = <T>(value: T | undefined): T => {
      expect(value).toBeDefined();
      return value!;
    };
    const uploaded = await eventually(() => present(h.connector.uploads.get(name)));
    const fileCard = await eventually(() => present(attachmentsOf(present(sentSince(mark)[0]))[0]));
    const csv = uploaded.bytes.toString('utf8');
    expect(csv.trim().split('\n')).toHaveLength(4);
    expect(csv).toContain('Teams report case 2');
    expect(uploaded.contentRange).toBe(`bytes 0-${uploaded.bytes.length - 1}/${uploaded.bytes.length}`);
    expect(Buffer.byteLength(csv)).toBe(consent.content!.sizeInBytes);
    expect(fileCard).toMatchObject({ contentType: 'application/vnd.microsoft.teams.card.file.info', name, content: { uniqueId: 'd3f1b2a0-unique', fileType: 'csv' } });

    // Refusals change nothing: an agent's forged acceptance, a decline, OneDrive saying no.
    h.connector.uploads.clear();
    mark = h.connector.calls.length;
    expect(await as(teamsIds.mari, (from) => fileConsentAnswer({ serviceUrl: h.connector.serviceUrl, conversationId: chat, from, action: 'accept', context: { period }, uploadUrl: h.connector.uploadUrl('forged.csv'), name: 'forged.csv' }))).toBe(200);
    expect(await as(teamsIds.liis, (from) => fileConsentAnswer({ serviceUrl: h.connector.serviceUrl, conversationId: chat, from, action: 'decline', context: { period } }))).toBe(200);
    h.connector.refuseNextUpload = 507;
    expect(await as(teamsIds.liis, accept)).toBe(200);
    await eventually(() => expect(sentSince(mark)).toHaveLength(3));
    expect(await as(teamsIds.mari, (from) => personalSubmit({ serviceUrl: h.connector.serviceUrl, conversationId: chat, from, value: { tugi: 'report.export', period } }))).toBe(200);
    expect(sentSince(mark).map((body) => body.text)).toEqual([
      'You are not allowed to see reports (managers can).',
      'The export was not saved.',
      'OneDrive did not take the file (HTTP 507); nothing was saved. Press Export CSV to try again.',
      'You are not allowed to see reports (managers can).',
    ]);
    expect(h.connector.uploads.size).toBe(0);
  });
});
