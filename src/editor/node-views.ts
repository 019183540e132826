import type { NodeViewRendererProps } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';

/** Thumbnail URLs of library images by id, filled from the page and from uploads. */
export const imageUrls = new Map<number, string>();

/** Set by main.ts: opens the image dialog to edit a node's words. */
export const hooks: { editImage: (attrs: Record<string, unknown>, save: (attrs: Record<string, unknown>) => void) => void } = {
  editImage: () => undefined,
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  return e;
}

function setAttrs(props: NodeViewRendererProps, attrs: Record<string, unknown>): void {
  const pos = typeof props.getPos === 'function' ? props.getPos() : undefined;
  if (typeof pos !== 'number') return;
  const { state, view } = props.editor;
  const node = state.doc.nodeAt(pos);
  if (!node) return;
  view.dispatch(state.tr.setNodeMarkup(pos, undefined, { ...node.attrs, ...attrs }));
}

/** The image as the reader will see it, with a warning when alt text or credit is missing. */
export function imageNodeView(props: NodeViewRendererProps) {
  const dom = el('figure', 'story-image');
  dom.contentEditable = 'false';
  const img = el('img');
  const caption = el('figcaption');
  const warn = el('p', 'image-warning');
  const edit = el('button', 'image-edit', 'Edit image details');
  edit.type = 'button';
  dom.append(img, caption, warn, edit);
  const render = (node: PmNode) => {
    const a = node.attrs as { imageId: number; alt: string; caption: string; credit: string };
    dom.dataset.imageId = String(a.imageId);
    img.src = imageUrls.get(a.imageId) ?? '';
    img.alt = a.alt ?? '';
    caption.textContent = [a.caption, a.credit ? `Photo: ${a.credit}` : ''].filter(Boolean).join(' — ') || 'No caption';
    const missing = [!a.alt ? 'alt text' : '', !a.credit ? 'credit' : ''].filter(Boolean);
    warn.textContent = missing.length ? `Missing ${missing.join(' and ')}` : '';
    warn.hidden = !missing.length;
  };
  let current = props.node;
  render(current);
  edit.addEventListener('click', () => hooks.editImage({ ...current.attrs }, (attrs) => setAttrs(props, attrs)));
  return {
    dom,
    update(node: PmNode) {
      if (node.type !== current.type) return false;
      current = node;
      render(node);
      return true;
    },
    stopEvent: (e: Event) => e.target === edit,
    ignoreMutation: () => true,
  };
}

/** Pull quote: its paragraphs are edited in place; the speaker in a field of its own. */
export function pullQuoteNodeView(props: NodeViewRendererProps) {
  const dom = el('aside', 'pull-quote');
  const contentDOM = el('div', 'pull-quote-text');
  const footer = el('div', 'pull-quote-footer');
  footer.contentEditable = 'false';
  const label = el('label', undefined, '— ');
  const input = el('input');
  input.type = 'text';
  input.placeholder = 'Who said it';
  input.setAttribute('aria-label', 'Pull quote attribution');
  input.value = String(props.node.attrs.attribution ?? '');
  label.append(input);
  footer.append(label);
  dom.append(contentDOM, footer);
  input.addEventListener('change', () => setAttrs(props, { attribution: input.value.trim() }));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') (e.preventDefault(), input.blur());
  });
  let current = props.node;
  return {
    dom,
    contentDOM,
    update(node: PmNode) {
      if (node.type !== current.type) return false;
      current = node;
      if (document.activeElement !== input) input.value = String(node.attrs.attribution ?? '');
      return true;
    },
    stopEvent: (e: Event) => footer.contains(e.target as globalThis.Node),
    ignoreMutation: (m: { target: globalThis.Node } | MutationRecord) => footer.contains((m as MutationRecord).target),
  };
}
