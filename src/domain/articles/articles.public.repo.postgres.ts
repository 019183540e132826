import { sql } from 'kysely';
import { prepared, type Q } from '../../storage/index.ts';
import type { ArticleRow, ImageRow } from '../../storage/schema.ts';
import type { StoryExtras } from './articles.public.repo.ts';
import { imageFromRow } from './articles.repo.ts';
import type { ImageInfo, SectionRef } from './articles.types.ts';

/**
 * The public story page's read on PostgreSQL: the story and all its parts
 * (section, bylines, tags, corrections, its images, approved comment count)
 * in ONE statement, each part a JSON aggregate. On PostgreSQL every
 * statement is a network round trip and a trip through the pool; SQLite's
 * path (articles.public.repo.ts) stays a few small in-process statements,
 * which are cheaper there than one statement building JSON.
 *
 * Orders match that path: bylines and tags by position (then id),
 * corrections by time then id (`collate "C"`: the ISO text's byte order,
 * whatever the database's collation). The images are the featured image and
 * every top-level `image` and `embed` thumbnail of the body, as imageIdsOf()
 * lists them; row_to_json keeps the columns' names and types, so
 * imageFromRow() reads them as it reads a row.
 */
const storyById = prepared(1, (db, id: number) =>
  db
    .selectFrom('articles as a')
    .leftJoin('sections as s', 's.id', 'a.section_id')
    .selectAll('a')
    .select([
      's.slug as section_slug',
      's.name as section_name',
      's.parent_id as section_parent_id',
      sql<BylineJson[]>`(select coalesce(json_agg(json_build_object('id', p.id, 'slug', p.slug, 'name', p.name, 'roleTitle', p.role_title) order by ab.position, p.id), '[]')
        from article_bylines ab join people p on p.id = ab.person_id where ab.article_id = a.id)`.as('bylines_json'),
      sql<TagJson[]>`(select coalesce(json_agg(json_build_object('id', t.id, 'slug', t.slug, 'name', t.name) order by at.position, t.id), '[]')
        from article_tags at join tags t on t.id = at.tag_id where at.article_id = a.id)`.as('tags_json'),
      sql<CorrectionJson[]>`(select coalesce(json_agg(json_build_object('id', c.id, 'body', c.body, 'at', c.created_at) order by c.created_at collate "C", c.id), '[]')
        from corrections c where c.article_id = a.id)`.as('corrections_json'),
      sql<ImageRow[]>`(select coalesce(json_agg(row_to_json(i)), '[]') from images i where i.id in (
          select a.featured_image_id
          union select case when b->>'type' = 'image' then (b->'attrs'->>'imageId')::int else (b->'attrs'->>'thumbnailId')::int end
          from jsonb_array_elements(coalesce(a.body::jsonb->'content', '[]')) b where b->>'type' in ('image', 'embed')))`.as('images_json'),
      sql<number>`(select count(*) from comments k where k.article_id = a.id and k.status = 'approved')`.as('comment_count'),
    ])
    .where('a.id', '=', id),
);

interface BylineJson {
  id: number;
  slug: string;
  name: string;
  roleTitle: string;
}
interface TagJson {
  id: number;
  slug: string;
  name: string;
}
interface CorrectionJson {
  id: number;
  body: string;
  at: string;
}

export interface WholeStory {
  row: ArticleRow;
  section: SectionRef | null;
  extras: StoryExtras;
  images: Map<number, ImageInfo>;
  commentCount: number;
}

export async function findWholeStory(db: Q, id: number): Promise<WholeStory | undefined> {
  const r = (await storyById(db, id))[0];
  if (!r) return undefined;
  const { section_slug, section_name, section_parent_id, bylines_json, tags_json, corrections_json, images_json, comment_count, ...row } = r;
  const section = row.section_id !== null && section_slug !== null && section_name !== null ? { id: row.section_id, slug: section_slug, name: section_name, parentId: section_parent_id } : null;
  const extras: StoryExtras = {
    bylines: bylines_json,
    tags: tags_json,
    corrections: corrections_json.map((c) => ({ id: c.id, body: c.body, createdAt: new Date(c.at) })),
  };
  const images = new Map(images_json.map((i) => [i.id, imageFromRow(i)]));
  return { row, section, extras, images, commentCount: Number(comment_count) };
}
