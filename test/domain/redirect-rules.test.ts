import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { changesAfter, lastChangeSeq } from '../../src/domain/changes/index.ts';
import { findLoop, parseCsv, parseRule, RuleSet, rulesFromCsv, rulesFromGhostRedirects, rulesToCsv, MAX_CSV_ROWS, type RuleInput } from '../../src/domain/redirects/index.ts';
import { AppError } from '../../src/domain/shared/errors.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

const SITE = 'http://news.test';
const rule = (raw: Record<string, unknown>) => parseRule(raw, SITE);
const problemOf = (raw: Record<string, unknown>) => rule(raw).problems.map((p) => `${p.field}: ${p.message}`).join('; ');

describe('redirect rules: what a rule may be', () => {
  test('CR/LF, tabs and encoded line breaks in a target or source are refused (header injection)', () => {
    for (const target of ['/a\r\nSet-Cookie: x=1', '/a%0d%0aLocation: https://evil.test', '/a\tb', 'https://news.test/a%0AX: y', '/a\u2028b']) {
      assert.match(problemOf({ source: '/old', target }), /^target: /, JSON.stringify(target));
    }
    for (const source of ['/old\r\nX: y', '/old%0d%0a', '/old\u202e']) assert.match(problemOf({ source, target: '/new' }), /^source: /, JSON.stringify(source));
  });

  test('javascript:, data:, vbscript:, schemeless and protocol-relative targets are refused', () => {
    for (const target of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', 'evil.test/x', '//evil.test/x', '/\\evil.test', 'https:evil.test', 'ftp://evil.test/']) {
      assert.ok(problemOf({ source: '/old', target }).startsWith('target: '), target);
    }
  });

  test('another host only when the editor allows it explicitly; our own origin is kept as a path', () => {
    assert.match(problemOf({ source: '/old', target: 'https://evil.test/x' }), /another site \(evil\.test\)/);
    assert.equal(rule({ source: '/old', target: 'https://evil.test/x', external: true }).rule?.target, 'https://evil.test/x');
    assert.equal(rule({ source: '/old', target: 'http://news.test/new?a=1' }).rule?.target, '/new?a=1');
    assert.match(problemOf({ source: '/old', target: 'https://user:pw@elsewhere.test/', external: true }), /user name/);
  });

  test('sources the site answers itself, query strings, and 410 with a target are refused', () => {
    for (const source of ['/admin/x', '/api', '/news/12/x', '/static/site.css', '/search', '/healthz']) assert.match(problemOf({ source, target: '/x' }), /^source: /, source);
    assert.match(problemOf({ source: '/', target: '/x' }), /front page/);
    assert.match(problemOf({ source: '/old?x=1', target: '/x' }), /path only/);
    assert.match(problemOf({ source: '/old', target: '/x', status: 410 }), /empty for 410/);
    assert.match(problemOf({ source: '/old', target: '/x', status: 307 }), /301, 302 or 410/);
    assert.equal(rule({ source: '/old', status: 410 }).rule?.target, '');
  });

  test('paths are kept in one encoded form: /café and /caf%C3%A9 are one source; a trailing slash is ignored', () => {
    assert.equal(rule({ source: '/café/', target: '/new' }).rule?.source, '/caf%C3%A9');
    assert.equal(rule({ source: '/caf%C3%A9', target: '/new' }).rule?.source, '/caf%C3%A9');
  });

  test('matching: exact first, else the longest prefix on a segment boundary, carrying the rest over', () => {
    const set = new RuleSet([
      { match: 'prefix', source: '/blog', target: '/news', status: 301 },
      { match: 'prefix', source: '/blog/2019', target: 'https://archive.test/2019', status: 302 },
      { match: 'exact', source: '/blog/about', target: '/about', status: 301 },
      { match: 'exact', source: '/gone', target: '', status: 410 },
    ]);
    assert.deepEqual(pick(set.resolve('/blog/x/y')), [301, '/news/x/y']);
    assert.deepEqual(pick(set.resolve('/blog/')), [301, '/news']);
    assert.deepEqual(pick(set.resolve('/blog/2019/03/z')), [302, 'https://archive.test/2019/03/z']);
    assert.deepEqual(pick(set.resolve('/blog/about/')), [301, '/about']);
    assert.equal(set.resolve('/blogger'), null, 'not on a segment boundary');
    assert.equal(set.resolve('/gone')?.status, 410);
  });

  test('loops are found, multi-hop and through prefixes; long chains too', () => {
    const loop = (rules: RuleInput[]) => findLoop(new RuleSet(rules), rules);
    const r = (source: string, target: string, match: 'exact' | 'prefix' = 'exact'): RuleInput => ({ match, source, target, status: 301 });
    assert.equal(loop([r('/a', '/b'), r('/b', '/c')]), null);
    assert.deepEqual(loop([r('/a', '/a')])?.chain, ['/a', '/a']);
    assert.deepEqual(loop([r('/a', '/b'), r('/b', '/c'), r('/c', '/a')])?.chain, ['/a', '/b', '/c', '/a']);
    assert.ok(loop([r('/old', '/old/new', 'prefix')]), 'a prefix rule into itself grows the path for ever');
    assert.ok(loop([r('/x', '/y', 'prefix'), r('/y/q', '/x/q')]), 'a prefix hop and an exact hop');
    assert.ok(loop([r('/a', '/b/'), r('/b', '/a')]), 'a trailing slash is the same address');
    const chain = Array.from({ length: 12 }, (_, i) => r(`/h${i}`, `/h${i + 1}`));
    assert.equal(loop(chain)?.tooLong, true);
    assert.equal(loop([r('/a', 'https://elsewhere.test/a'), r('/b', '/a')]), null, 'leaving the site ends a chain');
  });

  test('CSV: quoted fields, CRLF, a header in any order; a bad row names its line; the export reads back the same', () => {
    assert.deepEqual(parseCsv('a,"b,""c"""\r\n"multi\nline",d\n'), [['a', 'b,"c"'], ['multi\nline', 'd']]);
    assert.deepEqual(
      rulesFromCsv('status,source,target\n301,/old,/new\n410,/gone,\n302,/p,http://news.test/q\n', SITE).map((r) => [r.status, r.source, r.target]),
      [[301, '/old', '/new'], [410, '/gone', ''], [302, '/p', '/q']],
    );
    assert.throws(() => rulesFromCsv('source,target\n/a,/b\n/c,javascript:alert(1)\n/a,/d\n', SITE), (e: AppError) => {
      assert.equal(e.status, 422);
      assert.match(e.message, /2 rows are wrong; nothing was imported\. line 3: target/);
      assert.match(e.problems[1].message, /line 4: \/a is already on line 2/);
      return true;
    });
    const back = rulesFromCsv('source,target,status,match,external\n/x,https://elsewhere.test/x,301,exact,yes\n/y,/z,302,prefix,\n', SITE);
    assert.deepEqual(rulesFromCsv(rulesToCsv(back), SITE), back);
    assert.throws(() => rulesFromCsv('source\n' + '/a\n'.repeat(MAX_CSV_ROWS + 5), SITE), (e: AppError) => e.status === 413);
    assert.throws(() => rulesFromCsv('source,target\n"/a,/b\n', SITE), /never closed/);
    assert.throws(() => rulesFromCsv('source,target,evil\n/a,/b,c\n', SITE), /not evil/);
  });
});

const pick = (o: ReturnType<RuleSet['resolve']>) => (o && o.status !== 410 ? [o.status, o.location] : o);

for (const dialect of DIALECTS) {
  describe(`${dialect}: the redirects manager`, () => {
    let app: TestApp;
    before(async () => (app = await createTestApp(dialect)));
    after(async () => app.cleanup());

    test('a rule is stored, found by where(), and its write is a redirect change tagged redirects', async () => {
      const from = await lastChangeSeq(app.db.kysely);
      const r = await app.redirectRules.create({ source: '/old-page', target: '/new-page' }, 'user:1');
      assert.deepEqual([r.match, r.status, r.target], ['exact', 301, '/new-page']);
      const [change] = await changesAfter(app.db.kysely, from, 10);
      assert.deepEqual([change.kind, change.tags], ['redirect', ['redirects']]);
      const found = await app.redirects.where('/old-page?utm=1');
      assert.deepEqual(found && found.kind === 'rule' && found.status === 301 ? [found.location, found.rule.source] : found, ['/new-page', '/old-page']);
      await app.redirectRules.update(r.id, { status: 410, target: '' });
      assert.equal((await app.redirects.where('/old-page'))?.status, 410);
      await app.redirectRules.remove(r.id);
      assert.equal(await app.redirects.where('/old-page'), null);
    });

    test('a rule closing a loop with stored rules is refused and nothing is written', async () => {
      await app.redirectRules.create({ source: '/l1', target: '/l2' });
      await app.redirectRules.create({ source: '/l2', target: '/l3' });
      const from = await lastChangeSeq(app.db.kysely);
      await assert.rejects(app.redirectRules.create({ source: '/l3', target: '/l1' }), (e: AppError) => e.status === 422 && /loop: \/l3 → \/l1 → \/l2 → \/l3/.test(e.message));
      const l2 = (await app.redirectRules.list()).find((x) => x.source === '/l2')!;
      await assert.rejects(app.redirectRules.update(l2.id, { target: '/l1' }), /loop/);
      assert.equal(await lastChangeSeq(app.db.kysely), from);
      assert.equal((await app.redirectRules.get(l2.id)).target, '/l3');
    });

    test('a duplicate source is a 409; an unknown field is refused', async () => {
      await app.redirectRules.create({ source: '/dup', target: '/x' });
      await assert.rejects(app.redirectRules.create({ source: '/dup/', target: '/y' }), (e: AppError) => e.status === 409);
      await assert.rejects(app.redirectRules.create({ source: '/z', target: '/y', id: 5 }), (e: AppError) => e.status === 422 && e.field === 'id');
    });

    test('CSV import is all or nothing, replaces rules with the same source, and refuses a loop across file and table', async () => {
      const before = (await app.redirectRules.list()).length;
      await assert.rejects(app.redirectRules.importCsv('source,target\n/c1,/c2\n/c2,javascript:x\n'), /nothing was imported/);
      await assert.rejects(app.redirectRules.importCsv('source,target\n/c1,/c2\n/l3,/l1\n'), /loop/);
      assert.equal((await app.redirectRules.list()).length, before);
      assert.deepEqual(await app.redirectRules.importCsv('source,target,status\n/c1,/c2,302\n/dup,/replaced,301\n'), { imported: 2 });
      const all = await app.redirectRules.list();
      assert.equal(all.length, before + 1);
      assert.equal(all.find((r) => r.source === '/dup')?.target, '/replaced');
      const exported = await app.redirectRules.exportCsv();
      assert.deepEqual(await app.redirectRules.importCsv(exported), { imported: all.length });
      assert.deepEqual((await app.redirectRules.list()).map((r) => [r.source, r.target, r.status]), all.map((r) => [r.source, r.target, r.status]));
    });
  });
}

describe("redirect rules: Ghost's redirects.json", () => {
  test('literal paths become exact rules, "(.*)" with "$1" a prefix rule; other expressions are skipped and named', () => {
    const { rules, skipped } = rulesFromGhostRedirects(
      JSON.stringify([
        { from: '^\\/old-post\\/$', to: '/new-post/', permanent: true },
        { from: '/temporary/', to: '/elsewhere' },
        { from: '^/blog/(.*)', to: '/archive/$1', permanent: true },
        { from: '^/(tag|topic)/(.*)$', to: '/tag/$2' },
        { from: '^/partner/$', to: 'https://partner.example/' },
        { from: '^/x/$', to: 'javascript:alert(1)' },
      ]),
      SITE,
      false,
    );
    assert.deepEqual(rules.map((r) => [r.match, r.source, r.target, r.status]), [
      ['exact', '/old-post', '/new-post/', 301],
      ['exact', '/temporary', '/elsewhere', 302],
      ['prefix', '/blog', '/archive', 301],
    ]);
    assert.equal(skipped.length, 3);
    assert.match(skipped[0], /entry 4: .* regular expression/);
    assert.match(skipped[1], /entry 5: target points to another site/);
    assert.match(skipped[2], /entry 6: target must be a path/);
    assert.equal(rulesFromGhostRedirects('[{"from":"^/partner/$","to":"https://partner.example/"}]', SITE, true).rules[0].target, 'https://partner.example/');
    assert.throws(() => rulesFromGhostRedirects('{"from":1}', SITE, false), /JSON list/);
  });
});
