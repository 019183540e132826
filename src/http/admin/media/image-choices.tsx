import type { ImageInfo } from '../../../domain/articles/index.ts';
import { thumbUrl } from './thumb.ts';

/**
 * Picking an image from the library without JavaScript: a radio button per
 * recent image (and the current one), each labelled by its thumbnail and
 * alt text, plus "none". New images are uploaded in the media library first.
 */
export function ImageChoices(p: { name: string; legend: string; images: ImageInfo[]; value: string; error?: string; hint?: string }) {
  const id = (v: string) => `${p.name}-${v || 'none'}`;
  return (
    <fieldset class={p.error ? 'field image-choices field-invalid' : 'field image-choices'}>
      <legend>{p.legend}</legend>
      {p.hint ? <p class="field-hint">{p.hint}</p> : null}
      {p.error ? <p class="field-error">{p.error}</p> : null}
      <div class="image-choice-grid">
        <label class="image-choice" for={id('')}>
          <input type="radio" id={id('')} name={p.name} value="" checked={p.value === ''} />
          <span class="image-choice-none">None</span>
        </label>
        {p.images.map((img) => (
          <label class="image-choice" for={id(String(img.id))}>
            <input type="radio" id={id(String(img.id))} name={p.name} value={String(img.id)} checked={p.value === String(img.id)} />
            <img src={thumbUrl(img)} alt="" loading="lazy" />
            <span class="image-choice-label">{`#${img.id} ${img.alt || '(no alt text)'}`}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The newest images, with the current one first if it is older than those. */
export async function imageChoicesFor(media: { list(limit: number, offset: number): Promise<ImageInfo[]>; get(id: number): Promise<ImageInfo> }, currentId: number | null, limit = 24): Promise<ImageInfo[]> {
  const recent = await media.list(limit, 0);
  if (currentId === null || recent.some((i) => i.id === currentId)) return recent;
  const current = await media.get(currentId).catch(() => null);
  return current ? [current, ...recent] : recent;
}
