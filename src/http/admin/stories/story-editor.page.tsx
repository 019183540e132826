import { storyPath } from '../../site/paths.ts';
import { utcToZonedLocal, type Article, type CheckFinding, type ImageInfo, type StaffActor } from '../../../domain/articles/index.ts';
import type { ConfiguredProvider } from '../../../domain/embeds/index.ts';
import type { Person } from '../../../domain/people/index.ts';
import type { Section } from '../../../domain/sections/index.ts';
import { CsrfField, Notice } from '../index.ts';
import { editorAssets } from './assets.ts';
import { docToMarkdown } from './doc-markdown.ts';
import { CorrectionsSection, DeleteSection } from './story-after.tsx';
import type { Values } from './story-fields.tsx';
import { Field } from './story-fields.tsx';
import { ChecksBox, DetailsBox, PublishBox, SeoBox } from './story-rail.tsx';

export type { Values } from './story-fields.tsx';

export interface EditorPageProps {
  article: Article | null;
  staff: StaffActor;
  csrf: string;
  sections: Section[];
  people: Person[];
  timeZone: string;
  findings: Array<CheckFinding & { suggestion?: string; range: unknown }>;
  images: Record<string, string>;
  /** Library images offered as the featured image (the newest, and the current one). */
  featuredChoices: ImageInfo[];
  /** The operator's oEmbed providers (EMBED_PROVIDERS): the editor adds them to the same built-in table the server uses. */
  embedProviders?: readonly ConfiguredProvider[];
  values: Values;
  errors: Record<string, string>;
  notice?: { kind: 'error' | 'success' | 'info'; text: string };
}

/** Form values of a stored story (the form re-renders from submitted values instead after an error). */
export function valuesOf(a: Article | null, timeZone: string): Values {
  if (!a) return { language: 'en', commentMode: 'default' };
  return {
    headline: a.headline, dek: a.dek, dateline: a.dateline, credit: a.credit, language: a.language, commentMode: a.commentMode,
    seoTitle: a.seoTitle, seoDescription: a.seoDescription, socialTitle: a.socialTitle, socialDescription: a.socialDescription,
    canonicalUrl: a.canonicalUrl, slug: a.slug, section: a.section?.slug ?? '', tags: a.tags.map((t) => t.name).join(', '),
    bylines: a.bylines.map((p) => p.slug).join(', '), featuredImageId: a.featuredImage ? String(a.featuredImage.id) : '',
    version: String(a.version), bodyMarkdown: docToMarkdown(a.body),
    publishAt: a.publishedAt && a.status === 'scheduled' ? utcToZonedLocal(a.publishedAt, timeZone) : '',
  };
}

export function StoryEditorPage(p: EditorPageProps) {
  const a = p.article;
  const v = p.values;
  const e = p.errors;
  const status = a?.status ?? 'draft';
  const assets = editorAssets();
  const data = {
    doc: a?.body ?? { type: 'doc', content: [] },
    images: p.images,
    embedProviders: p.embedProviders ?? [],
    findings: p.findings,
    people: p.people.map((x) => ({ slug: x.slug, name: x.name, roleTitle: x.roleTitle })),
    autosave: status === 'draft' || status === 'review',
    urls: {
      autosave: a ? `/admin/stories/${a.id}/autosave` : '',
      create: '/admin/stories/autosave',
      upload: '/admin/media',
      library: '/admin/media?format=json',
      dismiss: a ? `/admin/stories/${a.id}/dismissals` : '',
    },
  };
  return (
    <>
      <link rel="stylesheet" href={assets.css} />
      <script src={assets.js} defer />
      {p.notice ? (
        <Notice kind={p.notice.kind}>
          {p.notice.text}
          {a && a.status === 'published' && p.notice.kind === 'success' ? (
            <>
              {' '}
              <a href={storyPath(a)} class="view-on-site">
                View on site
              </a>
            </>
          ) : null}
        </Notice>
      ) : a && a.status === 'published' ? (
        <p class="view-on-site-line">
          <a href={storyPath(a)} class="view-on-site">
            View on site
          </a>
        </p>
      ) : null}
      <form id="story-form" class="story-editor" method="post" action={a ? `/admin/stories/${a.id}` : '/admin/stories'} data-story-id={a ? String(a.id) : ''}>
        <CsrfField token={p.csrf} />
        <input type="hidden" name="version" value={v.version ?? ''} />
        <input type="hidden" name="bodyJson" value="" />
        <div class="story-main">
          <Field name="headline" label="Headline" v={v} e={e} cls="headline-input" max={300} required />
          <Field name="dek" label="Dek (standfirst)" v={v} e={e} cls="dek-input" max={600} area />
          <Field name="dateline" label="Dateline" v={v} e={e} max={80} hint="The place only, e.g. Tehran. It is printed in capitals before the first paragraph." />
          <div class="body-field">
            <label for="body-markdown">Story</label>
            <div id="editor-mount" class="editor-mount" hidden />
            <div class="body-fallback">
              <p class="field-hint">Markdown: blank line between paragraphs, ## for a subheading, &gt; for a quote, ![alt](image:ID) for an image from the media library.</p>
              {e.body || e.bodyMarkdown ? <p class="field-error">{e.body || e.bodyMarkdown}</p> : null}
              <textarea id="body-markdown" name="bodyMarkdown" rows={24}>{v.bodyMarkdown ?? ''}</textarea>
            </div>
          </div>
        </div>
        <aside class="story-rail">
          <PublishBox article={a} staff={p.staff} timeZone={p.timeZone} v={v} e={e} />
          <ChecksBox findings={p.findings} />
          <DetailsBox v={v} e={e} sections={p.sections} people={p.people} featuredChoices={p.featuredChoices} />
          <SeoBox v={v} e={e} />
        </aside>
      </form>
      {a ? <CorrectionsSection article={a} staff={p.staff} csrf={p.csrf} timeZone={p.timeZone} v={v} e={e} /> : null}
      {a ? <DeleteSection article={a} staff={p.staff} csrf={p.csrf} /> : null}
      <script type="application/json" id="story-data" dangerouslySetInnerHTML={{ __html: jsonForScript(data) }} />
      <ImageDialog />
    </>
  );
}

/** JSON inside a script element: `<`, `>`, `&` and U+2028/9 escaped so no text can close the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function ImageDialog() {
  return (
    <dialog id="image-dialog" aria-labelledby="image-dialog-h">
      <form method="dialog" class="stack-form">
        <h2 id="image-dialog-h">Add an image</h2>
        <div class="image-dialog-pick">
          <div class="field">
            <label for="image-file">Upload (JPEG, PNG, WebP, AVIF or GIF)</label>
            <input id="image-file" type="file" accept="image/jpeg,image/png,image/webp,image/avif,image/gif" />
          </div>
          <div class="field">
            <label for="image-search">…or pick one from the library (search alt text, caption, credit or file name):</label>
            <input id="image-search" type="search" maxLength={200} autocomplete="off" />
          </div>
          <div class="image-dialog-grid" />
        </div>
        <img class="image-dialog-preview" alt="" hidden />
        <p class="image-dialog-status" role="status" />
        <div class="field"><label for="image-alt">Alt text (required)</label><input id="image-alt" name="alt" maxLength={500} /></div>
        <div class="field"><label for="image-caption">Caption</label><input id="image-caption" name="caption" maxLength={1000} /></div>
        <div class="field"><label for="image-credit">Credit</label><input id="image-credit" name="credit" maxLength={200} /></div>
        <div class="dialog-actions">
          <button type="button" class="button-secondary" data-close>Cancel</button>
          <button type="submit">Insert image</button>
        </div>
      </form>
    </dialog>
  );
}
