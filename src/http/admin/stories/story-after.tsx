import { can } from '../../../domain/access/index.ts';
import { utcToZonedLocal, type Article, type StaffActor } from '../../../domain/articles/index.ts';
import { CsrfField } from '../layout.tsx';
import type { Values } from './story-fields.tsx';

/**
 * Below the editor: the story's corrections (dated notes readers see at the
 * foot of the story) and, for editors, deleting it. Separate forms, since
 * forms cannot nest inside the story form.
 */
export function CorrectionsSection(p: { article: Article; staff: StaffActor; csrf: string; timeZone: string; v: Values; e: Record<string, string> }) {
  const { article: a } = p;
  const mayCorrect = can(p.staff.role, 'articles:edit-any') && a.firstPublishedAt !== null;
  if (!a.corrections.length && !mayCorrect) return null;
  return (
    <section class="story-after" aria-labelledby="corrections-h">
      <h2 id="corrections-h">Corrections</h2>
      {a.corrections.length ? (
        <ol class="correction-list">
          {a.corrections.map((c) => (
            <li>
              <time dateTime={c.createdAt.toISOString()}>{utcToZonedLocal(c.createdAt, p.timeZone).replace('T', ' ')}</time> — {c.body}
            </li>
          ))}
        </ol>
      ) : (
        <p class="field-hint">None yet.</p>
      )}
      {mayCorrect ? (
        <form method="post" action={`/admin/stories/${a.id}/corrections`} class="stack-form" novalidate>
          <CsrfField token={p.csrf} />
          <div class={p.e.correction ? 'field field-invalid' : 'field'}>
            <label for="f-correction">Append a correction</label>
            <p class="field-hint" id="f-correction-hint">
              Published with today's date at the foot of the story. Say what was wrong and what is right; fix the text itself too.
            </p>
            {p.e.correction ? (
              <p class="field-error" id="f-correction-error">
                {p.e.correction}
              </p>
            ) : null}
            <textarea id="f-correction" name="body" rows={3} maxLength={2000} aria-describedby={p.e.correction ? 'f-correction-hint f-correction-error' : 'f-correction-hint'} aria-invalid={p.e.correction ? 'true' : undefined}>
              {p.v.correction ?? ''}
            </textarea>
          </div>
          <button type="submit" class="button-secondary">
            Publish correction
          </button>
        </form>
      ) : null}
    </section>
  );
}

export function DeleteSection({ article: a, staff, csrf }: { article: Article; staff: StaffActor; csrf: string }) {
  if (!can(staff.role, 'articles:delete')) return null;
  return (
    <section class="story-after" aria-labelledby="delete-h">
      <h2 id="delete-h">Delete this story</h2>
      <p class="field-hint">Deleting removes the story, its revisions and its comments for good. To take a published story down and keep it, press Unpublish instead.</p>
      <form method="post" action={`/admin/stories/${a.id}/delete`} data-confirm={`Delete “${a.headline}” for good? This cannot be undone.`}>
        <CsrfField token={csrf} />
        <button type="submit" class="button-danger">
          Delete story
        </button>
      </form>
    </section>
  );
}
