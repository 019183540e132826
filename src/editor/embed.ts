import { Node } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { Node as PmNode } from '@tiptap/pm/model';
import { BUILT_IN_EMBEDS, EmbedProviders, type ConfiguredProvider } from '../domain/embeds/providers.ts';
import { imageUrls } from './node-views.ts';

/**
 * The `embed` node and its paste rule. The editor reads the server's own
 * provider table (src/domain/embeds/providers.ts, bundled in), plus the
 * operator's oEmbed providers from the page, so it makes an embed exactly
 * when the server would accept one. The title and thumbnail are filled in
 * by the server on save; here the node shows what it has.
 */
export const embedTable: { providers: EmbedProviders } = { providers: BUILT_IN_EMBEDS };

export function useEmbedProviders(configured: readonly ConfiguredProvider[] | undefined): void {
  if (configured?.length) embedTable.providers = new EmbedProviders(configured);
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text = ''): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = cls;
  e.textContent = text;
  return e;
}

function embedNodeView({ node }: { node: PmNode }) {
  const dom = el('figure', 'story-embed');
  dom.contentEditable = 'false';
  const thumb = el('img', 'story-embed-thumb');
  thumb.alt = '';
  const label = el('p', 'story-embed-provider');
  const title = el('p', 'story-embed-title');
  const url = el('p', 'story-embed-url');
  dom.append(thumb, label, title, url);
  const render = (n: PmNode) => {
    const a = n.attrs as { url: string; title: string; thumbnailId: number | null };
    const target = embedTable.providers.match(a.url);
    dom.dataset.embedUrl = a.url;
    label.textContent = `Embedded ${target?.provider.name ?? 'post'}`;
    title.textContent = a.title || 'Title and thumbnail are fetched when the story is saved';
    url.textContent = a.url;
    const src = a.thumbnailId ? imageUrls.get(a.thumbnailId) : undefined;
    thumb.hidden = !src;
    if (src) thumb.src = src;
  };
  let current = node;
  render(node);
  return {
    dom,
    update(n: PmNode) {
      if (n.type !== current.type) return false;
      current = n;
      render(n);
      return true;
    },
    ignoreMutation: () => true,
  };
}

export const StoryEmbed = Node.create({
  name: 'embed',
  group: 'block',
  atom: true,
  draggable: true,
  // Ahead of Link's paste handling, so an address alone on its line becomes an embed, not a linked word.
  priority: 200,
  addAttributes() {
    return { url: { default: '' }, title: { default: '' }, caption: { default: '' }, thumbnailId: { default: null }, player: { default: '' } };
  },
  parseHTML() {
    return [{ tag: 'figure[data-embed-url]', getAttrs: (e) => ({ url: (e as HTMLElement).dataset.embedUrl ?? '' }) }];
  },
  renderHTML({ node }) {
    return ['figure', { 'data-embed-url': String(node.attrs.url), class: 'story-embed' }];
  },
  addNodeView() {
    return embedNodeView;
  },
  addProseMirrorPlugins() {
    const type = this.type;
    return [
      new Plugin({
        key: new PluginKey('embedPaste'),
        props: {
          handlePaste(view, event) {
            const text = event.clipboardData?.getData('text/plain').trim() ?? '';
            if (!text || /\s/.test(text)) return false;
            const target = embedTable.providers.match(text);
            const { $from, empty } = view.state.selection;
            // Only on a line of its own: an address pasted into a sentence stays a link.
            if (!target || !empty || $from.depth !== 1 || $from.parent.type.name !== 'paragraph' || $from.parent.content.size !== 0) return false;
            const start = $from.before();
            const tr = view.state.tr.replaceWith(start, start + $from.parent.nodeSize, type.create({ url: target.url }));
            const after = start + 1;
            if (tr.doc.resolve(after).nodeAfter?.type.name !== 'paragraph') tr.insert(after, view.state.schema.nodes.paragraph.create());
            view.dispatch(tr.scrollIntoView());
            return true;
          },
        },
      }),
    ];
  },
});
