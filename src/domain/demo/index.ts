export { seedDemo, publishTime, storyDoc, type DemoServices, type SeedDemoOptions, type SeedDemoResult } from './seed.ts';
export { DEMO_STORIES } from './stories.ts';
export { DEMO_IMAGES, imageSvg } from './images.ts';
export { DEMO_PEOPLE, DEMO_SECTIONS, DEMO_SETTINGS, DEMO_TAGS } from './newsroom.ts';
export type { DemoStory } from './demo.types.ts';
