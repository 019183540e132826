import type { ModerationItem, Queue } from '../../../domain/comments/index.ts';
import { QUEUES } from '../../../domain/comments/index.ts';
import { CommentText } from '../../site/comments/comment-body.tsx';
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
}

const storyHref = (s: { id: number; slug: string }) => `/news/${s.id}/${encodeURIComponent(s.slug)}`;

/** The queue: tabs with counts, one bulk form around the list, per-item action buttons, shortcuts in admin-comments.js. */
export function Desk(p: DeskProps) {
  return (
    <div class="comment-desk" data-comment-desk="">
      <nav class="desk-queues" aria-label="Queues">
        {QUEUES.map((q) => (
          <a href={`/admin/comments?queue=${q}`} aria-current={q === p.queue ? 'page' : undefined}>
            {QUEUE_LABELS[q]} ({p.counts[q]})
          </a>
        ))}
      </nav>
      {p.notice ? <p role="status" class="notice notice-success">{p.notice}</p> : null}
      <p class="desk-keys">Keys: j/k next/previous, a approve, r reject, s spam, x select.</p>
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
              <DeskItem c={c} />
            ))}
          </ol>
        </form>
      )}
      {p.pages > 1 ? (
        <p class="desk-pages">
          Page {p.page} of {p.pages}. {p.page > 1 ? <a href={`/admin/comments?queue=${p.queue}&page=${p.page - 1}`}>Previous</a> : null}{' '}
          {p.page < p.pages ? <a href={`/admin/comments?queue=${p.queue}&page=${p.page + 1}`}>Next</a> : null}
        </p>
      ) : null}
      <script src="/static/admin-comments.js" defer></script>
    </div>
  );
}

function DeskItem({ c }: { c: ModerationItem }) {
  const h = c.history;
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
        On {c.story ? <a href={storyHref(c.story)}>{c.story.headline}</a> : 'a deleted story'} · {c.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC
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
        {(['approve', 'reject', 'spam', 'ban_email', 'ban_ip', 'delete'] as const).map((a) => (
          <button type="submit" formaction={`/admin/comments/${c.id}/${a}`} data-action={a}>
            {ACTION_LABELS[a]}
          </button>
        ))}{' '}
        <a href={`/admin/comments/${c.id}/edit`}>Edit</a>
      </p>
    </li>
  );
}

export const ACTION_LABELS = { approve: 'Approve', reject: 'Reject', spam: 'Spam', ban_email: 'Ban email', ban_ip: 'Ban IP', delete: 'Delete' } as const;
export type DeskAction = keyof typeof ACTION_LABELS;

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
