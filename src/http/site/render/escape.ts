/**
 * HTML escaping for the string renderers (story body, pictures). Text and
 * attribute values share one function: escaping `"` and `'` in text costs
 * nothing and means a value can never be put in the wrong context by mistake.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const NEEDS_ESCAPE = /[&<>"']/;

export function esc(value: string): string {
  return NEEDS_ESCAPE.test(value) ? value.replace(/[&<>"']/g, (c) => ESCAPES[c]) : value;
}

/**
 * JSON for a `<script type="application/ld+json">` block. `<`, `>` and `&`
 * become \u escapes so `</script>` or `<!--` in a headline cannot end the
 * block; U+2028/2029 are escaped for old JavaScript parsers that choke on them.
 */
export function jsonForScript(value: unknown): string {
  const json = JSON.stringify(value);
  return !/[<>&\u2028\u2029]/.test(json) ? json : json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A path segment for an href or Location header (slugs may be Persian, Arabic, …). */
export function seg(value: string): string {
  return encodeURIComponent(value);
}
