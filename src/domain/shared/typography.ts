/**
 * Typographer's quotes for rendered copy: straight " and ' become the
 * edition language's marks, and ' inside or after a word becomes the
 * apostrophe ’. It works on plain text before escaping, so markup,
 * attributes and URLs never pass through it; callers skip code.
 */
interface Marks {
  open2: string;
  close2: string;
  open1: string;
  close1: string;
}

const ENGLISH: Marks = { open2: '“', close2: '”', open1: '‘', close1: '’' };
const GERMAN: Marks = { open2: '„', close2: '“', open1: '‚', close1: '‘' };
const GUILLEMETS: Marks = { open2: '«', close2: '»', open1: '‹', close1: '›' };

const BY_LANGUAGE: Record<string, Marks> = {
  en: ENGLISH, nl: ENGLISH, pt: ENGLISH, tr: ENGLISH,
  de: GERMAN, cs: GERMAN, da: GERMAN,
  fr: GUILLEMETS, es: GUILLEMETS, it: GUILLEMETS, ru: GUILLEMETS, uk: GUILLEMETS, fa: GUILLEMETS, ar: GUILLEMETS,
};

export function quoteMarks(lang: string): Marks {
  return BY_LANGUAGE[lang.toLowerCase().split('-')[0]] ?? ENGLISH;
}

/** After these (or at the start) a quote opens; elsewhere it closes. */
const OPENS_AFTER = /[\s([{\u2014\u2013\-/“‘„‚«‹]/u;

/**
 * `before`: the character just before `text` in the same paragraph (text
 * split by a link or a bold run still quotes as one sentence).
 */
export function curlQuotes(text: string, lang: string, before = ''): string {
  if (!text.includes('"') && !text.includes("'")) return text;
  const m = quoteMarks(lang);
  let out = '';
  let prev = before;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const opens = prev === '' || OPENS_AFTER.test(prev);
    if (c === '"') out += opens ? m.open2 : m.close2;
    else if (c === "'") {
      // Elided years and words ('90s, 'tis) take the apostrophe, not an opening mark.
      const elision = opens && /^(\d\d|tis\b|twas\b|em\b|n\b)/i.test(text.slice(i + 1));
      if (opens) out += elision ? '’' : m.open1;
      else out += /[\p{L}\p{N}]/u.test(prev) ? '’' : m.close1;
    } else out += c;
    prev = c;
  }
  return out;
}
