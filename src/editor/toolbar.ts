import type { Editor } from '@tiptap/core';

interface Tool {
  label: string;
  title: string;
  run: () => void;
  active?: () => boolean;
  /** When it can act: the row and column tools only inside a table. */
  enabled?: () => boolean;
  cls?: string;
}

/** The formatting bar: one button per thing a story body may hold, grouped as a reporter thinks of them. */
export function buildToolbar(editor: Editor, actions: { image: () => void; link: () => void }): HTMLElement {
  const chain = () => editor.chain().focus();
  const groups: Tool[][] = [
    [
      { label: '¶', title: 'Paragraph', run: () => chain().setParagraph().run(), active: () => editor.isActive('paragraph') },
      { label: 'H2', title: 'Subheading', run: () => chain().toggleHeading({ level: 2 }).run(), active: () => editor.isActive('heading', { level: 2 }) },
      { label: 'H3', title: 'Sub-subheading', run: () => chain().toggleHeading({ level: 3 }).run(), active: () => editor.isActive('heading', { level: 3 }) },
      { label: 'H4', title: 'Minor heading', run: () => chain().toggleHeading({ level: 4 }).run(), active: () => editor.isActive('heading', { level: 4 }) },
    ],
    [
      { label: 'B', title: 'Bold (Ctrl+B)', cls: 'tool-bold', run: () => chain().toggleBold().run(), active: () => editor.isActive('bold') },
      { label: 'I', title: 'Italic (Ctrl+I)', cls: 'tool-italic', run: () => chain().toggleItalic().run(), active: () => editor.isActive('italic') },
      { label: 'Link', title: 'Link', run: actions.link, active: () => editor.isActive('link') },
    ],
    [
      { label: '“ Quote', title: 'Block quote', run: () => chain().toggleBlockquote().run(), active: () => editor.isActive('blockquote') },
      { label: '❝ Pull quote', title: 'Pull quote (with attribution)', run: () => chain().togglePullQuote().run(), active: () => editor.isActive('pullQuote') },
      { label: '• List', title: 'Bulleted list', run: () => chain().toggleBulletList().run(), active: () => editor.isActive('bulletList') },
      { label: '1. List', title: 'Numbered list', run: () => chain().toggleOrderedList().run(), active: () => editor.isActive('orderedList') },
    ],
    [
      { label: 'Image', title: 'Insert an image from the media library', run: actions.image },
      { label: '—', title: 'Horizontal rule', run: () => chain().setHorizontalRule().run() },
    ],
    [
      { label: '⊞ Table', title: 'Insert a table (3 × 3, header row)', run: () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(), active: () => editor.isActive('table') },
      { label: '+ Row', title: 'Add a row below', run: () => chain().addRowAfter().run(), enabled: () => editor.can().addRowAfter() },
      { label: '− Row', title: 'Remove this row', run: () => chain().deleteRow().run(), enabled: () => editor.can().deleteRow() },
      { label: '+ Col', title: 'Add a column to the right', run: () => chain().addColumnAfter().run(), enabled: () => editor.can().addColumnAfter() },
      { label: '− Col', title: 'Remove this column', run: () => chain().deleteColumn().run(), enabled: () => editor.can().deleteColumn() },
      { label: 'Caption', title: 'Table caption', run: () => tableCaption(editor), enabled: () => editor.isActive('table') },
    ],
    [
      { label: '↶', title: 'Undo (Ctrl+Z)', run: () => chain().undo().run() },
      { label: '↷', title: 'Redo (Ctrl+Shift+Z)', run: () => chain().redo().run() },
    ],
  ];
  const bar = document.createElement('div');
  bar.className = 'editor-toolbar';
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', 'Formatting');
  const buttons: Array<[HTMLButtonElement, Tool]> = [];
  for (const group of groups) {
    const g = document.createElement('div');
    g.className = 'tool-group';
    for (const tool of group) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = tool.label;
      b.title = tool.title;
      b.setAttribute('aria-label', tool.title);
      b.dataset.tool = tool.title;
      if (tool.cls) b.classList.add(tool.cls);
      // mousedown, not click: keeps the selection in the editor.
      b.addEventListener('mousedown', (e) => e.preventDefault());
      b.addEventListener('click', () => tool.run());
      buttons.push([b, tool]);
      g.append(b);
    }
    bar.append(g);
  }
  const refresh = () => {
    for (const [b, t] of buttons) {
      if (t.active) b.setAttribute('aria-pressed', String(t.active()));
      if (t.enabled) b.disabled = !t.enabled();
    }
  };
  editor.on('selectionUpdate', refresh);
  editor.on('transaction', refresh);
  refresh();
  return bar;
}

/** The caption is a line of text above the table (the page's `<caption>`); an empty answer removes it. */
function tableCaption(editor: Editor): void {
  const prev = String(editor.getAttributes('table').caption ?? '');
  const caption = window.prompt('Table caption (empty for none)', prev);
  if (caption === null) return;
  editor.chain().focus().updateAttributes('table', { caption: caption.replace(/\s+/g, ' ').trim().slice(0, 300) }).run();
}
