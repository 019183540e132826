import { renderToString } from 'preact-render-to-string';
import type { RawSubmission } from '../../../domain/comments/index.ts';
import type { HttpDeps } from '../../deps.ts';
import { unavailableHtml } from '../../unavailable-page.ts';
import { CommentForm } from './comment-form.tsx';
import { COMMENT_ASSETS } from './comments-section.tsx';
import { formValues } from './forms.ts';

/**
 * A comment that could not be stored because the database is away comes
 * back as this page: the form again, holding what the reader wrote, so
 * "try again" is one press. It reads nothing from the database; the
 * arithmetic question needs only the comment secrets, which are in memory
 * once any comment form has been served, and when even that fails the
 * proof-of-work widget (our own copy) fetches its challenge once the site is back.
 */
export async function renderUnavailableCommentForm(deps: HttpDeps, articleId: number, ip: string, raw: RawSubmission): Promise<string> {
  const question = await deps.comments.mathQuestion(articleId, ip).catch(() => null);
  const state = {
    values: formValues(raw),
    errors: {},
    message: 'Your comment was not saved: the site cannot reach its database just now. Your text is below; please press "Post comment" again in a few seconds.',
    notice: null,
  };
  const form = renderToString(<CommentForm articleId={articleId} state={state} question={question} hidden={false} replyingTo={null} />);
  const widget = question ? '' : `<link rel="stylesheet" href="${COMMENT_ASSETS.widgetCss}"><script type="module" src="${COMMENT_ASSETS.widget}"></script>`;
  return unavailableHtml({
    title: 'Your comment was not saved yet',
    message: 'Nothing was lost: what you wrote is in the form below.',
    extra: `<link rel="stylesheet" href="${COMMENT_ASSETS.css}">${widget}<section class="comments">${form}</section>`,
  });
}
