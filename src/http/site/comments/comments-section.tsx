import type * as preact from 'preact';
import type { CommentTarget, MathQuestion, ThreadedComment } from '../../../domain/comments/index.ts';
import { CommentItem } from './comment-body.tsx';
import { renderToString } from 'preact-render-to-string';
import type { Fragments } from '../page-cache.ts';
import { raw } from '../render/raw.ts';
import { CommentForm, EMPTY_FORM, type FormState } from './comment-form.tsx';

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'altcha-widget': preact.HTMLAttributes<HTMLElement> & { name?: string; challenge?: string; auto?: string; configuration?: string };
    }
  }
}

export type CommentOrder = 'oldest' | 'newest';

export interface CommentsSectionProps {
  /** The story: id and slug for links, headline for the form page. */
  article: { id: number; slug: string; headline: string };
  comments: { threads: ThreadedComment[]; count: number };
  order: CommentOrder;
  target: CommentTarget;
  tz: string;
  /** The language comments are curled in (src/domain/shared/typography.ts): the story's, or the site's on the form page. */
  lang: string;
  /** Null on the cached story page; the reader's form (values, errors, notice) on the uncached form page. */
  form: FormState | null;
  /** The arithmetic question: only on the uncached form page. */
  challenge: MathQuestion | null;
  replyingTo?: { id: number; name: string } | null;
  /** Whether the site can send email (SMTP_URL set): the reply-notification checkbox says so when not. */
  mailOn: boolean;
  /** The site's fragment memo: on the story page the form part is rendered once, not per story. */
  fragment?: Fragments;
}

/** Our own copies of the ALTCHA widget and its stylesheet (never a third-party origin), and the progressive script. */
export const COMMENT_ASSETS = {
  widget: '/static/vendor/altcha.js',
  widgetCss: '/static/vendor/altcha.css',
  css: '/static/comments.css',
  script: '/static/comments.js',
};

export const formPagePath = (articleId: number) => `/news/${articleId}/comment-form`;
/** The uncached, frameable form with its question, for the story page's no-JavaScript readers. */
export const commentFramePath = (articleId: number) => `/news/${articleId}/comment-frame`;

/**
 * The comment section under a story: count, order switch, the list with
 * one level of replies, and "Leave a Comment". On the cached story page
 * (form = null) the form is hidden and carries the proof-of-work widget,
 * which fetches a fresh challenge per reader; comments.js shows it. Without
 * JavaScript the reader follows the link to the uncached form page, which
 * carries an arithmetic question instead.
 */
export function CommentsSection(p: CommentsSectionProps) {
  const { article, comments, order, target, tz, lang } = p;
  const formPath = formPagePath(article.id);
  const onStoryPage = p.form === null;
  const canReply = !target.closed;
  return (
    <section id="comments" class="comments" aria-labelledby="comments-h" data-article-id={String(article.id)}>
      <link rel="stylesheet" href={COMMENT_ASSETS.css} />
      <h2 id="comments-h">{comments.count === 1 ? '1 comment' : `${comments.count} comments`}</h2>
      {comments.count > 1 ? (
        <p class="comments-order">
          Show:{' '}
          {order === 'oldest' ? <strong>oldest first</strong> : <a href="?comments=oldest#comments">oldest first</a>} ·{' '}
          {order === 'newest' ? <strong>newest first</strong> : <a href="?comments=newest#comments">newest first</a>}
        </p>
      ) : null}
      {comments.threads.length ? (
        <ol class="comment-list">
          {comments.threads.map((t) => (
            <li>
              <CommentItem c={t} tz={tz} lang={lang} formPath={formPath} reply={canReply} />
              {t.replies.length ? (
                <ol class="comment-replies">
                  {t.replies.map((r) => (
                    <li>
                      <CommentItem c={r} tz={tz} lang={lang} formPath={formPath} reply={canReply} />
                    </li>
                  ))}
                </ol>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p class="comments-empty">No comments yet.</p>
      )}
      {onStoryPage && p.fragment ? raw(storyPageTail(p, p.fragment)) : <CommentsTail {...p} />}
    </section>
  );
}

/** "Leave a Comment": the policy line and the form, or why comments are closed. */
function CommentsTail(p: CommentsSectionProps) {
  const { article, target } = p;
  const formPath = formPagePath(article.id);
  const onStoryPage = p.form === null;
  return (
    <>
      <h3 id="leave-comment">Leave a Comment</h3>
      {target.closed ? (
        <p class="comments-closed">{target.closed}</p>
      ) : (
        <>
          <p class="comments-policy">
            {target.mode === 'open' ? 'Comments appear at once; moderators may remove them.' : 'Comments are held for moderation and appear once approved.'}
          </p>
          {onStoryPage ? (
            <>
              {/* Loaded only with scripting off (docs/comments.md): the cached page holds no question, the uncached frame brings a fresh one. */}
              <noscript>
                <iframe class="comment-frame" src={commentFramePath(article.id)} title="Leave a comment" loading="lazy"></iframe>
              </noscript>
              <p class="comment-form-link" data-comment-form-link="">
                <a href={`${formPath}#comment-form`}>Or write your comment on a page of its own</a>
              </p>
            </>
          ) : null}
          <CommentForm articleId={article.id} state={p.form ?? EMPTY_FORM} question={p.challenge} hidden={onStoryPage} replyingTo={p.replyingTo ?? null} mailOn={p.mailOn} />
          {onStoryPage ? (
            <>
              <link rel="stylesheet" href={COMMENT_ASSETS.widgetCss} />
              <script type="module" src={COMMENT_ASSETS.widget}></script>
              <script defer src={COMMENT_ASSETS.script}></script>
            </>
          ) : null}
        </>
      )}
    </>
  );
}

/** An id no story has: the story-page tail is rendered once with it, then given each story's own. */
const TEMPLATE_ID = 0;
const TEMPLATE_PATH = `/news/${TEMPLATE_ID}/`;

/**
 * On the story page the tail holds no reader state and no stored text, only
 * the story's id in three URLs (/news/ID/…), so it is rendered once per
 * comment mode and the id is put in. test/http/site-fast-paths.test.ts holds
 * it equal to a direct render.
 */
function storyPageTail(p: CommentsSectionProps, fragment: Fragments): string {
  const { target } = p;
  const template = fragment(`comments-tail:${target.mode}:${target.closed ?? ''}:${p.mailOn ? 'mail' : 'nomail'}`, () =>
    renderToString(<CommentsTail {...p} article={{ ...p.article, id: TEMPLATE_ID }} replyingTo={null} />),
  );
  return template.split(TEMPLATE_PATH).join(`/news/${p.article.id}/`);
}
