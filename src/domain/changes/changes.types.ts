/**
 * A change, as written to the feed in the same transaction as the write it
 * reports. `tags` name every cached page that may show what changed (see
 * CONTEXT.md in this folder for the tag vocabulary); an empty list means no
 * public page shows it (a draft's edit), but the row is still written, so
 * later consumers (webhooks, importers) see every write.
 */
export type ChangeKind = 'article' | 'section' | 'tag' | 'person' | 'image' | 'settings' | 'house-spelling' | 'comment' | 'front-page' | 'page' | 'redirect';

export interface ChangeInput {
  kind: ChangeKind;
  id: number | string;
  action: string;
  tags: Iterable<string>;
}

/** A change read back from the feed, in commit order of its id. */
export interface Change {
  seq: number;
  kind: ChangeKind;
  id: string;
  action: string;
  tags: string[];
  at: string;
}

/** Told of every change an instance applies, in order, once. */
export type ChangeListener = (changes: readonly Change[]) => void | Promise<void>;

/**
 * What a write path needs: nothing inside the transaction but
 * `recordChange(trx, …)`; after commit, `committed()`, which resolves once
 * this instance has applied what was committed, so the answer to the write
 * never precedes the purge of its own pages.
 */
export interface ChangeNotifier {
  committed(): Promise<void>;
}

/** For code that writes nothing cached (tests of a service alone). */
export const NO_FEED: ChangeNotifier = { committed: async () => undefined };
