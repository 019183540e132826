export * from './articles.types.ts';
export { ArticlesService, nextPublication, type ArticlesDeps } from './articles.service.ts';
export { ArticleQueries, pickRelated, type PublicLookup, type LatestLoader } from './articles.public.ts';
export { parseArticleInput, directionOf, type ArticleInput } from './articles.input.ts';
export * from './document.ts';
export { markdownToDoc } from './markdown.ts';
export { imageFromRow, imagesByIds } from './articles.repo.ts';
// For importers, which write many stories per transaction with the same rows and change tags as the service.
export { insertArticle, insertArticles, findArticleRow, slugTaken, replaceArticleTags, replaceArticleBylines, insertRevision } from './articles.repo.ts';
export { storyFootprint, storyFootprints, type StoryFootprint } from './articles.footprint.repo.ts';
export { storyChangeTags } from './articles.changes.ts';
export {
  StoryWorkflow, canViewStory, canEditStory, canMoveStory, allowedMoves, staffActor, zonedLocalToUtc, utcToZonedLocal, LIVE_STATES,
  type StaffActor, type KeyActor, type StoryActor, type WorkflowDeps,
} from './articles.workflow.ts';
export { RevisionsService, diffSnapshots, blockLines, type RevisionSnapshot, type RevisionInfo, type RevisionDiff, type FieldChange } from './articles.revisions.ts';
export {
  NewsroomService, createNewsroom, type Newsroom, type NewsroomDeps, type Desk, type DeskItem, type DeskFilter, type StoredDismissal,
  type CheckableStory, type CheckFinding, type StoryChecker,
} from './articles.newsroom.ts';
export { diffWords, diffBlocks, tokenize, type DiffPart, type BlockDiff } from './text-diff.ts';
