import { h } from './dom.js';

/** The guided tour: the whole round, one person at a time, with a button to become each. */
const steps: Array<{ as: string; go?: string; text: string }> = [
  { as: 'kalle', go: 'C0KALEV', text: 'You are Kalle, a customer of Kalev AS. Write in #kalev-tugi, e.g. "Meie VPN ei ühendu alates hommikust". tugi answers in your thread with the case key, in Estonian.' },
  { as: 'mari', go: 'C0TRIAGE', text: 'Be Mari, an agent. The case card is in #support-triage: Assign to me, pick the network tag, then Pull in specialists.' },
  { as: 'ann', text: 'Be Ann, a specialist in Teams. The case waits in Specialists with an @mention: reply in its thread.' },
  { as: 'mari', go: 'C0TRIAGE', text: 'Back as Mari: Ann\'s answer is in the case thread under the card (open "replies"). Answer the customer in their thread, set the case In progress, then Resolve — try the form empty first.' },
  { as: 'kalle', go: 'C0KALEV', text: 'As Kalle, read the summary (cause and fix) in Estonian, press "Lahendatud" and rate.' },
  { as: 'liis', go: 'C0MANAGERS', text: 'Be Liis, the manager. Reports are added up a few minutes behind the cases, so press +15 min, then /tugi report week. The chart and the CSV export arrive in your messages with tugi.' },
  { as: 'alice', go: 'C0ACME', text: 'Open one more case as Alice, then press +1 h a few times: SLA warnings, breaches and stale nags follow, as they would over a real morning.' },
];

export function tour(become: (persona: string) => void, goTo: (place: string) => void): HTMLElement {
  return h(
    'details',
    { open: true },
    h('summary', {}, 'Guided tour'),
    h(
      'ol',
      {},
      ...steps.map((step) =>
        h(
          'li',
          {},
          h('p', {}, step.text),
          h('button', { type: 'button', class: 'bk-button', onclick: () => (become(step.as), step.go && goTo(step.go)) }, `Be ${step.as[0]!.toUpperCase()}${step.as.slice(1)}`),
        ),
      ),
    ),
  );
}
