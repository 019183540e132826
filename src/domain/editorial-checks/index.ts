export * from './editorial-checks.types.ts';
export { runChecks, hasErrors, fingerprintOf, editorialRules, DEFAULT_MIN_CONFIDENCE, type CheckInput, type RunChecksOptions } from './engine.ts';
export { storyBlocks } from './story-blocks.ts';
export { formatFinding } from './format.ts';
