export { TagsService, type Tag } from './tags.service.ts';
export { findTagByName, findTagRow, insertTagRow } from './tags.repo.ts';
