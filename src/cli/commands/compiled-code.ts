import v8 from 'node:v8';

/**
 * V8 lets the old generation grow to several times what is live before a
 * full collection: the server's live heap is about 26 MB, its heap grew to
 * about 100 MB, and that slack was a third of the resident memory with
 * 100,000 stories. A 50% margin keeps it near 40 MB; a full collection of
 * so small a heap takes some 10 ms, every few seconds under load. V8 reads
 * this flag at each collection, so setting it at run time takes effect.
 */
const HEAP_GROWING_PERCENT = 50;

export function tuneHeap(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/** Set by the server bundle's loader (scripts/bundle-loader.mjs); absent when running from the sources. */
const KEEP = Symbol.for('dateline.keepCompiledCode');

/**
 * Asks the bundle's loader to keep the code V8 compiled so far for the next
 * start (a no-op when it already started from kept code, or under tsx).
 * V8 refuses a cache made under other flags than those of the process that
 * loads it, and a starting process has the default heap flag: it is set
 * back for the moment of the copy.
 */
export function keepCompiledCode(): void {
  const keep = (globalThis as Record<symbol, unknown>)[KEEP];
  if (typeof keep !== 'function') return;
  v8.setFlagsFromString('--heap-growing-percent=0');
  try {
    keep();
  } finally {
    tuneHeap();
  }
}

/** Long enough after listening for the first requests' code to be compiled too. */
export const KEEP_COMPILED_CODE_AFTER_MS = 5_000;
