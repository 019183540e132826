import { validationError, type FieldProblem } from '../shared/errors.ts';
import { SHOWN, type ImageUse } from './media.repo.ts';

/** The library's words for an image, as a client may change them; lengths as the upload form's. */
export const META_LIMITS = { alt: 500, caption: 1000, credit: 200 } as const;
type MetaField = keyof typeof META_LIMITS;

/**
 * A JSON patch of an image's words: `{ alt?, caption?, credit? }`, strings
 * within their limits, nothing else. Every problem is listed, each under
 * its field, so a client fixes them in one go.
 */
export function parseImageMetaPatch(raw: unknown): Partial<Record<MetaField, string>> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw validationError([{ field: 'body', message: 'send a JSON object such as {"alt": "…", "caption": "…", "credit": "…"}' }]);
  }
  const problems: FieldProblem[] = [];
  const patch: Partial<Record<MetaField, string>> = {};
  for (const [field, value] of Object.entries(raw)) {
    if (!Object.hasOwn(META_LIMITS, field)) {
      problems.push({ field: field.slice(0, 40), message: 'is not a field of an image (alt, caption, credit)' });
      continue;
    }
    const max = META_LIMITS[field as MetaField];
    if (typeof value !== 'string') problems.push({ field, message: 'must be a string' });
    else if (value.length > max) problems.push({ field, message: `must be at most ${max} characters` });
    else patch[field as MetaField] = value;
  }
  if (problems.length) throw validationError(problems);
  return patch;
}

const PLACE: Record<ImageUse['kind'], (u: ImageUse) => string> = {
  featured: (u) => `the featured image of story ${u.id} “${u.label}”`,
  inline: (u) => `inline in the body of story ${u.id} “${u.label}”`,
  photo: (u) => `the photo of person ${u.id} “${u.label}”`,
  logo: () => 'the site logo (settings)',
};

/** "image 7 is used as …; …": what an editor must change before the image can go. */
export function inUseMessage(id: number, uses: ImageUse[]): string {
  const parts: string[] = [];
  for (const kind of ['featured', 'inline', 'photo', 'logo'] as const) {
    const of = uses.filter((u) => u.kind === kind);
    parts.push(...of.slice(0, SHOWN).map(PLACE[kind]));
    if (of.length > SHOWN) parts.push(`and more ${kind === 'photo' ? 'people' : 'stories'} like these`);
  }
  return `image ${id} is still used as ${parts.join('; ')}; remove it from there before deleting it`;
}
