import { seg } from './render/escape.ts';

/** Site-relative URLs of public pages; slugs may be non-Latin, so each is percent-encoded. */
export const storyPath = (a: { id: number; slug: string }) => `/news/${a.id}/${seg(a.slug)}`;
export const sectionPath = (slug: string) => `/section/${seg(slug)}`;
export const tagPath = (slug: string) => `/tag/${seg(slug)}`;
export const authorPath = (slug: string) => `/author/${seg(slug)}`;

/** Page N of a list: page 1 has no query, so it has one URL only. */
export function pagedPath(base: string, page: number): string {
  return page > 1 ? `${base}?page=${page}` : base;
}
