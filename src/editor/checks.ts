import { Extension } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

export type FindingRange = { block: number; start: number; end: number; path: number[] } | { field: 'headline' | 'dek' | 'dateline'; start: number; end: number };

/** A finding as the server sends it (src/domain/editorial-checks). */
export interface Finding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  suggestion?: string;
  fingerprint: string;
  range: FindingRange;
  /** Every place of the one fault; older servers sent `range` only. */
  ranges?: FindingRange[];
  confidence?: number;
}

export function rangesOf(f: Finding): FindingRange[] {
  return f.ranges?.length ? f.ranges : [f.range];
}

export const checksKey = new PluginKey<DecorationSet>('editorial-checks');

/** Position just before the node at `path` (document.ts child indexes), or null if the document has moved on. */
export function nodeAtPath(doc: PmNode, path: number[]): { pos: number; node: PmNode } | null {
  let node = doc;
  let pos = -1;
  for (const index of path) {
    if (index >= node.childCount) return null;
    let p = pos + 1;
    for (let i = 0; i < index; i++) p += node.child(i).nodeSize;
    pos = p;
    node = node.child(index);
  }
  return pos < 0 ? null : { pos, node };
}

/** Text offsets count a hardBreak as one character, as the node does in ProseMirror: offsets map one to one. */
export function decorationsFor(doc: PmNode, findings: Finding[]): DecorationSet {
  const decos: Decoration[] = [];
  findings.forEach((f, i) => {
    // One mark per place; every mark of one finding carries its number, so the list and the text agree.
    rangesOf(f).forEach((range) => {
      if (!('path' in range)) return;
      const at = nodeAtPath(doc, range.path);
      if (!at) return;
      const attrs = { class: `check-mark check-${f.severity}`, 'data-finding': String(i), title: f.message };
      if (at.node.isAtom) {
        decos.push(Decoration.node(at.pos, at.pos + at.node.nodeSize, attrs));
        return;
      }
      if (!at.node.isTextblock) return;
      const size = at.node.content.size;
      const from = at.pos + 1 + Math.min(range.start, size);
      const to = at.pos + 1 + Math.min(Math.max(range.end, range.start + 1), size);
      if (to > from) decos.push(Decoration.inline(from, to, attrs));
    });
  });
  return DecorationSet.create(doc, decos);
}

/** Findings as decorations; they follow the text as it is edited until the next save re-checks. */
export const EditorialChecks = Extension.create({
  name: 'editorialChecks',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: checksKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set) {
            const next = tr.getMeta(checksKey) as Finding[] | undefined;
            if (next) return decorationsFor(tr.doc, next);
            return set.map(tr.mapping, tr.doc);
          },
        },
        props: {
          decorations(state) {
            return checksKey.getState(state);
          },
        },
      }),
    ];
  },
});
