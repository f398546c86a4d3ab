/**
 * npm run eval:assist — how well the configured model drafts resolution summaries: each made-up
 * case in assist-cases.ts goes through the same prompt, answer check and internal-text filter as
 * the Resolve form's draft, and the draft is scored by the facts it keeps (a keyword overlap).
 * Run it against each model you consider, and compare the totals. Not part of `npm test`: it
 * needs a provider, and its figures depend on the model.
 *
 *   TUGI_AI_BASE_URL=http://localhost:11434/v1 TUGI_AI_MODEL=llama3.1 npm run eval:assist
 *   EVAL_ROUNDS=3 (each case asked that many times; default 1)
 */
import { pino } from 'pino';
import { Assistant } from '../../src/assist/assistant.js';
import { filteredResolution } from '../../src/assist/case-assist.js';
import { resolutionDraftPrompt } from '../../src/assist/prompts.js';
import { evalCases, type EvalCase } from './assist-cases.js';

const baseUrl = process.env.TUGI_AI_BASE_URL;
const model = process.env.TUGI_AI_MODEL;
if (!baseUrl || !model) {
  console.error('eval:assist needs a model provider: set TUGI_AI_BASE_URL and TUGI_AI_MODEL (and TUGI_AI_API_KEY if it asks for one).');
  console.error('For example: TUGI_AI_BASE_URL=http://localhost:11434/v1 TUGI_AI_MODEL=llama3.1 npm run eval:assist');
  process.exit(2);
}
const rounds = Math.max(1, Number(process.env.EVAL_ROUNDS ?? 1));
// Refusals and malformed answers are logged by the assistant itself; they score 0 here.
const assistant = new Assistant({ baseUrl, apiKey: process.env.TUGI_AI_API_KEY, model, timeoutMs: Number(process.env.EVAL_TIMEOUT_MS ?? 60_000) }, pino({ level: 'warn' }));

const sentences = (text: string) => text.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.trim() !== '').length;
const mentions = (text: string, word: string) => new RegExp(`(^|[^\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'iu').test(text);

async function evaluate(c: EvalCase) {
  const started = performance.now();
  const answer = await assistant.ask(resolutionDraftPrompt, c.material);
  const ms = Math.round(performance.now() - started);
  const publicTexts = [c.material.title, c.material.description, ...c.material.customerThread.map((m) => m.text)];
  const draft = answer && filteredResolution(answer, { internalTexts: c.material.internalOnly, publicTexts });
  const text = draft ? `${draft.cause}\n${draft.fix}` : '';
  const kept = c.facts.filter((f) => f.words.some((w) => mentions(text, w)));
  return {
    ms,
    drafted: draft !== undefined,
    kept: kept.length,
    missed: c.facts.filter((f) => !kept.includes(f)).map((f) => f.fact),
    // Sentences the filter took out: how often the model copies internal-only text.
    filtered: answer ? sentences(`${answer.cause}\n${answer.fix}`) - (draft ? sentences(text) : 0) : 0,
    // Must stay 0: a secret in a filtered draft is a gap in the filter.
    secretsShown: c.secrets.filter((s) => text.toLowerCase().includes(s.toLowerCase())),
    draft,
  };
}

console.log(`eval:assist — ${model} at ${baseUrl}, prompt ${resolutionDraftPrompt.name}@${resolutionDraftPrompt.version}, ${evalCases.length} cases × ${rounds}`);
const rows = [];
let facts = 0;
let keptFacts = 0;
let secretsShown = 0;
for (const c of evalCases) {
  for (let round = 1; round <= rounds; round += 1) {
    process.stdout.write(`  ${c.name}${rounds > 1 ? ` (round ${round})` : ''}… `);
    const result = await evaluate(c);
    facts += c.facts.length;
    keptFacts += result.kept;
    secretsShown += result.secretsShown.length;
    console.log(result.drafted ? `${result.kept}/${c.facts.length} facts, ${result.ms} ms` : `no draft (${result.ms} ms)`);
    if (process.env.EVAL_VERBOSE && result.draft) console.log(`    cause: ${result.draft.cause}\n    fix:   ${result.draft.fix}`);
    rows.push({
      case: c.name,
      drafted: result.drafted ? 'yes' : 'no',
      facts: `${result.kept}/${c.facts.length}`,
      missed: result.missed.join('; ') || '—',
      'filtered sentences': result.filtered,
      'secrets shown': result.secretsShown.join(', ') || '—',
      ms: result.ms,
    });
  }
}
console.table(rows);
const drafted = rows.filter((r) => r.drafted === 'yes').length;
console.log(`Score: ${keptFacts}/${facts} facts kept (${Math.round((100 * keptFacts) / facts)} %), ${drafted}/${rows.length} drafts, median ${median(rows.map((r) => r.ms))} ms a draft.`);
if (secretsShown > 0) {
  console.error(`${secretsShown} internal-only detail(s) got past the filter: see "secrets shown".`);
  process.exitCode = 1;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
