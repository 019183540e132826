export { importWordPress, type WordPressOptions } from './wordpress.ts';
export { importGhost } from './ghost.ts';
export { mobiledocToHtml, lexicalToHtml } from './ghost.content.ts';
export { htmlToDoc, htmlToText, type Converted } from './html-to-doc.ts';
export { ImportFormatError } from './xml-stream.ts';
export type { ImportDeps, ImportProgress, ImportResult, ImportCounts, CommentHasher } from './import.types.ts';
export { progressFigures } from './import.types.ts';
export { ImportRuns, IMPORT_JOB, type ImportKind, type ImportRunView, type RunState } from './import.runs.ts';
export { importDateline, ImportTargetError, type DatelineImportOptions, type DatelineImportResult } from './dateline.ts';
