/**
 * Attribution: a verb of saying next to someone who says it. Shared by the
 * dangling-attribution and quote-without-speaker rules.
 */
const VERBS = [
  'said', 'says', 'say', 'told', 'tells', 'added', 'adds', 'asked', 'asks', 'wrote', 'writes', 'stated', 'states',
  'explained', 'explains', 'noted', 'notes', 'recalled', 'recalls', 'insisted', 'insists', 'argued', 'argues',
  'warned', 'warns', 'replied', 'replies', 'continued', 'continues', 'declared', 'announced', 'admitted', 'acknowledged',
  'joked', 'laughed', 'remarked', 'responded', 'conceded', 'observed', 'suggested', 'predicted', 'posted', 'commented',
  'cautioned', 'urged', 'claimed', 'complained', 'promised', 'shouted', 'whispered', 'recounted', 'agreed', 'confirmed',
  // Verbs that hang quoted words on a subject without reporting speech: “X called it ‘…’”, “fans sang ‘…’”.
  'called', 'calls', 'described', 'describes', 'dubbed', 'sang', 'sings', 'chanted', 'read', 'reads',
];
const VERB = new RegExp(`\\b(?:${VERBS.join('|')})\\b`, 'giu');

/** Words that can stand for the speaker next to the verb (pronouns, determiners of a noun phrase). */
const SPEAKERISH = /^(?:he|she|they|it|i|we|you|who|the|a|an|his|her|their|its|our|my|officials?|police|organi[sz]ers)$/i;

function wordsAround(text: string, from: number, to: number): string[] {
  const before = text.slice(Math.max(0, from - 60), from).match(/[\p{L}\p{N}'’.-]+/gu) ?? [];
  const after = text.slice(to, to + 60).match(/[\p{L}\p{N}'’.-]+/gu) ?? [];
  return [...before.slice(-4), ...after.slice(0, 4)];
}

/** True when `text` (quotes already blanked) holds a verb of saying with a speaker within four words. */
export function hasAttribution(text: string): boolean {
  if (/\baccording to\s+[\p{L}\p{N}]/iu.test(text)) return true;
  for (const m of text.matchAll(VERB)) {
    const near = wordsAround(text, m.index ?? 0, (m.index ?? 0) + m[0].length);
    if (near.some((w) => SPEAKERISH.test(w) || /^\p{Lu}/u.test(w))) return true;
  }
  return false;
}
