import { curlQuotes } from '../../../domain/shared/typography.ts';
import { linkify, type PublicComment } from '../../../domain/comments/index.ts';
import { Time } from '../templates/parts.tsx';

/** rel for every link a reader wrote (Google's ugc, and no window.opener for the target). */
export const UGC_REL = 'nofollow ugc noopener';

/**
 * A comment's text as paragraphs of text nodes and anchors. No HTML from a
 * comment is ever parsed: preact escapes every text node and attribute, and
 * hrefs come only from parseHttpUrl (absolute http/https after decoding).
 * With `lang` (the public page) the prose between links gets typographer's
 * quotes; a link's text is its address and stays as written. Without it
 * (the moderation desk) moderators see exactly what the reader typed.
 */
export function CommentText({ body, lang }: { body: string; lang?: string }) {
  return (
    <>
      {body.split(/\n\s*\n/).map((para) => (
        <p>
          {para.split('\n').map((line, i) => (
            <>
              {i > 0 ? <br /> : null}
              {linkify(line).map((part, j, parts) =>
                'href' in part ? (
                  <a href={part.href} rel={UGC_REL}>
                    {part.text}
                  </a>
                ) : lang ? (
                  curlQuotes(part.text, lang, j > 0 ? parts[j - 1].text.slice(-1) : '')
                ) : (
                  part.text
                ),
              )}
            </>
          ))}
        </p>
      ))}
    </>
  );
}

/** The name in <bdi>, so a right-to-left name cannot reorder the date and links around it. */
export function CommentAuthor({ c }: { c: PublicComment }) {
  return (
    <bdi class="comment-author">
      {c.authorUrl ? (
        <a href={c.authorUrl} rel={UGC_REL}>
          {c.authorName}
        </a>
      ) : (
        c.authorName
      )}
    </bdi>
  );
}

export function CommentItem({ c, tz, lang, formPath, reply }: { c: PublicComment; tz: string; lang: string; formPath: string; reply: boolean }) {
  return (
    <article class="comment" id={`comment-${c.id}`}>
      <header class="comment-meta">
        <CommentAuthor c={c} /> <Time date={c.createdAt} tz={tz} />
      </header>
      <div class="comment-body" dir="auto">
        <CommentText body={c.body} lang={lang} />
      </div>
      <footer class="comment-actions">
        {reply ? (
          <a class="comment-reply" href={`${formPath}?reply_to=${c.id}#comment-form`} data-reply-to={String(c.id)} data-reply-name={c.authorName}>
            Reply
          </a>
        ) : null}
        <details class="comment-flag">
          <summary>Report</summary>
          <form method="post" action={`/comments/${c.id}/flag`}>
            <label for={`flag-${c.id}`}>What is wrong with this comment?</label>
            <input id={`flag-${c.id}`} name="reason" required maxLength={500} />
            <button type="submit">Report comment</button>
          </form>
        </details>
      </footer>
    </article>
  );
}
