export { PagesService, pageChangeTags, type StaticPage, type MenuEntry, type PageRevision } from './pages.service.ts';
export { parsePageInput, pageSlugProblem, PAGE_STATUSES, type PageInput, type PageStatus } from './pages.input.ts';
