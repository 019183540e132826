import assert from 'node:assert/strict';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { storyPath } from '../../src/http/site/paths.ts';
import { csrfFrom, makeStaff, signedIn, type Browser } from './admin-auth-helpers.ts';
import { postForm, readQuestion, type CommentsTestApp, type Inject } from './comments-client.ts';

/** The reader's address: an arithmetic question is good only from the address it was asked of. */
export const READER = '198.51.100.77';

/** The no-JavaScript form page as this reader sees it, and its question. */
export async function questionFor(s: { app: CommentsTestApp; storyId: number }) {
  const page = await s.app.server.inject({ url: `/news/${s.storyId}/comment-form`, remoteAddress: READER });
  return { page, question: readQuestion(page.body) };
}

/**
 * What a fault test checks, the same on both databases: while the
 * database cannot serve, every request that needs it answers 503 with
 * Retry-After and words a person can read (a page for browsers, JSON for
 * the APIs), never 500; cached pages keep serving; a reader's comment and a
 * writer's autosave come back with their text. After the fault is cleared,
 * the same app (no restart) works again.
 */
export interface FaultScene {
  app: CommentsTestApp;
  storyId: number;
  story: string;
  apiKey: string;
  editor: Browser;
  csrf: string;
  draftId: number;
}

export async function setScene(app: CommentsTestApp): Promise<FaultScene> {
  const a = await app.articles.create(parseArticleInput({ headline: 'Harbour reopens after storm', bodyMarkdown: 'Boats are back in the harbour.', status: 'published', publishedAt: '2026-05-01T08:00:00Z' }, 'create'), 'test');
  const story = storyPath(a);
  await makeStaff(app, 'editor');
  const editor = await signedIn(app, 'editor@news.test');
  const page = await editor.get('/admin/stories/new');
  const csrf = csrfFrom(page.body);
  const draft = await autosave({ app, editor, csrf } as FaultScene, '/admin/stories/autosave', { headline: 'Draft before the fault' }, 'First words.');
  assert.equal(draft.statusCode, 201, draft.body);
  const apiKey = (await app.apiKeys.create('fault test', 'editor', 'test')).key;
  assert.equal((await app.server.inject(story)).statusCode, 200);
  // A comment form served before the fault: the comment secrets are then in memory, as on a live site.
  assert.equal((await app.server.inject(`/news/${a.id}/comment-form`)).statusCode, 200);
  return { app, storyId: a.id, story, apiKey, editor, csrf, draftId: draft.json().article.id };
}

function autosave(s: Pick<FaultScene, 'app' | 'editor' | 'csrf'>, url: string, fields: Record<string, string>, text: string): Promise<Inject> {
  const body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
  return s.app.server.inject({ method: 'POST', url, headers: { cookie: s.editor.jar.header(), 'x-csrf-token': s.csrf, 'content-type': 'application/json', accept: 'application/json' }, payload: { fields, body } });
}

function apiCreate(s: FaultScene, headline: string): Promise<Inject> {
  return s.app.server.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization: `Bearer ${s.apiKey}`, 'content-type': 'application/json' }, payload: { headline } });
}

function assertJson503(res: Inject, what: string): void {
  assert.equal(res.statusCode, 503, `${what}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  assert.equal(res.headers['retry-after'], '5', what);
  const e = res.json().error;
  assert.equal(e.code, 'UNAVAILABLE', what);
  assert.match(e.message, /cannot reach its database/, what);
}

function assertPage503(res: Inject, what: string): void {
  assert.equal(res.statusCode, 503, `${what}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  assert.equal(res.headers['retry-after'], '5', what);
  assert.match(String(res.headers['content-type']), /text\/html/, what);
  assert.match(res.body, /<h1>/, what);
  assert.match(res.body, /cannot reach its database/, what);
}

async function postComment(s: FaultScene, body: string, question: { id: string; answer: number }): Promise<Inject> {
  // Past the time to submit, but well within the 15 s between one reader's comments: an attempt
  // the database refused gave its rate-limit hit back, so the reader who sends it again is not told to wait.
  s.app.clock.advance(5_000);
  return postForm(s.app, s.storyId, READER, { name: 'Reader In The Storm', email: 'storm@example.org', body, captcha_id: question.id, captcha_answer: String(question.answer) });
}

/** `reads`: whether reads still work in this fault (a full disk) or fail too (the server is gone). */
export async function assertDegraded(s: FaultScene, opts: { reads: boolean; question: { id: string; answer: number } }): Promise<void> {
  const { app } = s;
  const cached = await app.server.inject(s.story);
  assert.equal(cached.statusCode, 200, 'the cached story page keeps serving');
  assert.match(cached.body, /Harbour reopens after storm/);

  const comment = await postComment(s, 'Written while the database was away.', opts.question);
  assert.equal(comment.statusCode, 503, comment.body.slice(0, 400));
  assert.equal(comment.headers['retry-after'], '5');
  assert.match(comment.body, /Your comment was not saved/);
  assert.match(comment.body, /<textarea[^>]*>Written while the database was away\.<\/textarea>/);
  assert.match(comment.body, /value="Reader In The Storm"/);
  assert.match(comment.body, /action="\/news\/\d+\/comments"/);

  assertJson503(await apiCreate(s, 'Filed during the fault'), 'Admin API write');
  const saved = await autosave(s, `/admin/stories/${s.draftId}/autosave`, { headline: 'Draft during the fault', version: '1' }, 'Words typed in the outage.');
  assertJson503(saved, 'editor autosave');

  const ready = await app.server.inject('/readyz');
  assert.equal(ready.statusCode, 503);
  assert.equal((await app.server.inject('/healthz')).statusCode, 200);

  if (!opts.reads) {
    assertPage503(await app.server.inject('/search?q=harbour'), 'search page');
    assertPage503(await app.server.inject({ url: '/?page=2', headers: { accept: 'text/html' } }), 'an uncached list page');
    assertJson503(await app.server.inject('/api/content/v1/search?q=harbour'), 'Content API search');
    assertPage503(await app.server.inject({ url: `/news/${s.storyId}/comment-form`, headers: { accept: 'text/html' } }), 'comment form page');
    const admin = await s.editor.get('/admin/stories', { accept: 'text/html' });
    assert.equal(admin.statusCode, 503, admin.body.slice(0, 300));
    assert.equal(admin.headers['retry-after'], '5');
    assert.match(admin.body, /cannot reach its database/);
  }
}

/** The same app, untouched since the fault: everything works, and nothing written in the fault half-exists. */
export async function assertRecovered(s: FaultScene): Promise<void> {
  const { app } = s;
  const ready = await app.server.inject('/readyz');
  assert.equal(ready.statusCode, 200, ready.body);
  assert.equal((await app.server.inject('/search?q=harbour')).statusCode, 200);
  const { page, question } = await questionFor(s);
  assert.equal(page.statusCode, 200);
  const comment = await postComment(s, 'Written after the database came back.', question);
  assert.equal(comment.statusCode, 303, comment.body.slice(0, 400));
  const created = await apiCreate(s, 'Filed after the fault');
  assert.equal(created.statusCode, 201, created.body);
  const saved = await autosave(s, `/admin/stories/${s.draftId}/autosave`, { headline: 'Draft after the fault', version: '1' }, 'Words typed after.');
  assert.equal(saved.statusCode, 200, saved.body);
  const titles = (await app.queries.listAll({}, 50, 0, app.likeOp)).items.map((a) => a.headline);
  assert.ok(titles.includes('Filed after the fault'));
  assert.ok(!titles.includes('Filed during the fault'));
}
