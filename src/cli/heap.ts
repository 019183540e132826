import v8 from 'node:v8';

/**
 * V8 lets the old generation grow to several times what is live before a
 * full collection. The server's live heap is about 26 MB and its heap grew
 * to about 100 MB: with 100,000 stories that slack was a third of its
 * resident memory. An import's live heap is some 30 MB (a batch of posts,
 * their documents and statements) and its old generation grew to 85 MB
 * between collections; at 10,000 posts its peak RSS went from 231 MB to
 * 180 MB with this (docs/import.md). A 50% margin keeps the heap near
 * what is live; a full collection of so small a heap takes some 10 ms.
 * V8 reads the flag at each collection, so setting it once the process
 * runs takes effect.
 */
const HEAP_GROWING_PERCENT = 50;

/** For the long-running commands (`serve`, `import`): a heap kept near its live size. */
export function keepHeapNearLive(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
