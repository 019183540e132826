/** The parts of a domhandler node we read (kept structural: domhandler is htmlparser2's own dependency). */
export interface HNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: HNode[];
}

/** Never rendered, never turned into text: code and foreign content. */
export const DROP = new Set(['script', 'style', 'noscript', 'template', 'object', 'embed', 'applet', 'form', 'input', 'button', 'select', 'textarea', 'svg', 'math', 'head', 'title', 'meta', 'link', 'audio', 'video', 'source', 'canvas']);
export const kids = (n: HNode) => n.children ?? [];
export const name = (n: HNode) => n.name ?? '';

/** The text of a node, dropped elements left out, `<br>` a newline. */
export function textContent(n: HNode): string {
  if (n.type === 'text') return n.data ?? '';
  if (n.type !== 'tag' || DROP.has(name(n))) return '';
  return kids(n).map(textContent).join(name(n) === 'br' ? '\n' : '');
}
