/**
 * Ghost bodies without `html` (exports that kept only the editor's source):
 * mobiledoc (Ghost 1–4) and lexical (Ghost 5) into plain HTML, which
 * htmlToDoc then reads like any other. Text is escaped here; an embed
 * card becomes its address alone in a paragraph (htmlToDoc makes that an
 * embed when the provider table knows it, a plain line otherwise); an HTML
 * card's HTML is passed on as it is, since htmlToDoc reads every post's HTML
 * as hostile anyway (that is where Ghost posts keep their tables); cards we do
 * not know (galleries) are left out.
 */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

type Json = Record<string, unknown>;

export function mobiledocToHtml(source: string): string {
  let doc: { markups?: [string, string[]?][]; sections?: unknown[][]; cards?: [string, Json][] };
  try {
    doc = JSON.parse(source);
  } catch {
    return '';
  }
  const markups = doc.markups ?? [];
  const markers = (ms: unknown[]): string => {
    let out = '';
    const open: string[] = [];
    for (const m of ms as [number, number[], number, string][]) {
      for (const i of m[1] ?? []) {
        const [tag, attrs] = markups[i] ?? ['span'];
        const href = tag === 'a' && attrs ? attrs[attrs.indexOf('href') + 1] : undefined;
        out += href ? `<a href="${esc(String(href))}">` : `<${tag}>`;
        open.push(tag);
      }
      out += m[0] === 0 ? esc(String(m[3] ?? '')) : '';
      for (let k = 0; k < (m[2] ?? 0); k++) out += `</${open.pop()}>`;
    }
    return out;
  };
  return (doc.sections ?? [])
    .map((s) => {
      if (s[0] === 1 && typeof s[1] === 'string' && /^(p|h[1-6]|blockquote|aside)$/.test(s[1])) return `<${s[1]}>${markers(s[2] as unknown[])}</${s[1]}>`;
      if (s[0] === 3) return `<${s[1] === 'ol' ? 'ol' : 'ul'}>${(s[2] as unknown[][]).map((li) => `<li>${markers(li)}</li>`).join('')}</${s[1] === 'ol' ? 'ol' : 'ul'}>`;
      if (s[0] === 10) {
        const [name, payload] = doc.cards?.[s[1] as number] ?? ['', {}];
        if (name === 'markdown' && typeof payload.markdown === 'string') return payload.markdown.split(/\n\s*\n/).map((p) => `<p>${esc(p)}</p>`).join('');
        if (name === 'image') return '<img>';
        if (name === 'hr') return '<hr>';
        if (name === 'embed' && typeof payload.url === 'string') return `<p>${esc(payload.url)}</p>`;
        if (name === 'html' && typeof payload.html === 'string') return payload.html;
      }
      return '';
    })
    .join('\n');
}

const FORMAT: [number, string][] = [[1, 'strong'], [2, 'em'], [16, 'code']];

export function lexicalToHtml(source: string): string {
  let doc: { root?: { children?: Json[] } };
  try {
    doc = JSON.parse(source);
  } catch {
    return '';
  }
  const inline = (nodes: Json[] = []): string =>
    nodes
      .map((n) => {
        if (n.type === 'text' || n.type === 'extended-text') {
          let t = esc(String(n.text ?? ''));
          for (const [bit, tag] of FORMAT) if ((Number(n.format) & bit) !== 0) t = `<${tag}>${t}</${tag}>`;
          return t;
        }
        if (n.type === 'linebreak') return '<br>';
        if (n.type === 'link') return `<a href="${esc(String(n.url ?? ''))}">${inline(n.children as Json[])}</a>`;
        return inline(n.children as Json[]);
      })
      .join('');
  const block = (n: Json): string => {
    const kids = n.children as Json[] | undefined;
    switch (n.type) {
      case 'paragraph':
        return `<p>${inline(kids)}</p>`;
      case 'heading':
      case 'extended-heading':
        return /^h[1-6]$/.test(String(n.tag)) ? `<${n.tag}>${inline(kids)}</${n.tag}>` : `<h2>${inline(kids)}</h2>`;
      case 'quote':
      case 'extended-quote':
        return `<blockquote><p>${inline(kids)}</p></blockquote>`;
      case 'aside':
        return `<figure class="wp-block-pullquote"><blockquote><p>${inline(kids)}</p></blockquote></figure>`;
      case 'list':
        return `<${n.listType === 'number' ? 'ol' : 'ul'}>${(kids ?? []).map((li) => `<li>${inline(li.children as Json[])}</li>`).join('')}</${n.listType === 'number' ? 'ol' : 'ul'}>`;
      case 'horizontalrule':
        return '<hr>';
      case 'image':
        return '<img>';
      case 'embed':
        return typeof n.url === 'string' ? `<p>${esc(n.url)}</p>` : '';
      case 'html':
        return typeof n.html === 'string' ? n.html : '';
      default:
        return '';
    }
  };
  return (doc.root?.children ?? []).map(block).join('\n');
}
