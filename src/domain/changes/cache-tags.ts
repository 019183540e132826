/**
 * The cache-tag vocabulary, in one place: a page carries the tags of
 * everything it shows, a change names the tags it touches, and a purge
 * drops exactly the pages that share one. See CONTEXT.md in this folder.
 */
export const cacheTag = {
  /** A story's own content: its page, and every card, related block or feed entry that shows it. */
  story: (id: number | string) => `story:${id}`,
  /** Which published stories a section lists (its page, and story pages whose related block draws from it). */
  sectionList: (id: number | string) => `list:section:${id}`,
  /** A tag's name and description. */
  tag: (id: number | string) => `tag:${id}`,
  /** Which published stories carry a tag. */
  tagList: (id: number | string) => `list:tag:${id}`,
  /** A person's name, bio and photo choice. */
  person: (id: number | string) => `person:${id}`,
  /** Which published stories a person wrote. */
  personList: (id: number | string) => `list:person:${id}`,
  /** An image's alt, caption and credit. */
  image: (id: number | string) => `image:${id}`,
  /** A story's approved comments: its page and its comment feed. */
  comments: (storyId: number | string) => `comments:${storyId}`,
  /** The front page's choice and order of stories. */
  home: 'home',
  /** Site, section and comment feeds: they carry whole stories, so any public story change reaches them. */
  feeds: 'feeds',
  sitemaps: 'sitemaps',
  /** Site settings (name, logo, time zone): on every page. */
  settings: 'settings',
  /** The section tree (navigation, section names on cards): on every page. */
  sections: 'sections',
  /** Search results and the house spellings that widen them. */
  search: 'search',
  /** Not-found pages of names (a section, tag or author slug) that a new or renamed one may now answer. */
  missing: 'missing',
  /** Old addresses answered with a redirect (imports add them, and the redirects manager's rules). */
  redirects: 'redirects',
  /** A static page's own content (its page). */
  page: (id: number | string) => `page:${id}`,
  /** Which static pages are public, their titles and slugs: the footer menu on every page, and the sitemap. */
  pages: 'pages',
  /** Everything. Only the feed's reset sends it. */
  all: '*',
} as const;
