import type { PageRevision, StaticPage } from '../../../domain/pages/index.ts';
import { thumbUrl } from '../media/thumb.ts';
import type { FieldErrors } from '../forms.ts';
import { CsrfField, Notice, TextField } from '../layout.tsx';
import { DataTable } from '../data-table.tsx';
import { editorAssets } from '../stories/assets.ts';
import { docToMarkdown } from '../stories/doc-markdown.ts';
import { ImageDialog, jsonForScript } from '../stories/story-editor.page.tsx';

export type PageValues = Record<'title' | 'slug' | 'bodyMarkdown' | 'version' | 'inMenu', string>;

export const pageValues = (p: StaticPage | null): PageValues =>
  p ? { title: p.title, slug: p.slug, bodyMarkdown: docToMarkdown(p.body), version: String(p.version), inMenu: p.menuPosition !== null ? 'on' : '' } : { title: '', slug: '', bodyMarkdown: '', version: '', inMenu: '' };

/**
 * The story editor's form, for a page: the same bundle (src/editor/main.ts)
 * boots on `#story-form` and turns the Markdown textarea into the TipTap
 * editor with images from the media library. Autosave is off: a page
 * changes only when someone presses a button, and each press is a revision.
 */
export function PageEditor(p: { page: StaticPage | null; csrf: string; v: PageValues; e: FieldErrors; images: Record<string, string>; notice?: { kind: 'success' | 'error'; text: string } }) {
  const { page, v, e } = p;
  const assets = editorAssets();
  const data = {
    doc: page?.body ?? { type: 'doc', content: [] },
    images: p.images,
    findings: [],
    people: [],
    autosave: false,
    urls: { autosave: '', create: '', upload: '/admin/media', library: '/admin/media?format=json', dismiss: '' },
  };
  const live = page?.status === 'published';
  return (
    <>
      <link rel="stylesheet" href={assets.css} />
      <script src={assets.js} defer />
      {p.notice ? <Notice kind={p.notice.kind}>{p.notice.text}</Notice> : null}
      {Object.keys(e).length && !p.notice ? <Notice kind="error">Not saved: see the field marked below.</Notice> : null}
      <form id="story-form" class="story-editor page-editor" method="post" action={page ? `/admin/pages/${page.id}` : '/admin/pages'} data-story-id={page ? `page-${page.id}` : ''}>
        <CsrfField token={p.csrf} />
        <input type="hidden" name="version" value={v.version} />
        <input type="hidden" name="bodyJson" value="" />
        <div class="story-main">
          <TextField name="title" label="Title" value={v.title} error={e.title} required maxLength={200} />
          <div class="body-field">
            <label for="body-markdown">Page</label>
            <div id="editor-mount" class="editor-mount" hidden />
            <div class="body-fallback">
              <p class="field-hint">Markdown: blank line between paragraphs, ## for a subheading, &gt; for a quote, ![alt](image:ID) for an image from the media library.</p>
              {e.body || e.bodyMarkdown ? <p class="field-error">{e.body || e.bodyMarkdown}</p> : null}
              <textarea id="body-markdown" name="bodyMarkdown" rows={20}>{v.bodyMarkdown}</textarea>
            </div>
          </div>
        </div>
        <aside class="story-rail">
          <section class="rail-box" aria-labelledby="page-publish-h">
            <h2 id="page-publish-h">{live ? 'Published' : 'Draft'}</h2>
            <p id="save-status" class="save-status" role="status" aria-live="polite" />
            <TextField name="slug" label="Address" value={v.slug} error={e.slug} maxLength={80} hint="The page lives at /address (e.g. about). Leave empty to make one from the title." />
            <div class="field field-check">
              <label>
                <input type="checkbox" name="inMenu" value="on" checked={v.inMenu === 'on'} /> Show in the footer menu
              </label>
            </div>
            {e.version ? <p class="field-error">{e.version}</p> : null}
            <div class="publish-actions">
              <button type="submit" name="status" value={live ? 'published' : 'draft'}>{page ? (live ? 'Update' : 'Save draft') : 'Save draft'}</button>
              {live ? (
                <button type="submit" name="status" value="draft" class="button-danger">
                  Unpublish
                </button>
              ) : (
                <button type="submit" name="status" value="published" class="button-secondary">
                  Publish
                </button>
              )}
            </div>
            {page ? (
              <p class="rail-links">
                <a href={`/admin/pages/${page.id}/preview`} target="_blank" rel="noopener">
                  Preview
                </a>
                {' · '}
                <a href={`/admin/pages/${page.id}/revisions`}>Revisions</a>
                {live ? (
                  <>
                    {' · '}
                    <a href={`/${page.slug}`} class="view-on-site">
                      View on site
                    </a>
                  </>
                ) : null}
              </p>
            ) : null}
          </section>
          <ol id="check-list" hidden />
        </aside>
      </form>
      {page ? (
        <form method="post" action={`/admin/pages/${page.id}/delete`} class="inline-form" data-confirm={`Delete the page ${page.title}? Its address will answer 404.`}>
          <CsrfField token={p.csrf} />
          <button type="submit" class="button-danger button-small">
            Delete page
          </button>
        </form>
      ) : null}
      <script type="application/json" id="story-data" dangerouslySetInnerHTML={{ __html: jsonForScript(data) }} />
      <ImageDialog />
    </>
  );
}

/** Image URLs the editor shows for the body's images, by id. */
export function editorImages(page: StaticPage | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, img] of page?.bodyImages ?? []) {
    const url = thumbUrl(img);
    if (url) out[String(id)] = url;
  }
  return out;
}

export function RevisionsList(p: { page: StaticPage; revisions: PageRevision[]; csrf: string }) {
  return (
    <>
      <p>Every save is kept. Restoring one saves its title, address and text again as a new revision; nothing is lost.</p>
      <DataTable caption={`Revisions of ${p.page.title}`} columns={['Version', 'Saved', 'By', 'Title', 'Status', '']}>
        {p.revisions.map((r) => (
          <tr>
            <td>{r.version}</td>
            <td>
              <time dateTime={r.createdAt}>{r.createdAt.slice(0, 16).replace('T', ' ')}</time>
            </td>
            <td>{r.actor}</td>
            <td>
              <bdi>{r.title}</bdi> <code>/{r.slug}</code>
            </td>
            <td>{r.status}</td>
            <td>
              {r.version === p.page.version ? (
                'current'
              ) : (
                <form method="post" action={`/admin/pages/${p.page.id}/revisions/${r.version}/restore`} class="inline-form">
                  <CsrfField token={p.csrf} />
                  <button type="submit" class="button-small button-secondary">
                    Restore
                  </button>
                </form>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      <p>
        <a href={`/admin/pages/${p.page.id}`}>← Back to the page</a>
      </p>
    </>
  );
}
