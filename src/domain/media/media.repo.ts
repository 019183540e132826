import { containsText, type Q } from '../../storage/index.ts';
import { imageIdsOf, type Doc } from '../articles/index.ts';

/** A place an image shows, as named in the refusal to delete it. */
export interface ImageUse {
  kind: 'featured' | 'inline' | 'photo' | 'logo';
  /** The story or person; absent for the site logo. */
  id?: number;
  /** Headline or name, for the message. */
  label?: string;
}

/** Enough places to tell an editor where to look; the message says when there are more. */
export const SHOWN = 5;

async function featuredIn(q: Q, id: number) {
  return q.selectFrom('articles').select(['id', 'headline']).where('featured_image_id', '=', id).orderBy('id').limit(SHOWN + 1).execute();
}

/**
 * Stories whose body has an image block for `id`. The stored body is JSON,
 * so a text match finds the candidates (`"imageId":12` also matches 123) and
 * the parsed document decides.
 */
async function inlineIn(q: Q, id: number) {
  const rows = await q.selectFrom('articles').select(['id', 'headline', 'body']).where(containsText('like', 'body', `"imageId":${id}`)).orderBy('id').execute();
  return rows.filter((r) => imageIdsOf(JSON.parse(r.body) as Doc).includes(id)).slice(0, SHOWN + 1);
}

async function photoOf(q: Q, id: number) {
  return q.selectFrom('people').select(['id', 'name']).where('photo_image_id', '=', id).orderBy('id').limit(SHOWN + 1).execute();
}

/**
 * The logo is stored as a URL of one of the image's files (the settings
 * page picks a variant). Read from the settings row in the caller's
 * transaction, not from a settings cache another instance may not have
 * refreshed yet.
 */
async function isSiteLogo(q: Q, key: string): Promise<boolean> {
  const row = await q.selectFrom('settings').select('value').where('key', '=', 'site').executeTakeFirst();
  const logoUrl = row ? (JSON.parse(row.value) as { logoUrl?: unknown }).logoUrl : undefined;
  return typeof logoUrl === 'string' && logoUrl.includes(`/media/${key}/`);
}

/** Every place that would show a broken image if `image` went, at most SHOWN + 1 of each kind (the extra one says "more"). */
export async function imageUses(q: Q, image: { id: number; key: string }): Promise<ImageUse[]> {
  // One after another: inside a transaction they share one connection anyway.
  const featured = await featuredIn(q, image.id);
  const inline = await inlineIn(q, image.id);
  const photos = await photoOf(q, image.id);
  const logo = await isSiteLogo(q, image.key);
  return [
    ...featured.map((r) => ({ kind: 'featured' as const, id: r.id, label: r.headline })),
    ...inline.map((r) => ({ kind: 'inline' as const, id: r.id, label: r.headline })),
    ...photos.map((r) => ({ kind: 'photo' as const, id: r.id, label: r.name })),
    ...(logo ? [{ kind: 'logo' as const }] : []),
  ];
}

/** Holds the image row until the transaction ends (PostgreSQL); story saves share-lock the images they use. */
export async function lockImageRow(q: Q, id: number, rowLocks: boolean): Promise<void> {
  if (rowLocks) await q.selectFrom('images').select('id').where('id', '=', id).forUpdate().execute();
}

/** True when the row was there to delete. */
export async function deleteImageRow(q: Q, id: number): Promise<boolean> {
  const r = await q.deleteFrom('images').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}
