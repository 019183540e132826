import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROLES, type Role } from '../../src/domain/access/index.ts';
import type { ArticleStatus } from '../../src/domain/articles/index.ts';
import { DIALECTS, createTestApp, type TestApp } from '../helpers/dialects.ts';
import { csrfFrom, makeStaff, signedIn, type Browser } from './admin-auth-helpers.ts';

/**
 * One rule set for story writes, whatever the entry point: the same role
 * asks the admin pages and the Admin API for the same thing on the same
 * kind of story, and both answer alike. Each cell is a fresh story, so a
 * move that went through cannot change what the next one sees.
 */

type Owner = 'self' | 'other' | 'nobody';
type Intent = 'save' | 'review' | 'publish' | 'unpublish';
const OWNERS: Owner[] = ['self', 'other', 'nobody'];
const FROM: ArticleStatus[] = ['draft', 'review', 'published'];
const INTENTS: Intent[] = ['save', 'review', 'publish', 'unpublish'];
const STATUS_OF: Record<Exclude<Intent, 'save'>, ArticleStatus> = { review: 'review', publish: 'published', unpublish: 'unpublished' };

/** What a reader or an editor would see afterwards: the stored status, and whether the new headline stuck. */
interface Outcome {
  allowed: boolean;
  status: ArticleStatus;
  edited: boolean;
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: story rules are the same on the admin pages and the Admin API`, () => {
    let app: TestApp;
    const staff = new Map<Role, { id: number; browser: Browser; csrf: string }>();
    const keys = new Map<Role, { id: number; key: string }>();
    let otherUser = 0;
    let otherKey = 0;
    let seq = 0;

    before(async () => {
      app = await createTestApp(dialect);
      for (const role of ROLES) {
        const user = await makeStaff(app, role);
        const browser = await signedIn(app, `${role}@news.test`);
        staff.set(role, { id: user.id, browser, csrf: csrfFrom((await browser.get('/admin')).body) });
        const made = await app.apiKeys.create(`${role} key`, role, 'test');
        keys.set(role, { id: made.apiKey.id, key: made.key });
      }
      otherUser = (await makeStaff(app, 'author', 'someone-else@news.test')).id;
      otherKey = (await app.apiKeys.create('someone else', 'author', 'test')).apiKey.id;
    });
    after(async () => app?.cleanup());

    /** A story as the setup needs it, written straight through the domain (not an entry point under test). */
    async function story(owner: Owner, from: ArticleStatus, via: 'page' | 'api', role: Role): Promise<number> {
      const mine = via === 'page' ? { createdBy: staff.get(role)!.id } : { createdByKey: keys.get(role)!.id };
      const theirs = via === 'page' ? { createdBy: otherUser } : { createdByKey: otherKey };
      const who = owner === 'self' ? mine : owner === 'other' ? theirs : {};
      const a = await app.articles.create({ headline: `Story ${++seq}`, dek: 'A dek.', dateline: 'Tehran', status: from, ...who }, 'test');
      return a.id;
    }

    async function viaPage(role: Role, id: number, intent: Intent): Promise<boolean> {
      const s = staff.get(role)!;
      const res = await s.browser.post(`/admin/stories/${id}`, { _csrf: s.csrf, intent, headline: 'Changed headline' });
      assert.ok([303, 403, 404].includes(res.statusCode), `page ${role} ${intent}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return res.statusCode === 303;
    }

    async function viaApi(role: Role, id: number, intent: Intent): Promise<boolean> {
      const payload = { headline: 'Changed headline', ...(intent === 'save' ? {} : { status: STATUS_OF[intent] }) };
      const res = await app.server.inject({ method: 'PATCH', url: `/api/admin/v1/articles/${id}`, headers: { authorization: `Bearer ${keys.get(role)!.key}` }, payload });
      assert.ok([200, 403].includes(res.statusCode), `api ${role} ${intent}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      if (res.statusCode === 403) assert.equal(res.json().error.code, 'FORBIDDEN');
      return res.statusCode === 200;
    }

    async function outcome(allowed: boolean, id: number): Promise<Outcome> {
      const a = await app.articles.get(id);
      return { allowed, status: a.status, edited: a.headline === 'Changed headline' };
    }

    test('every role × owner × status × move: same answer and same stored story', async () => {
      const table: string[] = [];
      for (const role of ROLES) {
        for (const owner of OWNERS) {
          for (const from of FROM) {
            for (const intent of INTENTS) {
              const pageId = await story(owner, from, 'page', role);
              const apiId = await story(owner, from, 'api', role);
              const page = await outcome(await viaPage(role, pageId, intent), pageId);
              const api = await outcome(await viaApi(role, apiId, intent), apiId);
              const cell = `${role} ${owner} ${from}→${intent}`;
              assert.deepEqual(api, page, cell);
              // A refusal writes nothing.
              if (!page.allowed) assert.deepEqual([page.status, page.edited], [from, false], cell);
              else assert.equal(page.edited, true, cell);
              table.push(`${cell}: ${page.allowed ? 'yes' : 'no'}`);
            }
          }
        }
      }
      // The matrix itself, so the agreement above cannot be two entry points equally wrong.
      const allowed = (cell: string) => table.find((l) => l.startsWith(cell + ':'))?.endsWith('yes');
      assert.equal(allowed('contributor self draft→save'), true);
      assert.equal(allowed('contributor self draft→review'), true);
      assert.equal(allowed('contributor self draft→publish'), false, 'a contributor never publishes');
      assert.equal(allowed('contributor self published→save'), false, 'nor edits a live story');
      assert.equal(allowed('contributor other draft→save'), false, 'nor someone else’s draft');
      assert.equal(allowed('author self draft→publish'), true, 'an author publishes their own');
      assert.equal(allowed('author self published→unpublish'), true);
      assert.equal(allowed('author other draft→publish'), false, 'but not someone else’s');
      assert.equal(allowed('author nobody draft→save'), false, 'stories nobody started are editors’');
      assert.equal(allowed('editor other draft→publish'), true);
      assert.equal(allowed('editor nobody published→unpublish'), true);
      assert.equal(allowed('admin other review→publish'), true);
      for (const l of table.filter((l) => l.startsWith('moderator'))) assert.ok(l.endsWith('no'), l);
    });

    test('creating: a contributor key cannot create a live story; an author key can, and owns it', async () => {
      for (const role of ROLES) {
        for (const status of ['draft', 'review', 'published'] as const) {
          const res = await app.server.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization: `Bearer ${keys.get(role)!.key}` }, payload: { headline: `New ${role} ${status}`, status } });
          const may = role !== 'moderator' && (status !== 'published' || role !== 'contributor');
          assert.equal(res.statusCode, may ? 201 : 403, `${role} ${status}: ${res.body.slice(0, 200)}`);
          if (may) assert.equal((await app.articles.get(res.json().article.id)).createdByKey, keys.get(role)!.id, 'the key owns what it started');
        }
      }
      const before = (await app.queries.listAll({ search: 'New contributor published' }, 10, 0, app.likeOp)).total;
      assert.equal(before, 0, 'the refused create left nothing behind');
    });

    test('an author key publishes its own story, then cannot touch another author key’s', async () => {
      const author = keys.get('author')!.key;
      const call = (key: string, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
        app.server.inject({ method, url: `/api/admin/v1${url}`, headers: { authorization: `Bearer ${key}` }, ...(payload ? { payload } : {}) });
      const mine = (await call(author, 'POST', '/articles', { headline: 'Port reopens' })).json().article;
      const published = await call(author, 'PATCH', `/articles/${mine.id}`, { status: 'published', version: mine.version });
      assert.equal(published.statusCode, 200, published.body);
      assert.equal((await app.server.inject({ url: `/news/${mine.id}/port-reopens` })).statusCode, 200, 'readers see it');

      const other = (await app.apiKeys.create('wire desk', 'author', 'test')).key;
      const theirs = (await call(other, 'POST', '/articles', { headline: 'Wire copy' })).json().article;
      const refused = await call(author, 'PATCH', `/articles/${theirs.id}`, { status: 'published' });
      assert.equal(refused.statusCode, 403);
      assert.match(refused.json().error.message, /started by someone else/);
      assert.equal((await app.articles.get(theirs.id)).status, 'draft');
      // Deleting and correcting stay editors' work, as on the admin pages.
      assert.equal((await call(author, 'DELETE', `/articles/${mine.id}`)).statusCode, 403);
      assert.equal((await call(author, 'POST', `/articles/${mine.id}/corrections`, { body: 'A fix.' })).statusCode, 403);
      assert.equal((await call(keys.get('editor')!.key, 'POST', `/articles/${mine.id}/corrections`, { body: 'A fix.' })).statusCode, 201);
      const draftFix = await call(keys.get('editor')!.key, 'POST', `/articles/${theirs.id}/corrections`, { body: 'A fix.' });
      assert.equal(draftFix.statusCode, 422, 'a correction is for a story readers have seen');
      assert.equal((await call(keys.get('editor')!.key, 'DELETE', `/articles/${theirs.id}`)).statusCode, 204);
    });

    test('the audit log names the key that wrote', async () => {
      const key = keys.get('author')!;
      const res = await app.server.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization: `Bearer ${key.key}` }, payload: { headline: 'Audited story' } });
      const id = res.json().article.id;
      const entries = (await app.auditLog.list(500, 0)).filter((e) => e.action === 'article.create' && String(e.targetId) === String(id));
      assert.deepEqual(entries.map((e) => e.actor), [`apikey:${key.id}`]);
    });
  });
}
