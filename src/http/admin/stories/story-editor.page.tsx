import { allowedMoves, canEditStory, canMoveStory, utcToZonedLocal, type Article, type ArticleStatus, type CheckFinding, type StaffActor } from '../../../domain/articles/index.ts';
import type { Person } from '../../../domain/people/index.ts';
import type { Section } from '../../../domain/sections/index.ts';
import { CsrfField, Notice } from '../index.ts';
import { editorAssets } from './assets.ts';
import { docToMarkdown } from './doc-markdown.ts';

export type Values = Record<string, string>;

export interface EditorPageProps {
  article: Article | null;
  staff: StaffActor;
  csrf: string;
  sections: Section[];
  people: Person[];
  timeZone: string;
  findings: Array<CheckFinding & { suggestion?: string; range: unknown }>;
  images: Record<string, string>;
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

const BUTTONS: Record<ArticleStatus, { intent: string; label: string; cls: string }> = {
  draft: { intent: 'draft', label: 'Back to draft', cls: 'button-secondary' },
  review: { intent: 'review', label: 'Send for review', cls: 'button-secondary' },
  scheduled: { intent: 'schedule', label: 'Schedule', cls: 'button-secondary' },
  published: { intent: 'publish', label: 'Publish now', cls: '' },
  unpublished: { intent: 'unpublish', label: 'Unpublish', cls: 'button-danger' },
};

function Field(p: { name: string; label: string; v: Values; e: Record<string, string>; hint?: string; cls?: string; type?: string; max?: number; area?: boolean; required?: boolean; list?: string }) {
  const id = `f-${p.name}`;
  const err = p.e[p.name];
  const describedBy = [p.hint ? `${id}-hint` : '', err ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, name: p.name, class: p.cls, maxLength: p.max, required: p.required, 'aria-invalid': err ? ('true' as const) : undefined, 'aria-describedby': describedBy };
  return (
    <div class={err ? 'field field-invalid' : 'field'}>
      <label for={id}>{p.label}</label>
      {p.hint ? <p class="field-hint" id={`${id}-hint`}>{p.hint}</p> : null}
      {err ? <p class="field-error" id={`${id}-error`}>{err}</p> : null}
      {p.area ? <textarea {...common} rows={2}>{p.v[p.name] ?? ''}</textarea> : <input {...common} type={(p.type ?? 'text') as 'text'} value={p.v[p.name] ?? ''} list={p.list} />}
    </div>
  );
}

function Select(p: { name: string; label: string; v: Values; options: Array<[string, string]> }) {
  return (
    <div class="field">
      <label for={`f-${p.name}`}>{p.label}</label>
      <select id={`f-${p.name}`} name={p.name}>
        {p.options.map(([value, label]) => (
          <option value={value} selected={(p.v[p.name] ?? '') === value}>{label}</option>
        ))}
      </select>
    </div>
  );
}

function sectionOptions(sections: Section[]): Array<[string, string]> {
  const depth = (s: Section): number => (s.parentId === null ? 0 : 1 + depth(sections.find((x) => x.id === s.parentId) ?? { ...s, parentId: null }));
  return [['', '— No section —'], ...sections.map((s): [string, string] => [s.slug, `${'  '.repeat(depth(s))}${depth(s) ? '↳ ' : ''}${s.name}`])];
}

export function StoryEditorPage(p: EditorPageProps) {
  const a = p.article;
  const v = p.values;
  const e = p.errors;
  const moves = a ? allowedMoves(p.staff, a) : p.staff.role === 'contributor' ? (['review'] as ArticleStatus[]) : (['review', 'scheduled', 'published'] as ArticleStatus[]);
  const status = a?.status ?? 'draft';
  // Rescheduling a scheduled story is a move to the same state, so it is not among `moves`.
  const canSchedule = a ? canEditStory(p.staff, a) && canMoveStory(p.staff, a.status === 'scheduled' ? 'draft' : a.status, 'scheduled') : moves.includes('scheduled');
  const assets = editorAssets();
  const data = {
    doc: a?.body ?? { type: 'doc', content: [] },
    images: p.images,
    findings: p.findings,
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
      {p.notice ? <Notice kind={p.notice.kind}>{p.notice.text}</Notice> : null}
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
          <section class="rail-box" aria-labelledby="publish-h">
            <h2 id="publish-h">
              Status: <span class={`status-badge status-${status}`}>{status === 'review' ? 'in review' : status}</span>
            </h2>
            {a?.publishedAt ? <p class="field-hint">Publish time: {utcToZonedLocal(a.publishedAt, p.timeZone).replace('T', ' ')} ({p.timeZone})</p> : null}
            <p id="save-status" class="save-status" role="status" aria-live="polite" />
            <div class="rail-actions">
              <button type="submit" name="intent" value="save">{a ? (status === 'published' ? 'Update' : 'Save') : 'Save draft'}</button>
              {moves.filter((m) => m !== 'scheduled').map((m) => (
                <button type="submit" name="intent" value={BUTTONS[m].intent} class={BUTTONS[m].cls}>{BUTTONS[m].label}</button>
              ))}
            </div>
            {canSchedule ? (
              <div class="field">
                <label for="f-publishAt">Schedule for ({p.timeZone})</label>
                {e.publishAt ? <p class="field-error">{e.publishAt}</p> : null}
                <input id="f-publishAt" name="publishAt" type="datetime-local" value={v.publishAt ?? ''} />
                <button type="submit" name="intent" value="schedule" class="button-secondary">Schedule</button>
              </div>
            ) : null}
            {a ? (
              <p>
                <a href={`/admin/stories/${a.id}/preview`} target="_blank" rel="noopener">Preview</a> · <a href={`/admin/stories/${a.id}/revisions`}>Revisions</a>
              </p>
            ) : null}
          </section>
          <section class="rail-box" aria-labelledby="checks-h">
            <h2 id="checks-h">Editorial checks</h2>
            <p id="check-empty" class="field-hint" hidden={p.findings.length > 0}>No findings. Checks run on every save.</p>
            <ol id="check-list" class="check-list">
              {p.findings.map((f) => (
                <li class={`finding finding-${f.severity}`}>
                  <span class="finding-severity">{f.severity}</span>
                  {f.message}
                  {f.suggestion ? <p class="finding-suggestion">Suggestion: {f.suggestion}</p> : null}
                </li>
              ))}
            </ol>
          </section>
          <section class="rail-box" aria-labelledby="meta-h">
            <h2 id="meta-h">Story details</h2>
            <Select name="section" label="Section" v={v} options={sectionOptions(p.sections)} />
            <Field name="tags" label="Tags" v={v} e={e} hint="Comma separated; new tags are created." />
            <Field name="bylines" label="Bylines" v={v} e={e} hint={`In order, comma separated: ${p.people.slice(0, 6).map((x) => x.slug).join(', ')}${p.people.length > 6 ? '…' : ''}`} list="people-list" />
            <datalist id="people-list">{p.people.map((x) => <option value={x.slug}>{x.name}</option>)}</datalist>
            <Field name="credit" label="Credit line" v={v} e={e} hint="Instead of or beside bylines: Staff, Reuters…" max={200} />
            <Field name="featuredImageId" label="Featured image (id)" v={v} e={e} hint="An id from the media library." />
            <Field name="language" label="Language" v={v} e={e} hint="BCP 47: en, fa, ar…" max={20} />
            <Select name="commentMode" label="Comments" v={v} options={[['default', 'Site default'], ['open', 'Open'], ['premoderated', 'Pre-moderated'], ['closed', 'Closed']]} />
          </section>
          <details class="rail-box more-fields">
            <summary>SEO, social and URL</summary>
            <Field name="slug" label="Slug" v={v} e={e} max={80} />
            <Field name="seoTitle" label="SEO title" v={v} e={e} max={300} />
            <Field name="seoDescription" label="SEO description" v={v} e={e} max={1000} area />
            <Field name="socialTitle" label="Social title" v={v} e={e} max={300} />
            <Field name="socialDescription" label="Social description" v={v} e={e} max={1000} area />
            <Field name="canonicalUrl" label="Canonical URL" v={v} e={e} type="url" max={2048} />
          </details>
        </aside>
      </form>
      <script type="application/json" id="story-data" dangerouslySetInnerHTML={{ __html: jsonForScript(data) }} />
      <ImageDialog />
    </>
  );
}

/** JSON inside a script element: `<`, `>`, `&` and U+2028/9 escaped so no text can close the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function ImageDialog() {
  return (
    <dialog id="image-dialog" aria-labelledby="image-dialog-h">
      <form method="dialog" class="stack-form">
        <h2 id="image-dialog-h">Add an image</h2>
        <div class="image-dialog-pick">
          <div class="field">
            <label for="image-file">Upload (JPEG, PNG, WebP, AVIF or GIF)</label>
            <input id="image-file" type="file" accept="image/jpeg,image/png,image/webp,image/avif,image/gif" />
          </div>
          <p class="field-hint">…or pick one from the library:</p>
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
