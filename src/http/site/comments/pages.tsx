import { curlQuotes } from '../../../domain/shared/typography.ts';
import type * as preact from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { CommentTarget, MathQuestion } from '../../../domain/comments/index.ts';
import type { HttpDeps } from '../../deps.ts';
import { loadSiteContext, type SiteAssets } from '../context.ts';
import { storyPath } from '../paths.ts';
import { basicMeta } from '../templates/head.tsx';
import { renderPage } from '../templates/layout.tsx';
import { CommentForm, type FormState } from './comment-form.tsx';
import { COMMENT_ASSETS, CommentsSection, formPagePath, type CommentOrder } from './comments-section.tsx';

export interface FormPageInput {
  target: CommentTarget;
  state: FormState;
  question: MathQuestion | null;
  replyingTo: { id: number; name: string } | null;
  order: CommentOrder;
}

const noindex = <T extends { names: Array<[string, string]> }>(m: T): T => ({ ...m, names: [...m.names, ['robots', 'noindex']] });

/**
 * The uncached comment form page: the no-JavaScript path, and where a
 * refused HTML form comes back with the reader's text and a fresh question.
 */
export async function renderCommentFormPage(deps: HttpDeps, assets: SiteAssets, p: FormPageInput): Promise<string> {
  const [ctx, comments] = await Promise.all([loadSiteContext(deps, assets), deps.comments.listForArticle(p.target.id, p.order)]);
  const article = { id: p.target.id, slug: p.target.slug, headline: p.target.headline };
  const meta = noindex(basicMeta(ctx, { title: `Comment on: ${p.target.headline}`, description: '', path: formPagePath(p.target.id) }));
  return renderPage(
    ctx,
    meta,
    <div class="comment-form-page">
      <p class="kicker">Comments</p>
      <h1>
        <a href={storyPath(article)}>{curlQuotes(p.target.headline, ctx.settings.language)}</a>
      </h1>
      <p>
        <a href={storyPath(article)}>Back to the story</a>
      </p>
      <CommentsSection article={article} comments={comments} order={p.order} target={p.target} tz={ctx.settings.timeZone} lang={ctx.settings.language} form={p.state} challenge={p.question} replyingTo={p.replyingTo} mailOn={deps.config.smtpUrl !== null} />
    </div>,
  );
}

/**
 * The story page's no-JavaScript form, loaded in a frame from a <noscript>
 * (docs/comments.md): a bare document, never cached, with a fresh question
 * each time, so the cached story page around it is the same for everyone.
 */
export async function renderCommentFrame(deps: HttpDeps, assets: SiteAssets, p: Pick<FormPageInput, 'target' | 'state' | 'question'>): Promise<string> {
  const ctx = await loadSiteContext(deps, assets);
  const closed = p.target.closed;
  return (
    '<!doctype html>' +
    renderToString(
      <html lang={ctx.settings.language} dir={ctx.siteDir}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>{`Leave a comment: ${p.target.headline}`}</title>
          <link rel="stylesheet" href={assets.css} />
          <link rel="stylesheet" href={COMMENT_ASSETS.css} />
        </head>
        <body class="comment-frame-body">
          {closed ? (
            <p class="comments-closed">{closed}</p>
          ) : (
            <CommentForm articleId={p.target.id} state={p.state} question={p.question} hidden={false} replyingTo={null} mailOn={deps.config.smtpUrl !== null} inFrame />
          )}
        </body>
      </html>,
    )
  );
}

export type Notice = 'flagged' | 'unsubscribe-invalid' | 'unsubscribe-confirm' | 'unsubscribed';

const NOTICES: Record<Notice, { title: string; body: (p: { e: string; t: string }) => preact.ComponentChildren }> = {
  flagged: { title: 'Thank you for your report', body: () => <p>A moderator will look at this comment.</p> },
  'unsubscribe-invalid': { title: 'Link not valid', body: () => <p>This unsubscribe link is not valid. Please use the link from the latest email.</p> },
  'unsubscribe-confirm': { title: 'Stop comment emails', body: (p) => <UnsubscribeConfirm e={p.e} t={p.t} /> },
  unsubscribed: { title: 'Unsubscribed', body: () => <p>You will get no more emails about your comments.</p> },
};

/** Small pages: flag received, unsubscribe confirmation and result. */
export async function renderNoticePage(deps: HttpDeps, assets: SiteAssets, kind: Notice, params: { e: string; t: string } = { e: '', t: '' }): Promise<string> {
  const ctx = await loadSiteContext(deps, assets);
  const n = NOTICES[kind];
  const meta = noindex(basicMeta(ctx, { title: n.title, description: '', path: '/' }));
  return renderPage(
    ctx,
    meta,
    <div class="notice">
      <h1>{n.title}</h1>
      {n.body(params)}
    </div>,
  );
}

function UnsubscribeConfirm({ e, t }: { e: string; t: string }) {
  return (
    <>
      <p>Stop all emails about your comments on this site (replies and publication notices)?</p>
      <form method="post" action={`/comments/unsubscribe?e=${encodeURIComponent(e)}&t=${encodeURIComponent(t)}`}>
        <button type="submit">Yes, stop these emails</button>
      </form>
    </>
  );
}
