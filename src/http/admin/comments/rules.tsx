import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CommentRules } from '../../../domain/comments/index.ts';
import { actorOf } from '../../../domain/users/index.ts';
import type { HttpDeps } from '../../deps.ts';
import { FieldShell } from '../fields.tsx';
import { field, fieldErrors, isFormError, type FieldErrors } from '../forms.ts';
import { requireCapability, staffOf } from '../guard.ts';
import { CsrfField, Notice, sendAdminPage, TextField } from '../layout.tsx';

type WordRule = 'rejectWords' | 'holdWords';
type IntRule = Exclude<keyof CommentRules, WordRule>;

const WORDS: Array<[WordRule, string, string]> = [
  ['rejectWords', 'Refused words', 'One word or phrase a line. A comment containing one is refused. Matched ignoring case, accents, look-alike letters (Cyrillic а for a) and invisible characters.'],
  ['holdWords', 'Held words', 'One a line. A comment containing one waits for a moderator.'],
];

const INTS: Array<[IntRule, string, string]> = [
  ['maxLinks', 'Links before a comment is held', 'More links than this and the comment waits for a moderator.'],
  ['floodSeconds', 'Seconds between two comments from one reader', 'Keyed on the reader (address and browser), and on the email. 0 turns spacing off.'],
  ['addressPerMinute', 'Comments per address per minute', 'Readers behind one address (an office, a mobile carrier) share this; each still waits only on their own spacing.'],
  ['storyPerMinute', 'Comments per story per minute', 'Site-wide cap against a swarm on one story.'],
  ['closeAfterDays', 'Close comments after (days)', '0 keeps comments open. Changing this updates every story page.'],
  ['flagThreshold', 'Reader flags that send a comment back to the queue', ''],
  ['minSubmitSeconds', 'Fewest seconds from form to post', 'Faster than this reads as a bot.'],
  ['duplicateSeconds', 'Seconds in which the same text again is refused', ''],
  ['powCost', 'Proof-of-work cost', 'Iterations per attempt of the JavaScript anti-spam check.'],
  ['powMaxCounter', 'Proof-of-work range', ''],
];

const lines = (s: string) => s.split(/\r?\n/).map((w) => w.trim()).filter(Boolean);

/** The form as typed: words one a line, numbers as text (a bad one comes back as typed, with its error). */
function patchOf(body: unknown): Partial<Record<keyof CommentRules, unknown>> {
  const out: Partial<Record<keyof CommentRules, unknown>> = {};
  for (const [k] of WORDS) out[k] = lines(field(body, k));
  for (const [k] of INTS) {
    const v = field(body, k).trim();
    out[k] = /^\d{1,9}$/.test(v) ? Number(v) : v;
  }
  return out;
}

function RulesForm({ values, csrf, errors, saved }: { values: Record<string, unknown>; csrf: string; errors: FieldErrors; saved: boolean }) {
  return (
    <>
      {saved ? <Notice kind="success">Comment rules saved. The change is in the audit log.</Notice> : null}
      {Object.keys(errors).length ? <Notice kind="error">Nothing was saved: please correct the fields marked below.</Notice> : null}
      <form method="post" action="/admin/comments/rules" class="stack-form rules-form" novalidate>
        <CsrfField token={csrf} />
        {WORDS.map(([k, label, hint]) => (
          <FieldShell name={k} label={label} hint={hint} error={errors[k]}>
            {(aria) => (
              <textarea {...aria} name={k} rows={6} dir="auto">
                {Array.isArray(values[k]) ? (values[k] as string[]).join('\n') : ''}
              </textarea>
            )}
          </FieldShell>
        ))}
        {INTS.map(([k, label, hint]) => (
          <TextField name={k} label={label} hint={hint || undefined} value={String(values[k] ?? '')} error={errors[k]} inputMode="numeric" maxLength={9} />
        ))}
        <button type="submit">Save rules</button> <a href="/admin/comments">Back to the desk</a>
      </form>
    </>
  );
}

type Req = FastifyRequest<{ Querystring: Record<string, string | undefined> }>;

/** /admin/comments/rules: the rules docs/comments.md calls site-editable, saved through the audited service. */
export function registerCommentRulesPage(app: FastifyInstance, deps: HttpDeps): void {
  const pre = { preHandler: requireCapability('comments:moderate') };
  const page = { title: 'Comment rules', current: '/admin/comments' };

  app.get('/comments/rules', pre, async (req: Req, reply) => {
    const rules = await deps.commentModeration.rules();
    return sendAdminPage(req, reply, { ...page, content: <RulesForm values={{ ...rules }} csrf={req.adminCsrf!} errors={{}} saved={req.query.saved === '1'} /> });
  });

  app.post('/comments/rules', pre, async (req: Req, reply) => {
    const patch = patchOf(req.body);
    try {
      await deps.commentModeration.updateRules(patch as Partial<CommentRules>, actorOf(staffOf(req)));
    } catch (e) {
      if (!isFormError(e)) throw e;
      return sendAdminPage(req, reply, { ...page, status: e.status, content: <RulesForm values={patch} csrf={req.adminCsrf!} errors={fieldErrors(e)} saved={false} /> });
    }
    return reply.code(303).header('location', '/admin/comments/rules?saved=1').send();
  });
}
