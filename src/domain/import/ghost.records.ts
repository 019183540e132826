import { lexicalToHtml, mobiledocToHtml } from './ghost.content.ts';

/** A post's body as HTML: Ghost's rendered `html` when the export has it, else its editor source. */
export function ghostBody(p: Record<string, unknown>): string {
  if (typeof p.html === 'string' && p.html && p.html !== 'None') return p.html;
  if (typeof p.lexical === 'string' && p.lexical) return lexicalToHtml(p.lexical);
  if (typeof p.mobiledoc === 'string' && p.mobiledoc) return mobiledocToHtml(p.mobiledoc);
  return '';
}
