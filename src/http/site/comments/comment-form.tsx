import type { ComponentChildren } from 'preact';
import type { MathQuestion } from '../../../domain/comments/index.ts';
import { MAX_BODY_CHARS, MAX_NAME_CHARS } from '../../../domain/comments/index.ts';

/** What the reader typed and what was wrong with it, for re-rendering the form. Never the CAPTCHA answer. */
export interface FormState {
  values: { name: string; email: string; authorUrl: string; body: string; parentId: string; notify: boolean };
  /** Field name → message, shown next to the field. */
  errors: Record<string, string>;
  /** The one-line summary at the top of the form (the first error, or the outcome). */
  message: string | null;
  /** After a successful post: "held for moderation" or "published". */
  notice: string | null;
}

export const EMPTY_FORM: FormState = {
  values: { name: '', email: '', authorUrl: '', body: '', parentId: '', notify: false },
  errors: {},
  message: null,
  notice: null,
};

export interface CommentFormProps {
  articleId: number;
  state: FormState;
  /** The arithmetic question (uncached form page); null on the cached story page, where the widget runs. */
  question: MathQuestion | null;
  /** Hidden until comments.js shows it (cached story page); shown on the form page. */
  hidden: boolean;
  replyingTo: { id: number; name: string } | null;
  /** False when the site has no mail server (SMTP_URL unset): the checkbox is shown off, with why. */
  mailOn?: boolean;
  /** In the story page's no-JavaScript frame: the post answers inside the frame. */
  inFrame?: boolean;
}

function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: ComponentChildren }) {
  return (
    <p class={error ? 'comment-field has-error' : 'comment-field'}>
      <label for={id}>{label}</label>
      {hint ? <span class="field-hint" id={`${id}-hint`}>{hint}</span> : null}
      {children}
      {error ? (
        <span class="field-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      ) : null}
    </p>
  );
}

const describedBy = (id: string, error?: string, hint?: boolean) => [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

export function CommentForm({ articleId, state, question, hidden, replyingTo, mailOn = true, inFrame = false }: CommentFormProps) {
  const v = state.values;
  const e = state.errors;
  return (
    <form id="comment-form" class="comment-form" method="post" action={`/news/${articleId}/comments`} data-comment-form="" hidden={hidden} accept-charset="utf-8">
      {state.notice ? (
        <p class="comment-notice" role="status">
          {state.notice}
        </p>
      ) : null}
      {state.message ? (
        <p class="comment-message" role="alert">
          {state.message}
        </p>
      ) : null}
      <p class="replying-to" hidden={!replyingTo} data-replying-to="">
        Replying to <bdi>{replyingTo?.name ?? ''}</bdi>. <a href="#comment-form" data-cancel-reply="">Cancel reply</a>
      </p>
      <input type="hidden" name="parent_id" value={v.parentId} />
      {inFrame ? <input type="hidden" name="frame" value="1" /> : null}
      <Field id="c-name" label="Name" error={e.name}>
        <input id="c-name" name="name" required maxLength={MAX_NAME_CHARS} autocomplete="name" dir="auto" value={v.name} aria-invalid={e.name ? 'true' : undefined} aria-describedby={describedBy('c-name', e.name)} />
      </Field>
      <Field id="c-email" label="Email" hint="Never shown. Used only if you ask for emails below." error={e.email}>
        <input id="c-email" name="email" type="email" required maxLength={254} autocomplete="email" value={v.email} aria-invalid={e.email ? 'true' : undefined} aria-describedby={describedBy('c-email', e.email, true)} />
      </Field>
      <Field id="c-url" label="Website (optional)" error={e.author_url}>
        <input id="c-url" name="author_url" type="url" maxLength={2000} autocomplete="url" value={v.authorUrl} aria-invalid={e.author_url ? 'true' : undefined} aria-describedby={describedBy('c-url', e.author_url)} />
      </Field>
      <Field id="c-body" label="Comment" hint={`Plain text, up to ${MAX_BODY_CHARS.toLocaleString('en')} characters. Links become clickable.`} error={e.body ?? e.parent_id}>
        <textarea id="c-body" name="body" required rows={8} maxLength={MAX_BODY_CHARS} dir="auto" aria-invalid={e.body ? 'true' : undefined} aria-describedby={describedBy('c-body', e.body ?? e.parent_id, true)}>
          {v.body}
        </textarea>
      </Field>
      <p class="comment-hp" aria-hidden="true">
        <label for="c-website">Leave this field empty</label>
        <input id="c-website" name="website" tabIndex={-1} autocomplete="off" value="" />
      </p>
      {mailOn ? (
        <p class="comment-field comment-notify">
          <input id="c-notify" name="notify" type="checkbox" value="on" checked={v.notify} />
          <label for="c-notify">Email me when my comment is published and when someone replies</label>
        </p>
      ) : (
        <p class="comment-field comment-notify">
          <input id="c-notify" type="checkbox" disabled aria-describedby="c-notify-off" />
          <label for="c-notify">Email me when my comment is published and when someone replies</label>{' '}
          <span class="field-hint" id="c-notify-off">
            Not available: this site does not send email.
          </span>
        </p>
      )}
      {question ? <MathField q={question} error={e.captcha_answer ?? e.captcha} /> : <WidgetField articleId={articleId} error={e.captcha} />}
      <p class="comment-submit">
        <button type="submit">Post comment</button>
      </p>
    </form>
  );
}

/** The no-JavaScript fallback: the question as text and in words, the answer kept server-side. */
function MathField({ q, error }: { q: MathQuestion; error?: string }) {
  return (
    <Field id="c-captcha" label={`Anti-spam question: ${q.a} + ${q.b} =`} hint={`(${q.words}) Type the answer in digits.`} error={error}>
      <input type="hidden" name="captcha_id" value={q.id} />
      <input id="c-captcha" name="captcha_answer" required inputMode="numeric" autocomplete="off" maxLength={3} size={3} value="" aria-describedby={describedBy('c-captcha', error, true)} />
    </Field>
  );
}

/** The proof-of-work widget: fetches its own fresh challenge, so the page around it can be cached. */
function WidgetField({ articleId, error }: { articleId: number; error?: string }) {
  return (
    <div class="comment-field comment-pow">
      <altcha-widget name="altcha" challenge={`/news/${articleId}/comments/challenge`} auto="onfocus" configuration='{"hideFooter":true,"hideLogo":true}'></altcha-widget>
      {error ? (
        <span class="field-error" id="c-captcha-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
