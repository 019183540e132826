/**
 * Word-level and block-level diffs for the revision view. Plain LCS over
 * tokens, bounded: a story body is diffed paragraph by paragraph first, so
 * the word diff only ever runs on one changed paragraph pair, and pairs too
 * long for a quadratic table are shown as "replaced" rather than stalling.
 */
export type DiffOp = 'equal' | 'insert' | 'delete';
export interface DiffPart {
  op: DiffOp;
  text: string;
}

/** Table cells allowed per LCS (about 16 MB of Uint32). */
const MAX_CELLS = 4_000_000;

/** Words with their trailing space, so joining the parts gives the text back exactly. */
export function tokenize(s: string): string[] {
  return s.match(/\s+|[\p{L}\p{N}'’-]+|[^\s\p{L}\p{N}]/gu) ?? [];
}

/** LCS edit script of two token lists; null when the table would be too large. */
function lcsScript<T>(a: T[], b: T[], eq: (x: T, y: T) => boolean): Array<{ op: DiffOp; a?: T; b?: T }> | null {
  let pre = 0;
  while (pre < a.length && pre < b.length && eq(a[pre], b[pre])) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && eq(a[a.length - 1 - suf], b[b.length - 1 - suf])) suf++;
  const A = a.slice(pre, a.length - suf);
  const B = b.slice(pre, b.length - suf);
  const n = A.length;
  const m = B.length;
  if ((n + 1) * (m + 1) > MAX_CELLS) return null;
  const t = new Uint32Array((n + 1) * (m + 1));
  const w = m + 1;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      t[i * w + j] = eq(A[i], B[j]) ? t[(i + 1) * w + j + 1] + 1 : Math.max(t[(i + 1) * w + j], t[i * w + j + 1]);
    }
  }
  const out: Array<{ op: DiffOp; a?: T; b?: T }> = a.slice(0, pre).map((x, k) => ({ op: 'equal', a: x, b: b[k] }));
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && eq(A[i], B[j])) out.push({ op: 'equal', a: A[i++], b: B[j++] });
    else if (j < m && (i >= n || t[i * w + j + 1] >= t[(i + 1) * w + j])) out.push({ op: 'insert', b: B[j++] });
    else out.push({ op: 'delete', a: A[i++] });
  }
  for (let k = a.length - suf; k < a.length; k++) out.push({ op: 'equal', a: a[k], b: b[k - a.length + b.length] });
  return out;
}

function merge(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const p of parts) {
    if (!p.text) continue;
    const last = out[out.length - 1];
    if (last && last.op === p.op) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

/** Word-level diff of two strings; whitespace-only changes between equal words stay equal. */
export function diffWords(before: string, after: string): DiffPart[] {
  if (before === after) return before ? [{ op: 'equal', text: before }] : [];
  const script = lcsScript(tokenize(before), tokenize(after), (x, y) => x === y || (/^\s+$/.test(x) && /^\s+$/.test(y)));
  if (!script) return merge([{ op: 'delete', text: before }, { op: 'insert', text: after }]);
  // Deletions before insertions within a changed run reads as "was X, now Y".
  const parts: DiffPart[] = [];
  let dels: string[] = [];
  let ins: string[] = [];
  const flush = () => {
    parts.push({ op: 'delete', text: dels.join('') }, { op: 'insert', text: ins.join('') });
    dels = [];
    ins = [];
  };
  for (const s of script) {
    if (s.op === 'equal') (flush(), parts.push({ op: 'equal', text: s.b as string }));
    else if (s.op === 'delete') dels.push(s.a as string);
    else ins.push(s.b as string);
  }
  flush();
  return merge(parts);
}

export type BlockChange = 'equal' | 'changed' | 'inserted' | 'deleted';
export interface BlockDiff {
  change: BlockChange;
  parts: DiffPart[];
}

/**
 * Blocks (paragraph texts) aligned by LCS; a deleted block directly
 * followed by an inserted one is shown as one changed block with a word
 * diff, which is how an editor reads "this paragraph was rewritten".
 */
export function diffBlocks(before: string[], after: string[]): BlockDiff[] {
  const script: Array<{ op: DiffOp; a?: string; b?: string }> = lcsScript(before, after, (x, y) => x === y) ?? [
    ...before.map((a) => ({ op: 'delete' as const, a })),
    ...after.map((b) => ({ op: 'insert' as const, b })),
  ];
  const out: BlockDiff[] = [];
  for (let k = 0; k < script.length; k++) {
    const s = script[k];
    if (s.op === 'equal') {
      out.push({ change: 'equal', parts: s.a ? [{ op: 'equal', text: s.a }] : [] });
      continue;
    }
    const dels: string[] = [];
    const ins: string[] = [];
    while (k < script.length && script[k].op !== 'equal') {
      if (script[k].op === 'delete') dels.push(script[k].a as string);
      else ins.push(script[k].b as string);
      k++;
    }
    k--;
    const pairs = Math.min(dels.length, ins.length);
    for (let p = 0; p < pairs; p++) out.push({ change: 'changed', parts: diffWords(dels[p], ins[p]) });
    for (const d of dels.slice(pairs)) out.push({ change: 'deleted', parts: [{ op: 'delete', text: d }] });
    for (const i of ins.slice(pairs)) out.push({ change: 'inserted', parts: [{ op: 'insert', text: i }] });
  }
  return out;
}
