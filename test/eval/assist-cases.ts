import type { CaseMaterial } from '../../src/assist/case-material.js';

/**
 * Made-up case threads for `npm run eval:assist`, each with the facts a good resolution draft
 * keeps. A fact is kept when the draft names any of its words (lower case, a word's start is
 * enough: "renew" matches "renewed"). `secrets` are internal-only details no draft may show.
 */
export interface EvalCase {
  name: string;
  material: CaseMaterial['material'];
  facts: Array<{ fact: string; words: string[] }>;
  secrets: string[];
}

const base = { tags: [] as string[], similarResolvedCases: [] as CaseMaterial['material']['similarResolvedCases'] };

export const evalCases: EvalCase[] = [
  {
    name: 'VPN certificate expired',
    material: {
      ...base,
      language: 'en',
      title: 'VPN does not connect since this morning',
      description: 'None of our laptops can connect to the VPN since 8:00. The client says "TLS handshake failed".',
      tags: ['network'],
      customerThread: [
        { from: 'team', text: 'Thanks, we are looking into it. Does it fail for every user?' },
        { from: 'customer', text: 'Yes, everyone in the Tallinn office.' },
        { from: 'team', text: 'Found it: the gateway’s certificate had expired. Renewed it, please try again.' },
        { from: 'customer', text: 'Works now, thanks!' },
      ],
      internalOnly: ['Cert on vpn-gw-02.acme.internal expired at 00:00, the renewal reminder went to Priit’s old mailbox', 'Renewed with the new CA, 2 year validity'],
    },
    facts: [
      { fact: 'the certificate had expired', words: ['certificate', 'cert'] },
      { fact: 'it was renewed', words: ['renew', 'replaced', 'new certificate'] },
      { fact: 'it was the VPN gateway', words: ['gateway', 'vpn'] },
    ],
    secrets: ['vpn-gw-02', 'Priit', 'mailbox'],
  },
  {
    name: 'Invoice discount applied twice',
    material: {
      ...base,
      language: 'en',
      title: 'November invoice total is wrong',
      description: 'Our November invoice is 240 EUR lower than the order confirmation said.',
      tags: ['billing'],
      customerThread: [{ from: 'customer', text: 'We would rather pay the right amount, can you check?' }],
      internalOnly: ['The 10% loyalty discount was applied twice by the migration script, ticket FIN-381', 'Credit note cancelled, corrected invoice INV-2026-1144 issued'],
    },
    facts: [
      { fact: 'the discount was applied twice', words: ['discount'] },
      { fact: 'twice', words: ['twice', 'two times', 'double'] },
      { fact: 'a corrected invoice was issued', words: ['corrected invoice', 'new invoice', 'reissued', 're-issued', 'correct invoice'] },
    ],
    secrets: ['FIN-381', 'migration script', 'INV-2026-1144'],
  },
  {
    name: 'Export times out on large reports',
    material: {
      ...base,
      language: 'en',
      title: 'CSV export never finishes',
      description: 'Exporting the yearly sales report spins for minutes and then shows "Gateway timeout".',
      tags: ['database'],
      customerThread: [
        { from: 'team', text: 'Could you tell us which report and roughly how many rows?' },
        { from: 'customer', text: 'Sales 2025, about 400 000 rows. Smaller months work.' },
      ],
      internalOnly: ['Query does a full scan, missing index on orders.created_at; Tom added it on prod-db-3', 'Export now streams, takes 40 s for 400k rows'],
    },
    facts: [
      { fact: 'the export timed out on a large report', words: ['timeout', 'timed out', 'too long', 'large', 'slow'] },
      { fact: 'the database was made faster (an index)', words: ['index', 'database', 'query', 'faster'] },
      { fact: 'the export works now', words: ['works', 'completes', 'finishes', 'now'] },
    ],
    secrets: ['prod-db-3', 'Tom', 'orders.created_at'],
  },
  {
    name: 'Arve e-post ei jõua kohale (Estonian)',
    material: {
      ...base,
      language: 'et',
      title: 'Arved ei jõua meile e-postiga',
      description: 'Oktoobrist alates ei ole me ühtegi arvet e-postiga saanud.',
      tags: ['billing'],
      customerThread: [{ from: 'customer', text: 'Arved peaksid tulema aadressile raamatupidamine@kalev.ee.' }],
      internalOnly: ['SPF record broke after the mail relay move (mx-relay-7), Kalev mails bounced', 'Fixed SPF, resent the 3 October invoices'],
    },
    facts: [
      { fact: 'mail delivery (e-post) failed', words: ['e-post', 'kiri', 'kirjad', 'posti'] },
      { fact: 'the invoices were sent again', words: ['uuesti', 'saatsime', 'saadetud'] },
      { fact: 'it is about the invoices', words: ['arve'] },
    ],
    secrets: ['mx-relay-7', 'SPF record broke'],
  },
  {
    name: 'Cause not yet known',
    material: {
      ...base,
      language: 'en',
      title: 'Dashboard was slow yesterday afternoon',
      description: 'Between 14:00 and 15:00 the dashboard took 20 seconds to load. It is fine today.',
      customerThread: [
        { from: 'team', text: 'Thanks for telling us. It is fast again on our side too; we are checking the logs.' },
        { from: 'customer', text: 'OK, fine now, just let us know if you find anything.' },
      ],
      internalOnly: ['Nothing in the logs, maybe the noisy neighbour on node-14 again, Mari thinks so'],
    },
    facts: [
      { fact: 'the cause is not known (said plainly)', words: ['not known', 'unknown', 'could not find', 'did not find', 'no cause', 'not found', 'unclear', 'not identified', 'not been identified'] },
      { fact: 'it is fine again', words: ['again', 'normal', 'fine', 'back'] },
    ],
    secrets: ['node-14', 'Mari', 'noisy neighbour'],
  },
];
