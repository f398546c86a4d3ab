/** Runs of this many words said only internally mark a sentence as copied from internal text. */
const runLength = 4;

// Words keep inner dots, colons and slashes (hosts, addresses, paths), not a sentence's full stop.
const words = (text: string) => (text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}._:/@-]*/gu) ?? []).map((w) => w.replace(/[._:/@-]+$/, ''));

function runsOf(text: string): Set<string> {
  const w = words(text);
  const runs = new Set<string>();
  for (let i = 0; i + runLength <= w.length; i += 1) runs.add(w.slice(i, i + runLength).join(' '));
  return runs;
}

/** Single tokens that identify something (an address, a host, an id with digits), said only internally. */
function identifiersOf(text: string): Set<string> {
  return new Set(words(text).filter((w) => /\d/.test(w) || /[@/:]/.test(w) || /\.\w/.test(w)));
}

/**
 * The last gate before a draft reaches a customer-facing field: every sentence that repeats
 * internal-only text — a run of words, or an identifier such as a host name, an address or an id,
 * that the internal conversation has and the customer-facing one does not — is left out, whatever
 * the model was told. What the customer was told already may be said again.
 */
export function withoutInternalText(draft: string, internalOnly: string[], customerFacing: string[]): string {
  const publicRuns = new Set(customerFacing.flatMap((t) => [...runsOf(t)]));
  const publicIds = new Set(customerFacing.flatMap((t) => [...identifiersOf(t)]));
  const internalRuns = new Set(internalOnly.flatMap((t) => [...runsOf(t)]).filter((r) => !publicRuns.has(r)));
  const internalIds = new Set(internalOnly.flatMap((t) => [...identifiersOf(t)]).filter((id) => !publicIds.has(id)));
  const sentences = draft.split(/(?<=[.!?])\s+|\n+/).filter((sentence) => sentence.trim() !== '');
  const kept = sentences.filter((sentence) => ![...runsOf(sentence)].some((r) => internalRuns.has(r)) && ![...identifiersOf(sentence)].some((id) => internalIds.has(id)));
  return kept.join(' ').trim();
}
