/**
 * Unicode hygiene for reader text (docs/architecture.md, hostile input: unicode). Stored text is NFC;
 * comparisons (word lists, confusable names) run on a folded copy that is
 * never shown (UTS #39: skeletons are for comparison only).
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** C0/C1 controls except tab and newlines, and U+FFFD, which is what invalid UTF-8 decodes to. */
const BAD_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/;
/** Overrides, embeddings and isolates: they reorder the text around them. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/g;
/** Invisible characters nobody needs in a display name. ZWNJ is handled apart: Persian needs it. */
const INVISIBLE_IN_NAME = /[\u200B\u200D\u200E\u200F\u2060-\u2064\uFEFF\u00AD\u180E\u061C]/;
const ZWNJ_MISUSED = /(?<!\p{Script=Arabic})\u200C|\u200C(?!\p{Script=Arabic})/u;
/** More combining marks than this on one base character is a Zalgo flood, not a script (Vietnamese, Hebrew niqqud and cantillation fit). */
const MAX_MARKS = 4;
const MARK_FLOOD = new RegExp(`\\p{M}{${MAX_MARKS + 1},}`, 'u');

export type TextProblem = 'invalid_encoding' | 'invalid_characters';

/** Lone surrogates, NUL and other controls: the bytes were not text. */
export function encodingProblem(s: string): TextProblem | null {
  return LONE_SURROGATE.test(s) || BAD_CONTROL.test(s) ? 'invalid_encoding' : null;
}

/** A display name: NFC, trimmed, no bidi controls or invisibles, no mark floods. */
export function cleanName(raw: string): { value: string; problem: TextProblem | null } {
  const enc = encodingProblem(raw.replace(/[\t\r\n]/g, ' '));
  if (enc) return { value: raw, problem: enc };
  const value = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  BIDI_CONTROL.lastIndex = 0;
  if (BIDI_CONTROL.test(value) || INVISIBLE_IN_NAME.test(value) || ZWNJ_MISUSED.test(value) || MARK_FLOOD.test(value)) {
    return { value, problem: 'invalid_characters' };
  }
  return { value, problem: null };
}

/**
 * A comment body: NFC, newlines unified, bidi overrides removed (LRM/RLM
 * stay: Arabic and Hebrew writers use them), runs of blank lines capped.
 */
export function cleanBody(raw: string): { value: string; problem: TextProblem | null } {
  const unified = raw.replace(/\r\n?/g, '\n');
  const enc = encodingProblem(unified);
  if (enc) return { value: raw, problem: enc };
  const value = unified.normalize('NFC').replace(BIDI_CONTROL, '').replace(/\n{3,}/g, '\n\n').trim();
  if (MARK_FLOOD.test(value)) return { value, problem: 'invalid_characters' };
  return { value, problem: null };
}

/** Folded for matching: NFKC, default-ignorables (ZWSP, soft hyphen…) removed, case-folded. */
export function foldForMatch(s: string): string {
  return s.normalize('NFKC').replace(/\p{Default_Ignorable_Code_Point}/gu, '').toLowerCase();
}

/** Cyrillic and Greek letters that look Latin, and digits that pass for letters. */
const CONFUSABLES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', і: 'i', ј: 'j', ԁ: 'd', ԛ: 'q', ԝ: 'w',
  α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
  '0': 'o', '1': 'l', '|': 'l', '3': 'e', '5': 's', '@': 'a', $: 's',
};

/**
 * Look-alikes and combining marks folded away, word breaks kept: `ѕраm`,
 * `sṗam` and `ｓｐａｍ` all read `spam`. Used for staff-like names and for
 * the site's word lists, so a spelling that slips past one slips past neither.
 */
export function foldLookalikes(s: string): string {
  const folded = foldForMatch(s).normalize('NFD').replace(/\p{M}/gu, '');
  let out = '';
  for (const ch of folded) out += CONFUSABLES[ch] ?? ch;
  return out.replace(/rn/g, 'm');
}

/** A rough UTS #39 skeleton: enough to catch `Еditor`, `аdmin`, `ｅｄｉｔｏｒ` and `rn` for `m`. */
export function skeleton(s: string): string {
  return foldLookalikes(s).replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Any listed word, matched case-insensitively and blind to ignorables, on
 * the plain folded text and on its look-alike fold (word breaks kept, so
 * `is pam` never reads as `spam`). Substring search, no regex: no ReDoS.
 */
export function findListedWord(text: string, words: readonly string[]): string | null {
  if (!words.length) return null;
  const hay = foldForMatch(text).replace(/\s+/g, ' ');
  const alike = foldLookalikes(text).replace(/\s+/g, ' ');
  for (const w of words) {
    const needle = foldForMatch(w).replace(/\s+/g, ' ').trim();
    const alikeNeedle = foldLookalikes(w).replace(/\s+/g, ' ').trim();
    if ((needle && hay.includes(needle)) || (alikeNeedle && alike.includes(alikeNeedle))) return w;
  }
  return null;
}
