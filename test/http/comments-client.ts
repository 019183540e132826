import type { FastifyInstance } from 'fastify';
import { storyPath } from '../../src/http/site/paths.ts';
import type { DialectName } from '../../src/storage/index.ts';
import { easyRules, solvePow } from '../domain/comments-helpers.ts';
import { createTestApp, type TestApp, type TestAppOptions } from '../helpers/dialects.ts';

export type CommentsTestApp = TestApp;

export type CommentsAppOptions = TestAppOptions;

/**
 * The app as main.ts wires it (createTestApp when nothing is overridden),
 * with cheap proof of work so tests do not spend seconds hashing.
 */
export async function createCommentsTestApp(dialect: DialectName, opts: CommentsAppOptions = {}): Promise<CommentsTestApp> {
  const app = await createTestApp(dialect, undefined, opts);
  await easyRules(app);
  return app;
}

/** The real story page's address (`/news/:id/:slug`). */
export async function storyUrl(app: CommentsTestApp, articleId: number): Promise<string> {
  return storyPath(await app.articles.get(articleId));
}

export type Inject = Awaited<ReturnType<FastifyInstance['inject']>>;

let n = 0;
/** A fresh client address per call. */
export function ip(): string {
  n++;
  return `198.51.${(n >> 8) & 255}.${n & 255}`;
}

export async function challengeFor(app: CommentsTestApp, articleId: number, remoteAddress: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await app.server.inject({ url: `/news/${articleId}/comments/challenge`, remoteAddress, headers });
  if (res.statusCode !== 200) throw new Error(`challenge: ${res.statusCode} ${res.body}`);
  return solvePow(res.json());
}

export function postJson(app: CommentsTestApp, articleId: number, remoteAddress: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return app.server.inject({ method: 'POST', url: `/news/${articleId}/comments`, remoteAddress, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
}

export function postForm(app: CommentsTestApp, articleId: number, remoteAddress: string, fields: Record<string, string>) {
  return app.server.inject({ method: 'POST', url: `/news/${articleId}/comments`, remoteAddress, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
}

/** A valid JSON submission: challenge fetched, solved, and the clock moved past the minimum time. */
export async function postValid(app: CommentsTestApp, articleId: number, fields: Record<string, unknown> = {}, addr = ip()) {
  const altcha = await challengeFor(app, articleId, addr);
  app.clock.advance(5_000);
  return postJson(app, articleId, addr, { name: 'Dana Reader', email: `dana.${n}@example.org`, body: `Comment number ${n}`, altcha, ...fields });
}

/** The arithmetic question on the no-JS form page, read the way a reader (or a bot) would. */
export function readQuestion(html: string): { id: string; answer: number } {
  const id = /name="captcha_id" value="([^"]+)"/.exec(html)?.[1];
  const q = /Anti-spam question: (\d+) \+ (\d+) =/.exec(html);
  if (!id || !q) throw new Error('no arithmetic question on the page');
  return { id, answer: Number(q[1]) + Number(q[2]) };
}

export async function rows(app: CommentsTestApp): Promise<number> {
  const r = await app.db.kysely.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export function expectError(res: Inject, status: number, code: string, field?: string): void {
  if (res.statusCode !== status) throw new Error(`expected ${status} ${code}, got ${res.statusCode}: ${res.body.slice(0, 300)}`);
  const e = res.json().error;
  if (e.code !== code) throw new Error(`expected code ${code}, got ${e.code}`);
  if (field && e.field !== field) throw new Error(`expected field ${field}, got ${e.field}`);
  if (typeof e.message !== 'string' || !e.message) throw new Error('no message');
}
