import { Node, mergeAttributes, type AnyExtension } from '@tiptap/core';
import { Blockquote } from '@tiptap/extension-blockquote';
import Link from '@tiptap/extension-link';
import { ListItem } from '@tiptap/extension-list';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import { StoryEmbed } from './embed.ts';
import { imageNodeView, pullQuoteNodeView } from './node-views.ts';

/**
 * The editor's schema is the stored document's (src/domain/articles/document.ts):
 * nothing the server would refuse can be typed. Quotes and list items hold
 * paragraphs only, as do table cells (tables do not nest), headings are h2–h4 (the headline is the h1), and marks
 * are bold, italic, code and safe links. Keeping the shapes equal is also
 * what lets check findings (`path` + offsets) map straight onto the editor.
 */
export function isSafeHref(href: string): boolean {
  if (!href || href.length > 2048 || /[\u0000-\u001f\u007f]/.test(href)) return false;
  if (href.startsWith('/') && !href.startsWith('//') && !href.startsWith('/\\')) return true;
  if (href.startsWith('#')) return true;
  try {
    const u = new URL(href);
    return u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'mailto:';
  } catch {
    return false;
  }
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    pullQuote: { togglePullQuote: () => ReturnType };
    storyImage: { insertStoryImage: (attrs: StoryImageAttrs) => ReturnType };
  }
}

export interface StoryImageAttrs {
  imageId: number;
  alt?: string;
  caption?: string;
  credit?: string;
}

/** A line of the story repeated in large type, with its speaker. */
export const PullQuote = Node.create({
  name: 'pullQuote',
  group: 'block',
  content: 'paragraph+',
  defining: true,
  addAttributes() {
    return { attribution: { default: '' } };
  },
  parseHTML() {
    return [{ tag: 'aside.pull-quote' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['aside', mergeAttributes(HTMLAttributes, { class: 'pull-quote' }), 0];
  },
  addNodeView() {
    return pullQuoteNodeView;
  },
  addCommands() {
    return {
      togglePullQuote:
        () =>
        ({ commands }) =>
          commands.toggleWrap(this.name),
    };
  },
});

/** An image from the media library: the id is what is stored, the words travel with the node. */
export const StoryImage = Node.create({
  name: 'image',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return { imageId: { default: null }, alt: { default: '' }, caption: { default: '' }, credit: { default: '' } };
  },
  parseHTML() {
    return [{ tag: 'figure[data-image-id]', getAttrs: (el) => ({ imageId: Number((el as HTMLElement).dataset.imageId) }) }];
  },
  renderHTML({ node }) {
    return ['figure', { 'data-image-id': String(node.attrs.imageId), class: 'story-image' }];
  },
  addNodeView() {
    return imageNodeView;
  },
  addCommands() {
    return {
      insertStoryImage:
        (attrs) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs }),
    };
  },
});

/**
 * Cells are the document's (paragraphs, spans): no column widths or alignment
 * to store (the page lays tables out itself), and none rendered, so nothing
 * sets a style attribute the admin CSP would refuse. `colwidth` stays in the
 * schema only because prosemirror-tables' commands read it.
 */
const cellAttributes = () => ({ colspan: { default: 1 }, rowspan: { default: 1 }, colwidth: { default: null, rendered: false } });

/** The document's table: a caption (set from the toolbar), drawn in the page's scrolling wrapper; no resizing. */
export const StoryTable = Table.extend({
  addAttributes() {
    return {
      caption: {
        default: '',
        parseHTML: (el) => el.querySelector('caption')?.textContent?.trim() ?? '',
        rendered: false,
      },
    };
  },
  renderHTML({ node }) {
    const caption = String(node.attrs.caption ?? '');
    const table = caption ? ['table', {}, ['caption', { contenteditable: 'false' }, caption], ['tbody', 0]] : ['table', {}, ['tbody', 0]];
    return ['div', { class: 'table-scroll' }, table] as never;
  },
}).configure({ resizable: false, View: null });

export function storyExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      blockquote: false,
      listItem: false,
      codeBlock: false,
      strike: false,
      underline: false,
      link: false,
      heading: { levels: [2, 3, 4] },
    }),
    Blockquote.extend({ content: 'paragraph+' }),
    ListItem.extend({ content: 'paragraph+' }),
    Link.configure({ openOnClick: false, autolink: false, linkOnPaste: true, isAllowedUri: (url) => isSafeHref(url), HTMLAttributes: { rel: null, target: null } }),
    PullQuote,
    StoryImage,
    StoryEmbed,
    StoryTable,
    TableRow,
    TableHeader.extend({ content: 'paragraph+', addAttributes: cellAttributes }),
    TableCell.extend({ content: 'paragraph+', addAttributes: cellAttributes }),
  ];
}
