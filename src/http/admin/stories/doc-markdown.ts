import { inlineText, layOutTable, tableSpans, type BlockNode, type Doc, type InlineNode, type TableNode } from '../../../domain/articles/index.ts';

/**
 * The stored body as Markdown, for the no-JavaScript textarea. It is the
 * inverse of markdownToDoc for what Markdown can spell; pull quotes read as
 * block quotes, image captions/credits, embed titles and table captions are left out, a
 * table's first row is its header and spans become empty cells, which is why an
 * unchanged textarea never replaces the stored body (story-form.ts).
 */
function inline(content: InlineNode[] | undefined): string {
  return (content ?? [])
    .map((n) => {
      if (n.type === 'hardBreak') return '\\\n';
      let t = n.text.replace(/([\\`*_[\]<>#])/g, '\\$1');
      for (const m of n.marks ?? []) {
        if (m.type === 'bold') t = `**${t}**`;
        else if (m.type === 'italic') t = `*${t}*`;
        else if (m.type === 'code') t = `\`${n.text.replace(/`/g, '')}\``;
        else if (m.type === 'link') t = `[${t}](${m.attrs.href.replace(/[()\s]/g, encodeURIComponent)})`;
      }
      return t;
    })
    .join('');
}

function block(b: BlockNode): string {
  switch (b.type) {
    case 'paragraph':
      return inline(b.content);
    case 'heading':
      return `${'#'.repeat(b.attrs.level)} ${inline(b.content)}`;
    case 'blockquote':
    case 'pullQuote':
      return b.content.map((p) => `> ${inline(p.content)}`).join('\n>\n');
    case 'bulletList':
      return b.content.map((li) => `- ${li.content.map((p) => inline(p.content)).join(' ')}`).join('\n');
    case 'orderedList':
      return b.content.map((li, i) => `${i + 1}. ${li.content.map((p) => inline(p.content)).join(' ')}`).join('\n');
    case 'image':
      return `![${(b.attrs.alt ?? '').replace(/[[\]]/g, '')}](image:${b.attrs.imageId})`;
    case 'horizontalRule':
      return '---';
    case 'embed':
      // Alone on its line, the address reads back as the same embed (markdownToDoc).
      return `<${b.attrs.url}>`;
    case 'table':
      return table(b);
    default:
      return '';
  }
}

/** A GFM table: every cell on its column (layOutTable), a pipe in the text escaped, a break a space. */
function table(t: TableNode): string {
  const grid = layOutTable(tableSpans(t), true);
  const cells = t.content.map((r, i) => {
    const line: string[] = Array(grid.width).fill('');
    r.content.forEach((c, j) => {
      const col = grid.columns[i][j];
      if (col >= 0) line[col] = c.content.map((p) => inline(p.content).replace(/\\\n/g, ' ')).join(' ').replace(/\|/g, '\\|');
    });
    return `| ${line.join(' | ')} |`;
  });
  return [cells[0], `|${' --- |'.repeat(grid.width)}`, ...cells.slice(1)].join('\n');
}

export function docToMarkdown(doc: Doc): string {
  return doc.content
    .map(block)
    .filter((s, i) => s || inlineText((doc.content[i] as { content?: InlineNode[] }).content))
    .join('\n\n');
}
