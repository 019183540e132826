import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ImageInfo } from '../../../domain/articles/index.ts';
import { MAX_UPLOAD_BYTES } from '../../../domain/media/index.ts';
import { AppError } from '../../../domain/shared/errors.ts';
import type { HttpDeps } from '../../deps.ts';
import { field, parseId } from '../forms.ts';
import { csrfToken, CsrfField, Notice, requireCapability, sendAdminPage } from '../index.ts';
import { editorAssets } from '../stories/assets.ts';
import { thumbUrl } from './thumb.ts';

const PAGE = 48;

export interface UploadedFile {
  filename: string;
  data: Buffer;
}

export function imageJson(image: ImageInfo) {
  return { id: image.id, url: thumbUrl(image), width: image.width, height: image.height, alt: image.alt, caption: image.caption, credit: image.credit };
}

const wantsJson = (req: FastifyRequest) => (req.headers.accept ?? '').includes('application/json') || (req.query as Record<string, unknown>)?.format === 'json';

function MediaCard({ image }: { image: ImageInfo }) {
  const missing = [!image.alt ? 'alt text' : '', !image.credit ? 'credit' : ''].filter(Boolean);
  return (
    <li class="media-card">
      <a href={`/admin/media/${image.id}`}>
        <img src={thumbUrl(image)} alt={image.alt} loading="lazy" />
      </a>
      <div class="media-meta">
        <strong>#{image.id}</strong> · {image.width}×{image.height}
        <div>{image.caption || image.alt || 'No caption'}</div>
        {missing.length ? <div class="media-warning">Missing {missing.join(' and ')}</div> : <div class="field-hint">Credit: {image.credit}</div>}
      </div>
    </li>
  );
}

/**
 * The media library. Uploads are multipart, read into memory under the
 * size limit (no temp files to leave behind), and handed to the media
 * service, which decides the type from the bytes and re-encodes.
 */
export async function registerMediaRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 8, fieldSize: 4096, parts: 10, headerPairs: 100 },
    async onFile(part) {
      (part as unknown as { value: UploadedFile }).value = { filename: part.filename, data: await part.toBuffer() };
    },
  });
  const guard = { preHandler: requireCapability('articles:write-draft') };

  app.get('/media', guard, async (req, reply) => {
    const query = (req.query ?? {}) as Record<string, unknown>;
    const pageRaw = String(query.page ?? '1');
    const page = /^[1-9]\d{0,4}$/.test(pageRaw) ? Number(pageRaw) : 1;
    const search = typeof query.q === 'string' ? query.q.trim().slice(0, 200) : '';
    const [images, total] = await Promise.all([deps.media.list(PAGE, (page - 1) * PAGE, search), deps.media.count(search)]);
    const pageUrl = (n: number) => `/admin/media?${new URLSearchParams({ ...(search ? { q: search } : {}), page: String(n) })}`;
    if (wantsJson(req)) return { images: images.map(imageJson), total };
    return sendAdminPage(req, reply, {
      title: 'Media library',
      current: '/admin/media',
      content: (
        <>
          <link rel="stylesheet" href={editorAssets().css} />
          <form class="upload-box stack-form" method="post" action="/admin/media" enctype="multipart/form-data">
            <CsrfField token={csrfToken(req)} />
            <div class="field"><label for="up-file">Image (JPEG, PNG, WebP, AVIF or GIF; up to {MAX_UPLOAD_BYTES / 1024 / 1024} MB and 40 megapixels)</label><input id="up-file" name="file" type="file" required accept="image/jpeg,image/png,image/webp,image/avif,image/gif" /></div>
            <div class="field"><label for="up-alt">Alt text</label><p class="field-hint">What the image shows, for readers who cannot see it. Stories warn when it is missing.</p><input id="up-alt" name="alt" maxLength={500} /></div>
            <div class="field"><label for="up-caption">Caption</label><input id="up-caption" name="caption" maxLength={1000} /></div>
            <div class="field"><label for="up-credit">Credit</label><input id="up-credit" name="credit" maxLength={200} /></div>
            <button type="submit">Upload</button>
          </form>
          <form class="desk-filters" method="get" action="/admin/media" role="search">
            <div class="field">
              <label for="media-q">Search alt text, caption, credit or file name</label>
              <input id="media-q" name="q" type="search" value={search} maxLength={200} />
            </div>
            <button type="submit">Search</button>
            {search ? <a href="/admin/media">Show all</a> : null}
          </form>
          <p>{search ? `${total} ${total === 1 ? 'image matches' : 'images match'} “${search}”.` : `${total} images.`}</p>
          <ul class="media-grid">{images.map((i) => <MediaCard image={i} />)}</ul>
          <nav class="pager">
            {page > 1 ? <a href={pageUrl(page - 1)}>← Newer</a> : null}
            {page * PAGE < total ? <a href={pageUrl(page + 1)}>Older →</a> : null}
          </nav>
        </>
      ),
    });
  });

  app.post('/media', guard, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const file = body.file as UploadedFile | undefined;
    if (!file || !Buffer.isBuffer(file.data) || !file.data.length) throw new AppError('VALIDATION_FAILED', 'choose an image file to upload', { field: 'file' });
    const image = await deps.media.importImage(file.data, { alt: field(body, 'alt'), caption: field(body, 'caption'), credit: field(body, 'credit'), originalName: file.filename.slice(0, 255) });
    if (wantsJson(req)) return reply.code(201).send({ image: imageJson(image) });
    return reply.code(303).header('location', `/admin/media/${image.id}?uploaded=1`).send();
  });

  app.get('/media/:id', guard, async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const image = await deps.media.get(parseId(req.params.id));
    if (wantsJson(req)) return { image: imageJson(image) };
    const uploaded = (req.query as Record<string, unknown>)?.uploaded === '1';
    return sendAdminPage(req, reply, {
      title: `Image #${image.id}`,
      current: '/admin/media',
      content: (
        <>
          <link rel="stylesheet" href={editorAssets().css} />
          {uploaded ? <Notice kind="success">Uploaded. Check the alt text and credit before using it in a story.</Notice> : null}
          <p><img src={thumbUrl(image)} alt={image.alt} class="media-preview" /></p>
          <p class="field-hint">{image.width}×{image.height} · use in Markdown as <code>![alt](image:{image.id})</code></p>
          <form class="stack-form" method="post" action={`/admin/media/${image.id}`}>
            <CsrfField token={csrfToken(req)} />
            <div class="field"><label for="m-alt">Alt text</label><input id="m-alt" name="alt" value={image.alt} maxLength={500} /></div>
            <div class="field"><label for="m-caption">Caption</label><input id="m-caption" name="caption" value={image.caption} maxLength={1000} /></div>
            <div class="field"><label for="m-credit">Credit</label><input id="m-credit" name="credit" value={image.credit} maxLength={200} /></div>
            <button type="submit">Save</button>
          </form>
          <p><a href="/admin/media">← Media library</a></p>
        </>
      ),
    });
  });

  app.post('/media/:id', guard, async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const b = req.body;
    const image = await deps.media.updateMeta(parseId(req.params.id), { alt: field(b, 'alt'), caption: field(b, 'caption'), credit: field(b, 'credit') });
    if (wantsJson(req)) return { image: imageJson(image) };
    return reply.code(303).header('location', `/admin/media/${image.id}`).send();
  });
}
