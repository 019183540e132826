/** What changed, announced after the commit. */
export type ContentEvent =
  | { kind: 'article'; id: number; action: 'created' | 'updated' | 'deleted' | 'published' | 'unpublished' }
  | { kind: 'section' | 'tag' | 'person' | 'image' | 'settings'; id: number | string; action: 'created' | 'updated' | 'deleted' }
  /** A comment became visible or stopped being visible: story pages and comment feeds change. */
  | { kind: 'comment'; id: number; action: 'created' | 'updated' | 'deleted' };

export type Listener = (e: ContentEvent) => void;

/**
 * After-commit content events. In one process listeners are called in
 * turn; the scale-out mode bridges this bus to Redis pub/sub so every
 * instance hears every change (a publish must show everywhere within a second).
 */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  on(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  emit = (e: ContentEvent): void => {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // A failing listener must not undo or hide a committed write.
      }
    }
  };
}
