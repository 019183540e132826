import { allowedMoves, canEditStory, canMoveStory, utcToZonedLocal, type Article, type ArticleStatus, type ImageInfo, type StaffActor } from '../../../domain/articles/index.ts';
import type { Person } from '../../../domain/people/index.ts';
import type { Section } from '../../../domain/sections/index.ts';
import { SelectField } from '../fields.tsx';
import { ImageChoices } from '../media/image-choices.tsx';
import { thumbUrl } from '../media/thumb.ts';
import { Field, sectionOptions, type Values } from './story-fields.tsx';

/** The column beside the story: publishing, checks, the story's details, SEO. */

const BUTTONS: Record<ArticleStatus, { intent: string; label: string; cls: string }> = {
  draft: { intent: 'draft', label: 'Back to draft', cls: 'button-secondary' },
  review: { intent: 'review', label: 'Send for review', cls: 'button-secondary' },
  scheduled: { intent: 'schedule', label: 'Schedule', cls: 'button-secondary' },
  published: { intent: 'publish', label: 'Publish now', cls: '' },
  unpublished: { intent: 'unpublish', label: 'Unpublish', cls: 'button-danger' },
};

export function PublishBox(p: { article: Article | null; staff: StaffActor; timeZone: string; v: Values; e: Record<string, string> }) {
  const { article: a, v, e } = p;
  const moves = a ? allowedMoves(p.staff, a) : p.staff.role === 'contributor' ? (['review'] as ArticleStatus[]) : (['review', 'scheduled', 'published'] as ArticleStatus[]);
  const status = a?.status ?? 'draft';
  // Rescheduling a scheduled story is a move to the same state, so it is not among `moves`.
  const canSchedule = a ? canEditStory(p.staff, a) && canMoveStory(p.staff, a.status === 'scheduled' ? 'draft' : a.status, 'scheduled') : moves.includes('scheduled');
  return (
    <section class="rail-box" aria-labelledby="publish-h">
      <h2 id="publish-h">
        Status: <span class={`status-badge status-${status}`}>{status === 'review' ? 'in review' : status}</span>
      </h2>
      {a?.publishedAt ? <p class="field-hint">Publish time: {utcToZonedLocal(a.publishedAt, p.timeZone).replace('T', ' ')} ({p.timeZone})</p> : null}
      <p id="save-status" class="save-status" role="status" aria-live="polite" />
      <div class="rail-actions">
        <button type="submit" name="intent" value="save">{a ? (status === 'published' ? 'Update' : 'Save') : 'Save draft'}</button>
        {moves
          .filter((m) => m !== 'scheduled')
          .map((m) => (
            <button type="submit" name="intent" value={BUTTONS[m].intent} class={BUTTONS[m].cls}>
              {BUTTONS[m].label}
            </button>
          ))}
      </div>
      {canSchedule ? (
        <div class="field">
          <label for="f-publishAt">Schedule for ({p.timeZone})</label>
          {e.publishAt ? <p class="field-error">{e.publishAt}</p> : null}
          <input id="f-publishAt" name="publishAt" type="datetime-local" value={v.publishAt ?? ''} />
          <button type="submit" name="intent" value="schedule" class="button-secondary">
            Schedule
          </button>
        </div>
      ) : null}
      {a ? (
        <p>
          <a href={`/admin/stories/${a.id}/preview`} target="_blank" rel="noopener">
            Preview
          </a>{' '}
          · <a href={`/admin/stories/${a.id}/revisions`}>Revisions</a>
        </p>
      ) : null}
    </section>
  );
}

export function ChecksBox({ findings }: { findings: Array<{ severity: string; message: string; suggestion?: string; ranges?: unknown[] }> }) {
  return (
    <section class="rail-box" aria-labelledby="checks-h">
      <h2 id="checks-h">Editorial checks</h2>
      <p id="check-empty" class="field-hint" hidden={findings.length > 0}>
        No findings. Checks run on every save.
      </p>
      <ol id="check-list" class="check-list">
        {findings.map((f) => (
          <li class={`finding finding-${f.severity}`}>
            <span class="finding-severity">{f.severity}</span>
            {f.message}
            {f.ranges && f.ranges.length > 1 ? <span class="finding-places"> ({f.ranges.length} places)</span> : null}
            {f.suggestion ? <p class="finding-suggestion">Suggestion: {f.suggestion}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * Bylines: a text field of slugs in order, which the editor script turns
 * into a list to add to, reorder and remove from; without the script the
 * datalist offers the names as one types.
 */
function BylinesField({ v, e, people }: { v: Values; e: Record<string, string>; people: Person[] }) {
  const hint = `In order, comma separated: ${people.slice(0, 6).map((x) => x.slug).join(', ')}${people.length > 6 ? '…' : ''}`;
  return (
    <div class="byline-field" data-byline-picker>
      <Field name="bylines" label="Bylines" v={v} e={e} hint={hint} list="people-list" />
      <datalist id="people-list">
        {people.map((x) => (
          <option value={x.slug}>{x.name}</option>
        ))}
      </datalist>
    </div>
  );
}

/** The featured image: chosen from the newest library images (radio buttons), or uploaded from the editor script. */
function FeaturedImageField({ v, e, images }: { v: Values; e: Record<string, string>; images: ImageInfo[] }) {
  const current = images.find((i) => String(i.id) === v.featuredImageId);
  return (
    <details class="featured-field" data-featured-picker open={Boolean(e.featuredImageId)}>
      <summary>
        Featured image:{' '}
        {current ? (
          <>
            <img class="featured-thumb" src={thumbUrl(current)} alt="" /> <span>{`#${current.id} ${current.alt || '(no alt text)'}`}</span>
          </>
        ) : v.featuredImageId ? (
          `#${v.featuredImageId}`
        ) : (
          'none'
        )}
      </summary>
      <ImageChoices
        name="featuredImageId"
        legend="Choose the featured image"
        images={images}
        value={v.featuredImageId ?? ''}
        error={e.featuredImageId}
        hint="Shown on the story, in lists and when it is shared. The newest images of the media library."
      />
    </details>
  );
}

export function DetailsBox(p: { v: Values; e: Record<string, string>; sections: Section[]; people: Person[]; featuredChoices: ImageInfo[] }) {
  const { v, e } = p;
  return (
    <section class="rail-box" aria-labelledby="meta-h">
      <h2 id="meta-h">Story details</h2>
      <SelectField name="section" label="Section" value={v.section} options={sectionOptions(p.sections)} />
      <Field name="tags" label="Tags" v={v} e={e} hint="Comma separated; new tags are created." />
      <BylinesField v={v} e={e} people={p.people} />
      <Field name="credit" label="Credit line" v={v} e={e} hint="Instead of or beside bylines: Staff, Reuters…" max={200} />
      <FeaturedImageField v={v} e={e} images={p.featuredChoices} />
      <Field name="language" label="Language" v={v} e={e} hint="BCP 47: en, fa, ar…" max={20} />
      <SelectField
        name="commentMode"
        label="Comments"
        value={v.commentMode}
        options={[
          ['default', 'Site default'],
          ['open', 'Open'],
          ['premoderated', 'Pre-moderated'],
          ['closed', 'Closed'],
        ]}
      />
    </section>
  );
}

export function SeoBox({ v, e }: { v: Values; e: Record<string, string> }) {
  return (
    <details class="rail-box more-fields">
      <summary>SEO, social and URL</summary>
      <Field name="slug" label="Slug" v={v} e={e} max={80} />
      <Field name="seoTitle" label="SEO title" v={v} e={e} max={300} />
      <Field name="seoDescription" label="SEO description" v={v} e={e} max={1000} area />
      <Field name="socialTitle" label="Social title" v={v} e={e} max={300} />
      <Field name="socialDescription" label="Social description" v={v} e={e} max={1000} area />
      <Field name="canonicalUrl" label="Canonical URL" v={v} e={e} type="url" max={2048} />
    </details>
  );
}
