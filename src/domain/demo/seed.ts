import { markdownToDoc, parseArticleInput, type ArticlesService, type BlockNode, type Doc } from '../articles/index.ts';
import type { MediaService } from '../media/index.ts';
import type { PeopleService } from '../people/index.ts';
import type { SectionsService } from '../sections/index.ts';
import type { SettingsService } from '../settings/index.ts';
import { AppError, validationError } from '../shared/errors.ts';
import type { TagsService } from '../tags/index.ts';
import type { DemoPullQuote, DemoStory } from './demo.types.ts';
import { DEMO_IMAGES, renderImage } from './images.ts';
import { hashString } from './prng.ts';
import { DEMO_PEOPLE, DEMO_SECTIONS, DEMO_SETTINGS, DEMO_TAGS } from './newsroom.ts';
import { DEMO_STORIES } from './stories.ts';

export interface DemoServices {
  articles: ArticlesService;
  sections: SectionsService;
  tags: TagsService;
  people: PeopleService;
  media: MediaService;
  settings: SettingsService;
}

export interface SeedDemoOptions {
  /** The moment publish times are counted back from (default: the current time). */
  now?: Date;
  /**
   * Seed even though the database already holds content: sections, people
   * and tags with the demo's slugs are reused, stories are added next to
   * what is there (with their own slugs), and site settings are left alone.
   */
  force?: boolean;
}

export interface SeedDemoResult {
  articles: number;
  images: number;
}

/** Recorded as the actor in revisions and the audit log. */
const ACTOR = 'demo-seed';
const HOUR = 3_600_000;
const FIVE_MINUTES = 300_000;

/**
 * Fills an empty newsroom with the demo daily through the same domain
 * services the Admin API uses, so every story passes the same validation
 * a reporter's would. Refuses a database that already has content unless
 * `force` is given: a demo mixed into real copy is hard to take out again.
 */
export async function seedDemo(s: DemoServices, opts: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const now = opts.now ?? new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw validationError([{ field: 'now', message: 'must be a valid date' }]);
  if (!opts.force && !(await isEmpty(s))) {
    throw new AppError('CONFLICT', 'the database already holds content; demo content is only seeded into an empty database (use --force to add it anyway)');
  }
  if (!opts.force) await s.settings.update(DEMO_SETTINGS);
  const images = await importImages(s.media);
  await ensureSections(s.sections);
  await ensurePeople(s.people, images);
  await ensureTags(s.tags);
  // Oldest first, so story ids rise with publish time as they would in a real newsroom.
  const ordered = [...DEMO_STORIES].sort((a, b) => b.hoursAgo - a.hoursAgo);
  for (const story of ordered) await createStory(s.articles, story, images, now);
  return { articles: ordered.length, images: images.size };
}

/** Any section, person, tag or image means someone has started work here. */
async function isEmpty(s: DemoServices): Promise<boolean> {
  const [sections, people, tags, images] = await Promise.all([s.sections.list(), s.people.list(), s.tags.list(), s.media.list(1, 0)]);
  return sections.length + people.length + tags.length + images.length === 0;
}

/** Imported one at a time so image ids come out in catalogue order on every run. */
async function importImages(media: MediaService): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  let next = renderImage(DEMO_IMAGES[0]);
  for (let i = 0; i < DEMO_IMAGES.length; i++) {
    const img = DEMO_IMAGES[i];
    const data = await next;
    // Draw the next picture while this one is being encoded.
    if (i + 1 < DEMO_IMAGES.length) next = renderImage(DEMO_IMAGES[i + 1]);
    const saved = await media.importImage(data, { alt: img.alt, caption: img.caption, credit: img.credit, originalName: `${img.key}.jpg` });
    ids.set(img.key, saved.id);
  }
  return ids;
}

async function findOrNull<T>(get: () => Promise<T>): Promise<T | null> {
  try {
    return await get();
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
    throw e;
  }
}

async function ensureSections(sections: SectionsService): Promise<void> {
  const ids = new Map<string, number>();
  for (const d of DEMO_SECTIONS) {
    const parentId = d.parent ? ids.get(d.parent) : null;
    if (parentId === undefined) throw new Error(`demo section ${d.slug} lists its parent ${d.parent} after itself`);
    const found = await findOrNull(() => sections.get(d.slug));
    const saved = found ?? (await sections.create({ slug: d.slug, name: d.name, description: d.description, parentId, position: d.position }));
    ids.set(d.slug, saved.id);
  }
}

async function ensurePeople(people: PeopleService, images: Map<string, number>): Promise<void> {
  for (const p of DEMO_PEOPLE) {
    if (await findOrNull(() => people.get(p.slug))) continue;
    const photoImageId = p.photo ? imageId(images, p.photo) : null;
    await people.create({ slug: p.slug, name: p.name, roleTitle: p.roleTitle, bio: p.bio, photoImageId });
  }
}

async function ensureTags(tags: TagsService): Promise<void> {
  const existing = new Set((await tags.list()).map((t) => t.name.toLowerCase()));
  for (const t of DEMO_TAGS) if (!existing.has(t.name.toLowerCase())) await tags.create({ name: t.name, description: t.description });
}

function imageId(images: Map<string, number>, key: string): number {
  const id = images.get(key);
  if (id === undefined) throw new Error(`demo content refers to an unknown image "${key}"`);
  return id;
}

/**
 * Stories go out at plausible newsroom times: `hoursAgo` before now, pulled
 * back by up to 55 minutes (fixed per headline, so not every story lands on
 * the hour) and set on a five-minute mark. Never later than `hoursAgo` says,
 * so a story meant for the last 48 hours stays inside them.
 */
export function publishTime(now: Date, hoursAgo: number, headline = ''): Date {
  const jitter = (hashString(headline) % 12) * FIVE_MINUTES;
  return new Date(Math.floor((now.getTime() - hoursAgo * HOUR - jitter) / FIVE_MINUTES) * FIVE_MINUTES);
}

/** The story body as the editor stores it: Markdown converted, image keys resolved, pull quote placed. */
export function storyDoc(story: DemoStory, images: Map<string, number>): Doc {
  const markdown = story.body.replace(/image:@([a-z0-9-]+)/g, (_, key: string) => `image:${imageId(images, key)}`);
  const doc = markdownToDoc(markdown);
  return story.pullQuote ? withPullQuote(doc, story.pullQuote) : doc;
}

function withPullQuote(doc: Doc, q: DemoPullQuote): Doc {
  const node: BlockNode = { type: 'pullQuote', attrs: { attribution: q.attribution }, content: [{ type: 'paragraph', content: [{ type: 'text', text: q.text }] }] };
  const content = [...doc.content];
  content.splice(Math.min(q.afterBlock, content.length), 0, node);
  return { ...doc, content };
}

async function createStory(articles: ArticlesService, story: DemoStory, images: Map<string, number>, now: Date): Promise<void> {
  const raw: Record<string, unknown> = {
    headline: story.headline,
    dek: story.dek,
    dateline: story.dateline,
    body: storyDoc(story, images),
    section: story.section,
    tags: story.tags,
    status: 'published',
    publishedAt: publishTime(now, story.hoursAgo, story.headline).toISOString(),
  };
  if (story.bylines) raw.bylines = story.bylines;
  if (story.credit) raw.credit = story.credit;
  if (story.image) raw.featuredImageId = imageId(images, story.image);
  const saved = await articles.create(parseArticleInput(raw, 'create'), ACTOR);
  for (const text of story.corrections ?? []) await articles.addCorrection(saved.id, text, ACTOR);
}
