export { FrontPageService, type FrontPageDeps } from './front-page.service.ts';
export { parseChoicesInput } from './front-page.input.ts';
export { FRONT_PAGE_PIN_JOB, MAX_TOP_STORIES, NO_CHOICES, type FrontPageChoices, type StoryChoice, type SectionLeadChoice } from './front-page.types.ts';
