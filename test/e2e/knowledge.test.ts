import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids } from '../fixtures/config.js';
import { clickCardAction, select } from '../support/card-actions.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

async function openCase(text: string, user: string) {
  const { ts } = await h.customerMessage(text, { user });
  await h.settle();
  return (await h.tugi.models.cases.findOne({ sourceKey: `${ids.acme}:${ts}` }).lean())!;
}

async function resolved(text: string, user: string, cause: string, fix: string) {
  const c = await openCase(text, user);
  await clickCardAction(h, String(c._id), 'case.set_status', select('in_progress'));
  const answer = (await h.command(`resolve ${c.key} cause: ${cause} fix: ${fix}`)).json();
  expect(answer.text).toContain('is resolved');
  return c;
}

const kb = async (words: string) => JSON.stringify((await h.command(`kb ${words}`)).json());
const cardOf = (key: string) => h.slack.posts(ids.triage).filter((p) => String(p.args.text).startsWith(`${key}:`) && p.args.thread_ts === undefined)[0]!;

describe('knowledge search over resolved cases', () => {
  it('finds resolved cases by title, tags, cause and fix (typos too), links to their cards, and suggests them on new cases', async () => {
    const vpn = await resolved('VPN drops every hour', 'U0KB1', 'A firmware update on the gateway had a bug.', 'Rolled the gateway back to the previous firmware.');
    const printer = await resolved('Printer prints blank pages', 'U0KB2', 'The toner cartridge was empty.', 'Replaced the toner.');
    await resolved('Invoices export times out', 'U0KB3', 'The export query scanned every invoice.', 'Added an index on the invoice date.');

    const vpnResults = await kb('gateway firmware');
    expect(vpnResults).toContain(`*<https://tugi-test.slack.com/archives/${ids.triage}/p`);
    expect(vpnResults).toContain(`|${vpn.key}>* VPN drops every hour`);
    expect(vpnResults).not.toContain(printer.key);
    // Typos and word beginnings still find it; the best match comes first.
    expect(await kb('firmwre')).toContain(vpn.key);
    const toner = JSON.parse(await kb('toner blank')) as { blocks: Array<{ text?: { text: string } }> };
    expect(toner.blocks[1]!.text!.text).toContain(printer.key);
    expect(await kb('quantum entanglement')).toContain('No resolved cases match');
    expect((await h.command('kb')).json().text).toContain('Say what to look for');

    // A new case like an old one shows it on its triage card.
    const again = await openCase('Our VPN drops again since the firmware update', 'U0KB4');
    expect(JSON.stringify(cardOf(again.key).args.blocks)).toContain(`Similar resolved cases\\n• *${vpn.key}* VPN drops every hour — _fix:_ Rolled the gateway back`);
  });

  it('stays in step: a reopened case drops out, its new resolution comes back, and another replica (a restart) finds the same', async () => {
    const db = await resolved('Database backups fail at night', 'U0KB5', 'The backup disk was full.', 'Cleaned up old backups.');
    expect(await kb('backup disk')).toContain(db.key);

    expect((await h.command(`reopen ${db.key}`)).json().text).toContain('reopened');
    expect(await kb('backup disk')).not.toContain(db.key);

    expect((await h.command(`resolve ${db.key} cause: Backups were written twice. fix: Removed the duplicate backup job.`)).json().text).toContain('is resolved');
    const now = await kb('duplicate backup job');
    expect(now).toContain(db.key);
    expect(now).not.toContain('Cleaned up old backups');

    // A second replica builds its index from the stored entries at start, and picks up later changes on refresh.
    const replica = await h.startAnother();
    expect((await replica.desks.for(ids.team)!.knowledge.search('duplicate backup')).map((r) => r.caseKey)).toEqual([db.key]);
    const late = await resolved('SSO login loops', 'U0KB6', 'A stale session cookie.', 'Cleared the session store.');
    expect(await replica.desks.for(ids.team)!.knowledge.search('session cookie')).toEqual([]);
    await replica.desks.for(ids.team)!.knowledge.refresh();
    expect((await replica.desks.for(ids.team)!.knowledge.search('session cookie')).map((r) => r.caseKey)).toEqual([late.key]);
  });
});
