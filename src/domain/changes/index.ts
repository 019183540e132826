export type { Change, ChangeInput, ChangeKind, ChangeListener, ChangeNotifier } from './changes.types.ts';
export { NO_FEED } from './changes.types.ts';
export { recordChange, recordChanges, changesAfter, lastChangeSeq, pruneChanges } from './changes.repo.ts';
export { ChangeFeed, RESET, type WakeSignal, type ChangeFeedDeps } from './change-feed.ts';
export { cacheTag } from './cache-tags.ts';
export { RedisWakeSignal } from './redis-signal.ts';
