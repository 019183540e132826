import { imageUrls } from './node-views.ts';

/**
 * The image dialog: upload a file into the media library (or pick one
 * already there), then say what it shows (alt text) and whose it is
 * (credit) before it goes into the story.
 */
export interface LibraryImage {
  id: number;
  url: string;
  alt: string;
  caption: string;
  credit: string;
}

export interface ImageChoice {
  imageId: number;
  alt: string;
  caption: string;
  credit: string;
}

function q<T extends HTMLElement>(root: ParentNode, sel: string): T {
  const e = root.querySelector(sel);
  if (!e) throw new Error(`editor page is missing ${sel}`);
  return e as T;
}

export class MediaDialog {
  private readonly dialog: HTMLDialogElement;
  private onDone: ((c: ImageChoice) => void) | null = null;
  private chosen: LibraryImage | null = null;
  /** The upload in flight: the file uploads on pick, and people type its words while it goes. */
  private uploading: Promise<void> | null = null;

  constructor(
    private readonly opts: { uploadUrl: string; listUrl: string; csrf: string },
  ) {
    this.dialog = q<HTMLDialogElement>(document, '#image-dialog');
    q<HTMLInputElement>(this.dialog, 'input[type=file]').addEventListener('change', () => {
      const run = this.upload()
        .catch(() => this.status('The upload did not reach the server. Check the connection and choose the file again.', true))
        .finally(() => {
          if (this.uploading === run) this.uploading = null;
        });
      this.uploading = run;
    });
    q<HTMLFormElement>(this.dialog, 'form').addEventListener('submit', (e) => void this.submit(e));
    q<HTMLButtonElement>(this.dialog, '[data-close]').addEventListener('click', () => this.dialog.close());
    const search = q<HTMLInputElement>(this.dialog, '#image-search');
    let timer: ReturnType<typeof setTimeout> | undefined;
    search.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void this.loadLibrary(search.value), 250);
    });
    // Enter in the search box searches; it must not submit the dialog's form.
    search.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter') return;
      e.preventDefault();
      clearTimeout(timer);
      void this.loadLibrary(search.value);
    });
  }

  /** The answer to the latest library request only: an older, slower one must not overwrite it. */
  private librarySeq = 0;

  private field(name: string): HTMLInputElement {
    return q<HTMLInputElement>(this.dialog, `[name="${name}"]`);
  }

  private status(text: string, error = false): void {
    const s = q<HTMLElement>(this.dialog, '.image-dialog-status');
    s.textContent = text;
    s.classList.toggle('is-error', error);
  }

  /** New image: `current` empty. Editing a placed image: its attributes, no library step. */
  open(current: Partial<ImageChoice> | null, done: (c: ImageChoice) => void): void {
    this.onDone = done;
    this.chosen = current?.imageId ? { id: current.imageId, url: imageUrls.get(current.imageId) ?? '', alt: '', caption: '', credit: '' } : null;
    for (const k of ['alt', 'caption', 'credit'] as const) this.field(k).value = current?.[k] ?? '';
    q<HTMLElement>(this.dialog, '.image-dialog-pick').hidden = Boolean(current?.imageId);
    this.preview();
    this.status('');
    this.dialog.showModal();
    if (!current?.imageId) {
      q<HTMLInputElement>(this.dialog, '#image-search').value = '';
      void this.loadLibrary('');
    }
  }

  private preview(): void {
    const img = q<HTMLImageElement>(this.dialog, '.image-dialog-preview');
    img.hidden = !this.chosen?.url;
    img.src = this.chosen?.url ?? '';
  }

  private choose(image: LibraryImage): void {
    this.chosen = image;
    imageUrls.set(image.id, image.url);
    // The library's words are the starting point; the story may say it differently.
    for (const k of ['alt', 'caption', 'credit'] as const) if (!this.field(k).value) this.field(k).value = image[k];
    this.preview();
    this.status(`Image ${image.id} selected.`);
  }

  private async loadLibrary(search: string): Promise<void> {
    const seq = ++this.librarySeq;
    const url = new URL(this.opts.listUrl, location.href);
    if (search.trim()) url.searchParams.set('q', search.trim());
    const res = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    if (seq !== this.librarySeq) return;
    if (!res.ok) return this.status(`The library could not be searched (${res.status}).`, true);
    const { images, total } = (await res.json()) as { images: LibraryImage[]; total: number };
    if (seq !== this.librarySeq) return;
    const grid = q<HTMLElement>(this.dialog, '.image-dialog-grid');
    grid.textContent = '';
    if (search.trim()) this.status(total ? `${total} ${total === 1 ? 'image matches' : 'images match'}${total > images.length ? `; the newest ${images.length} are shown` : ''}.` : 'No image matches.');
    for (const image of images) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'image-dialog-thumb';
      const img = document.createElement('img');
      img.src = image.url;
      img.alt = image.alt || `Image ${image.id}`;
      b.append(img);
      b.addEventListener('click', () => this.choose(image));
      grid.append(b);
    }
  }

  private async upload(): Promise<void> {
    const input = q<HTMLInputElement>(this.dialog, 'input[type=file]');
    const file = input.files?.[0];
    if (!file) return;
    this.status('Uploading…');
    const body = new FormData();
    for (const k of ['alt', 'caption', 'credit']) body.append(k, this.field(k).value);
    body.append('file', file);
    const res = await fetch(this.opts.uploadUrl, { method: 'POST', body, headers: { accept: 'application/json', 'x-csrf-token': this.opts.csrf }, credentials: 'same-origin' });
    const json = (await res.json().catch(() => ({}))) as { image?: LibraryImage; error?: { message: string } };
    input.value = '';
    if (!res.ok || !json.image) return this.status(json.error?.message ?? `Upload failed (${res.status}).`, true);
    this.choose(json.image);
    this.status('Uploaded to the media library.');
  }

  /**
   * Pressed while the upload is still going: wait for it, then take the words
   * as they are in the fields now, not as they were when the file was picked.
   */
  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    if (this.uploading) {
      this.status('Finishing the upload…');
      await this.uploading;
    }
    if (!this.chosen) return this.status('Upload an image or pick one from the library first.', true);
    const alt = this.field('alt').value.trim();
    if (!alt) {
      this.field('alt').focus();
      return this.status('Describe the image for readers who cannot see it (alt text).', true);
    }
    this.onDone?.({ imageId: this.chosen.id, alt, caption: this.field('caption').value.trim(), credit: this.field('credit').value.trim() });
    this.dialog.close();
  }
}
