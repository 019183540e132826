export * from './articles.types.ts';
export { ArticlesService, nextPublication, type ArticlesDeps } from './articles.service.ts';
export { ArticleQueries, type PublicLookup } from './articles.public.ts';
export { parseArticleInput, directionOf, type ArticleInput } from './articles.input.ts';
export * from './document.ts';
export { markdownToDoc } from './markdown.ts';
export { imageFromRow, escapeLike, imagesByIds } from './articles.repo.ts';
