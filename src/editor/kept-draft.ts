import type { JSONContent } from '@tiptap/core';

/**
 * A copy of the writer's text in this browser tab (sessionStorage), made
 * whenever a save may not reach the server: a save pressed while the site
 * cannot reach its database answers 503, and the page the writer comes
 * back to must still hold what they typed. The copy is tied to the story
 * and the version it was edited from; a later version means the save
 * landed, and the copy is dropped.
 */
export interface KeptDraft {
  fields: Record<string, string>;
  doc: JSONContent;
  /** The story version the text was edited from ('' for a story not yet created). */
  version: string;
  savedAt: number;
}

const keyFor = (storyId: string | undefined) => `dateline-draft:${storyId || 'new'}`;

export function keepDraft(storyId: string | undefined, draft: KeptDraft): void {
  try {
    sessionStorage.setItem(keyFor(storyId), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the text is still in the open page.
  }
}

export function dropDraft(storyId: string | undefined): void {
  try {
    sessionStorage.removeItem(keyFor(storyId));
  } catch {
    // nothing kept, nothing to drop
  }
}

/** The copy to restore on this page, if its save never landed; stale copies are dropped. */
export function draftToRestore(storyId: string | undefined, version: string, headline: string): KeptDraft | null {
  let kept: KeptDraft | null = null;
  try {
    kept = JSON.parse(sessionStorage.getItem(keyFor(storyId)) ?? 'null') as KeptDraft | null;
  } catch {
    kept = null;
  }
  // A new story whose save did land now opens under its id: its copy is no longer needed.
  if (storyId) {
    const fresh = (() => {
      try {
        return JSON.parse(sessionStorage.getItem(keyFor(undefined)) ?? 'null') as KeptDraft | null;
      } catch {
        return null;
      }
    })();
    if (fresh && fresh.fields.headline === headline) dropDraft(undefined);
  }
  if (!kept || typeof kept.doc !== 'object') return null;
  if (kept.version !== version) {
    dropDraft(storyId);
    return null;
  }
  return kept;
}
