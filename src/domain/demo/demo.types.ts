/**
 * The demo newsroom as plain data. Stories refer to sections, people and
 * images by stable keys (slugs, image keys), never by database ids, so the
 * same data seeds any database the same way.
 */
export interface DemoSection {
  slug: string;
  name: string;
  description: string;
  /** Slug of the parent section, for nested sections. */
  parent?: string;
  position: number;
}

export interface DemoPerson {
  slug: string;
  name: string;
  roleTitle: string;
  bio: string;
  /** Key of a portrait in the image catalogue. */
  photo?: string;
}

export interface DemoTag {
  name: string;
  description: string;
}

export interface DemoPullQuote {
  text: string;
  attribution: string;
  /** Inserted after this many blocks of the Markdown body. */
  afterBlock: number;
}

export interface DemoStory {
  headline: string;
  dek: string;
  /** The place only ("Riverton", "Tehran"); the renderer formats it. */
  dateline: string;
  section: string;
  tags: string[];
  /** People slugs in byline order; absent for agency copy. */
  bylines?: string[];
  /** Agency or "Staff" credit line, for copy without a byline. */
  credit?: string;
  /** Publish time as hours before the seed's "now"; negative means scheduled. */
  hoursAgo: number;
  /** Featured image key. */
  image?: string;
  /**
   * Markdown. Body images are written `![alt](image:@key "caption")`; the
   * seed swaps `@key` for the id the media library gave that image.
   */
  body: string;
  pullQuote?: DemoPullQuote;
  corrections?: string[];
}
