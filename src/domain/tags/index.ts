export { TagsService, type Tag } from './tags.service.ts';
export { findTagRow, insertTagRow } from './tags.repo.ts';
