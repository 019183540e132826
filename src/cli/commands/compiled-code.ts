import v8 from 'node:v8';
import { keepHeapNearLive } from '../heap.ts';

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
    keepHeapNearLive();
  }
}

/** Long enough after listening for the first requests' code to be compiled too. */
export const KEEP_COMPILED_CODE_AFTER_MS = 5_000;
