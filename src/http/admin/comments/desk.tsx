import type { ModerationItem, Queue } from '../../../domain/comments/index.ts';
import { QUEUES } from '../../../domain/comments/index.ts';
import { CommentText } from '../../site/comments/comment-body.tsx';
import { shownTime } from '../../site/render/time.ts';
import { CsrfField } from '../layout.tsx';

export const QUEUE_LABELS: Record<Queue, string> = { pending: 'Pending', flagged: 'Flagged', spam: 'Spam', approved: 'Approved', rejected: 'Rejected' };
const REASON_LABELS: Record<string, string> = {
  premoderated: 'pre-moderated story', links: 'too many links', hold_word: 'hold word', confusable_name: 'name looks like staff',
  repeated_text: 'same text from several addresses', honeypot: 'honeypot filled', flagged: 'flagged by readers',
};

export interface DeskProps {
  queue: Queue;
  counts: Record<Queue, number>;
  items: ModerationItem[];
  page: number;
  pages: number;
  csrf: string;
  notice: string | null;
  /** The edition's time zone: desk times read as the site's do. */
  tz: string;
  /** Stories with comments waiting, most first. */
  byStory: Array<{ articleId: number; count: number; story: { headline: string } | null }>;
  /** The story the list is narrowed to, if any. */
  storyFilter: number | null;
  /** False when SMTP_URL is unset: approval and reply emails are not sent. */
  mailOn: boolean;
}

const storyHref = (s: { id: number; slug: string }) => `/news/${s.id}/${encodeURIComponent(s.slug)}`;

/** The queue: tabs with counts, one bulk form around the list, per-item action buttons, shortcuts in admin-comments.js. */
export function Desk(p: DeskProps) {
  return (
    <div class="comment-desk" data-comment-desk="">
      <nav class="desk-queues" aria-label="Queues">
        {QUEUES.map((q) => (
          <a href={`/admin/comments?queue=${q}${p.storyFilter ? `&story=${p.storyFilter}` : ''}`} aria-current={q === p.queue ? 'page' : undefined}>
            {QUEUE_LABELS[q]} ({p.counts[q]})
          </a>
        ))}
      </nav>
      {p.notice ? <p role="status" class="notice notice-success">{p.notice}</p> : null}
      {p.mailOn ? null : <MailOff />}
      <WaitingByStory byStory={p.byStory} storyFilter={p.storyFilter} />
      <p class="desk-keys">
        Keys: j/k next/previous, a approve, r reject, s spam, x select. <a href="/admin/comments/rules">Comment rules</a>
      </p>
      {p.items.length === 0 ? (
        <p>Nothing in this queue.</p>
      ) : (
        <form method="post" action={`/admin/comments/bulk?queue=${p.queue}`} id="bulk-form">
          <CsrfField token={p.csrf} />
          <p class="desk-bulk">
            <label for="bulk-action">With selected:</label>{' '}
            <select id="bulk-action" name="action">
              <option value="approve">Approve</option>
              <option value="reject">Reject</option>
              <option value="spam">Spam</option>
            </select>{' '}
            <button type="submit">Apply</button>
          </p>
          <ol class="desk-items">
            {p.items.map((c) => (
              <DeskItem c={c} tz={p.tz} />
            ))}
          </ol>
        </form>
      )}
      {p.pages > 1 ? (
        <p class="desk-pages">
          Page {p.page} of {p.pages}. {p.page > 1 ? <a href={`/admin/comments?queue=${p.queue}&page=${p.page - 1}${p.storyFilter ? `&story=${p.storyFilter}` : ''}`}>Previous</a> : null}{' '}
          {p.page < p.pages ? <a href={`/admin/comments?queue=${p.queue}&page=${p.page + 1}${p.storyFilter ? `&story=${p.storyFilter}` : ''}`}>Next</a> : null}
        </p>
      ) : null}
      <script src="/static/admin-comments.js" defer></script>
    </div>
  );
}

export function MailOff() {
  return (
    <p class="notice notice-info" role="status">
      Mail is not configured (SMTP_URL is not set): readers who asked get no email when their comment is approved or answered, and the reply box on the site says so.
    </p>
  );
}

function WaitingByStory({ byStory, storyFilter }: Pick<DeskProps, 'byStory' | 'storyFilter'>) {
  if (!byStory.length && !storyFilter) return null;
  return (
    <details class="desk-by-story" open={storyFilter !== null || undefined}>
      <summary>Waiting by story</summary>
      <ul>
        {byStory.map((s) => (
          <li>
            <a href={`/admin/comments?queue=pending&story=${s.articleId}`} aria-current={s.articleId === storyFilter ? 'page' : undefined}>
              {s.story?.headline ?? 'a deleted story'}
            </a>{' '}
            <span class="count-badge">{s.count}</span>
          </li>
        ))}
      </ul>
      {storyFilter ? <p><a href="/admin/comments?queue=pending">All stories</a></p> : null}
    </details>
  );
}

function DeskItem({ c, tz }: { c: ModerationItem; tz: string }) {
  const h = c.history;
  const at = shownTime(c.createdAt, tz);
  return (
    <li class="desk-item" id={`c${c.id}`} tabIndex={-1} data-comment-id={String(c.id)}>
      <p class="desk-select">
        <input type="checkbox" name="ids" value={String(c.id)} id={`sel-${c.id}`} />
        <label for={`sel-${c.id}`}>
          #{c.id} by <bdi>{c.authorName}</bdi>
        </label>{' '}
        <span class="desk-status">[{c.status}]</span>
      </p>
      <p class="desk-story">
        On {c.story ? <a href={storyHref(c.story)}>{c.story.headline}</a> : 'a deleted story'} · <time dateTime={at.iso}>{at.display}</time>
        {c.authorUrl ? <> · <a href={c.authorUrl} rel="nofollow ugc noopener">{c.authorUrl}</a></> : null}
      </p>
      {c.parent ? (
        <blockquote class="desk-parent">
          In reply to <bdi>{c.parent.authorName}</bdi>: {c.parent.body.slice(0, 200)}
        </blockquote>
      ) : null}
      <div class="desk-body" dir="auto">
        <CommentText body={c.body} />
      </div>
      <p class="desk-why">
        {c.heldReasons.length ? <>Held: {c.heldReasons.map((r) => REASON_LABELS[r] ?? r).join(', ')}. </> : null}
        History: {h.approved ?? 0} approved, {h.rejected ?? 0} rejected, {h.spam ?? 0} spam, {h.pending ?? 0} pending.
        {c.flags.length ? <> Flags: {c.flags.map((f) => f.reason).join('; ')}</> : null}
      </p>
      <p class="desk-actions">
        {(['approve', 'reject', 'spam'] as const).map((a) => (
          <button type="submit" formaction={`/admin/comments/${c.id}/${a}`} data-action={a}>
            {ACTION_LABELS[a]}
          </button>
        ))}{' '}
        <span class="desk-destructive">
          {DESTRUCTIVE.map((a) => (
            <button type="submit" class="button-danger" formaction={`/admin/comments/${c.id}/${a}`} data-action={a}>
              {ACTION_LABELS[a]}…
            </button>
          ))}
        </span>{' '}
        <a href={`/admin/comments/${c.id}/edit`}>Edit</a>
      </p>
    </li>
  );
}

export const ACTION_LABELS = { approve: 'Approve', reject: 'Reject', spam: 'Spam', ban_email: 'Ban email', ban_ip: 'Ban IP', delete: 'Delete' } as const;
export type DeskAction = keyof typeof ACTION_LABELS;
/** Actions that cannot be taken back from the desk: they go through a confirmation page first. */
export const DESTRUCTIVE = ['ban_email', 'ban_ip', 'delete'] as const satisfies readonly DeskAction[];

const CONFIRM_TEXT: Record<(typeof DESTRUCTIVE)[number], string> = {
  ban_email: 'Ban this email address? Every later comment from it is refused, and this comment is marked spam.',
  ban_ip: 'Ban this IP address? Every later comment from it is refused (everyone sharing the address, such as an office), and this comment is marked spam.',
  delete: 'Delete this comment for good? It cannot be restored.',
};

/** The page between a destructive button and the act (it works without JavaScript). */
export function ConfirmAction({ c, action, csrf, queue }: { c: ModerationItem; action: (typeof DESTRUCTIVE)[number]; csrf: string; queue: Queue }) {
  return (
    <form method="post" action={`/admin/comments/${c.id}/${action}?queue=${queue}`} class="confirm-action">
      <CsrfField token={csrf} />
      <input type="hidden" name="confirm" value="yes" />
      <p>{CONFIRM_TEXT[action]}</p>
      <blockquote class="desk-parent">
        #{c.id} by <bdi>{c.authorName}</bdi>: {c.body.slice(0, 300)}
      </blockquote>
      <button type="submit" class="button-danger">
        Yes, {ACTION_LABELS[action].toLowerCase()}
      </button>{' '}
      <a href={`/admin/comments?queue=${queue}#c${c.id}`}>Cancel</a>
    </form>
  );
}

export function EditForm({ c, csrf, error }: { c: ModerationItem; csrf: string; error?: string }) {
  return (
    <form method="post" action={`/admin/comments/${c.id}/edit`}>
      <CsrfField token={csrf} />
      <p>
        Comment #{c.id} by <bdi>{c.authorName}</bdi>. The edit is recorded in the audit log with the text before and after.
      </p>
      <p>
        <label for="edit-body">Text</label>
        <textarea id="edit-body" name="body" rows={10} maxLength={10000} dir="auto" aria-describedby={error ? 'edit-body-error' : undefined}>
          {c.body}
        </textarea>
        {error ? <span id="edit-body-error" role="alert">{error}</span> : null}
      </p>
      <button type="submit">Save</button> <a href="/admin/comments">Cancel</a>
    </form>
  );
}
