export { TagsService, type Tag } from './tags.service.ts';
