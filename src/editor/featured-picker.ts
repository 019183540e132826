import type { ImageChoice, MediaDialog } from './media-dialog.ts';
import { imageUrls } from './node-views.ts';

/**
 * The featured image beside the story: the server renders a radio button per
 * recent library image; this adds "Upload or pick another…", which opens the
 * same dialog as body images. The words typed there (alt text, caption,
 * credit) are saved to the library, since that is where a featured image's
 * words live, and the image becomes the checked choice.
 */
export function enhanceFeatured(root: HTMLElement, media: MediaDialog, opts: { csrf: string; mediaUrl: (id: number) => string }): void {
  const grid = root.querySelector<HTMLElement>('.image-choice-grid');
  if (!grid) return;
  const status = document.createElement('p');
  status.className = 'field-hint';
  status.setAttribute('role', 'status');
  const open = document.createElement('button');
  open.type = 'button';
  open.className = 'button-secondary button-small';
  open.textContent = 'Upload or pick another image…';
  open.addEventListener('click', () => media.open(null, (c) => void choose(c)));
  grid.after(open, status);
  // The closed summary says what is chosen now, not what the page loaded with.
  const summary = root.querySelector('summary');
  grid.addEventListener('change', () => {
    const checked = grid.querySelector<HTMLInputElement>('input:checked');
    const text = checked?.closest('label')?.querySelector('.image-choice-label')?.textContent;
    if (summary) summary.textContent = `Featured image: ${checked?.value ? (text ?? `#${checked.value}`) : 'none'}`;
  });

  async function choose(c: ImageChoice): Promise<void> {
    const res = await fetch(opts.mediaUrl(c.imageId), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': opts.csrf },
      body: JSON.stringify({ alt: c.alt, caption: c.caption, credit: c.credit }),
    });
    if (!res.ok) {
      const json = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
      status.textContent = json.error?.message ?? `The image's details were not saved (${res.status}).`;
      return;
    }
    let radio = grid!.querySelector<HTMLInputElement>(`input[value="${c.imageId}"]`);
    if (!radio) radio = addChoice(grid!, c);
    radio.checked = true;
    radio.dispatchEvent(new Event('input', { bubbles: true }));
    radio.dispatchEvent(new Event('change', { bubbles: true }));
    status.textContent = `Image #${c.imageId} is the featured image. Save the story to keep it.`;
  }
}

function addChoice(grid: HTMLElement, c: ImageChoice): HTMLInputElement {
  const name = grid.querySelector<HTMLInputElement>('input[type=radio]')?.name ?? 'featuredImageId';
  const label = document.createElement('label');
  label.className = 'image-choice';
  const radio = document.createElement('input');
  radio.type = 'radio';
  radio.name = name;
  radio.value = String(c.imageId);
  radio.id = `${name}-${c.imageId}`;
  label.htmlFor = radio.id;
  const img = document.createElement('img');
  img.src = imageUrls.get(c.imageId) ?? '';
  img.alt = '';
  const text = document.createElement('span');
  text.className = 'image-choice-label';
  text.textContent = `#${c.imageId} ${c.alt}`;
  label.append(radio, img, text);
  // After "None", before the older images.
  grid.querySelector('.image-choice')?.after(label);
  return radio;
}
