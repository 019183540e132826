import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  allowedMoves, createNewsroom, diffWords, markdownToDoc, parseArticleInput, utcToZonedLocal, zonedLocalToUtc, type Newsroom, type StaffActor,
} from '../../src/domain/articles/index.ts';
import { runChecks, type Finding } from '../../src/domain/editorial-checks/index.ts';
import { AppError } from '../../src/domain/shared/errors.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

const contributor: StaffActor = { id: 101, role: 'contributor' };
const otherContributor: StaffActor = { id: 102, role: 'contributor' };
const author: StaffActor = { id: 201, role: 'author' };
const editor: StaffActor = { id: 301, role: 'editor' };

async function rejects(p: Promise<unknown>, code: string): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof AppError, String(e));
    assert.equal(e.code, code, e.message);
    return e;
  }
  assert.fail(`expected ${code}`);
}

describe('scheduling in the edition time zone', () => {
  test('Tehran: +03:30 now, +04:30 in summers before DST was retired in 2022, and DST gaps refused', () => {
    assert.equal(zonedLocalToUtc('2026-05-21T18:15', 'Asia/Tehran').toISOString(), '2026-05-21T14:45:00.000Z');
    // Tehran kept daylight saving (+04:30) in summer until 2022.
    assert.equal(zonedLocalToUtc('2021-05-21T18:15', 'Asia/Tehran').toISOString(), '2021-05-21T13:45:00.000Z');
    assert.equal(zonedLocalToUtc('2021-01-10T18:15', 'Asia/Tehran').toISOString(), '2021-01-10T14:45:00.000Z');
    // 2021-03-22 00:00 → 01:00 in Tehran: 00:30 never happened.
    assert.throws(() => zonedLocalToUtc('2021-03-22T00:30', 'Asia/Tehran'), /does not exist/);
  });

  test('New York: spring-forward gap refused, fall-back overlap takes the first 01:30', () => {
    assert.throws(() => zonedLocalToUtc('2026-03-08T02:30', 'America/New_York'), /does not exist/);
    assert.equal(zonedLocalToUtc('2026-11-01T01:30', 'America/New_York').toISOString(), '2026-11-01T05:30:00.000Z');
    assert.equal(zonedLocalToUtc('2026-07-04T09:00', 'America/New_York').toISOString(), '2026-07-04T13:00:00.000Z');
    assert.equal(zonedLocalToUtc('2026-07-04T09:00', 'Asia/Kolkata').toISOString(), '2026-07-04T03:30:00.000Z');
  });

  test('round-trips and refuses malformed or impossible input', () => {
    for (const tz of ['UTC', 'Asia/Tehran', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Europe/London']) {
      const d = new Date('2026-10-04T01:23:00Z');
      assert.equal(zonedLocalToUtc(utcToZonedLocal(d, tz), tz).toISOString(), d.toISOString(), tz);
    }
    for (const bad of ['2026-02-30T10:00', '2026-05-21 18:15', '2026-05-21T24:00', '', '2026-05-21T18:15Z']) {
      assert.throws(() => zonedLocalToUtc(bad, 'UTC'), AppError, bad);
    }
  });
});

describe('word diff', () => {
  test('marks changed words and keeps the text recoverable', () => {
    const parts = diffWords('The mayor said the budget passed.', 'The mayor told reporters the budget failed.');
    assert.equal(parts.filter((p) => p.op !== 'insert').map((p) => p.text).join(''), 'The mayor said the budget passed.');
    assert.equal(parts.filter((p) => p.op !== 'delete').map((p) => p.text).join(''), 'The mayor told reporters the budget failed.');
    assert.deepEqual(parts.filter((p) => p.op === 'delete').map((p) => p.text.trim()), ['said', 'passed']);
  });

  test('a huge rewrite stays bounded (replace, not a quadratic table)', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`).join(' ');
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`).join(' ');
    const parts = diffWords(a, b);
    assert.deepEqual(parts.map((p) => p.op), ['delete', 'insert']);
  });
});

for (const dialect of DIALECTS) {
  describe(`${dialect}: newsroom workflow and revisions`, () => {
    let app: TestApp;
    let nr: Newsroom<Finding>;
    before(async () => {
      app = await createTestApp(dialect);
      await app.sections.create({ name: 'City', slug: 'city' });
      nr = createNewsroom({
        db: app.db, clock: app.clock, articles: app.articles, settings: app.settings, likeOp: app.likeOp,
        check: async (story, dismissed) => runChecks(story, { dismissed }),
      });
    });
    after(async () => app.cleanup());

    const draft = (headline: string, md = 'First paragraph.') => parseArticleInput({ headline, bodyMarkdown: md, dek: 'A dek.' }, 'create');

    test('contributor: own drafts and review only; never publish, never others', async () => {
      const mine = await nr.workflow.create(contributor, draft('Council meets'));
      assert.equal(mine.createdBy, contributor.id);
      await rejects(nr.workflow.create(contributor, { ...draft('Live now'), status: 'published' }), 'FORBIDDEN');
      await rejects(nr.workflow.save(contributor, mine.id, { status: 'published' }), 'FORBIDDEN');
      await rejects(nr.workflow.save(contributor, mine.id, { status: 'scheduled', publishedAt: new Date('2030-01-01T00:00:00Z') }), 'FORBIDDEN');
      const sent = await nr.workflow.save(contributor, mine.id, { status: 'review' });
      assert.equal(sent.status, 'review');
      await rejects(nr.workflow.save(otherContributor, mine.id, { headline: 'Mine now' }), 'NOT_FOUND');
      await rejects(nr.workflow.save(author, mine.id, { status: 'published' }), 'NOT_FOUND');
      assert.deepEqual(allowedMoves(contributor, sent), ['draft']);
      const live = await nr.workflow.save(editor, mine.id, { status: 'published' });
      assert.equal(live.status, 'published');
      // Once live, the contributor may look but not touch.
      await rejects(nr.workflow.save(contributor, mine.id, { headline: 'Sneaky edit' }), 'FORBIDDEN');
      assert.equal((await app.articles.get(mine.id)).headline, 'Council meets');
    });

    test('author publishes own; editor does anything; API stories are editors only', async () => {
      const a = await nr.workflow.create(author, draft('Author story'));
      assert.equal((await nr.workflow.save(author, a.id, { status: 'published' })).status, 'published');
      assert.equal((await nr.workflow.save(author, a.id, { status: 'unpublished' })).status, 'unpublished');
      const apiStory = await app.articles.create(draft('From the API'), 'apikey:1');
      await rejects(nr.workflow.save(author, apiStory.id, { headline: 'x' }), 'NOT_FOUND');
      assert.equal((await nr.workflow.save(editor, apiStory.id, { status: 'published' })).status, 'published');
      await rejects(nr.workflow.remove(author, a.id), 'FORBIDDEN');
      await nr.workflow.remove(editor, a.id);
    });

    test('a stale version is refused, never a silent overwrite', async () => {
      const a = await nr.workflow.create(editor, draft('Two editors'));
      await nr.workflow.save(editor, a.id, { headline: 'First editor wins', version: a.version });
      const e = await rejects(nr.workflow.save(editor, a.id, { headline: 'Second editor', version: a.version }), 'VERSION_CONFLICT');
      assert.match(e.message, /saved by someone else/);
      assert.equal((await app.articles.get(a.id)).headline, 'First editor wins');
    });

    test('every save is a revision; diff is readable; restore is a new save', async () => {
      const a = await nr.workflow.create(editor, draft('Bridge reopens', 'The bridge reopened on Monday.\n\n## Traffic\n\nCars queued.'));
      const b = await nr.workflow.save(editor, a.id, { headline: 'Bridge reopens early', body: markdownToDoc('The bridge reopened on Sunday.\n\n## Traffic\n\nCars queued.'), dateline: 'Tehran', version: a.version });
      const list = await nr.revisions.list(editor, a.id);
      assert.deepEqual(list.map((r) => r.version), [2, 1]);
      assert.equal(list[0].actor, `user:${editor.id}`);
      const d = await nr.revisions.diff(editor, a.id, 1, 2);
      assert.deepEqual(d.headline.filter((p) => p.op === 'insert').map((p) => p.text.trim()), ['early']);
      const changed = d.body.filter((x) => x.change !== 'equal');
      assert.equal(changed.length, 1);
      assert.deepEqual(changed[0].parts.filter((p) => p.op !== 'equal').map((p) => [p.op, p.text]), [['delete', 'Monday'], ['insert', 'Sunday']]);
      assert.deepEqual(d.fields, [{ field: 'Dateline', before: '—', after: 'Tehran' }]);
      await rejects(nr.revisions.restore(editor, a.id, 1, a.version), 'VERSION_CONFLICT');
      const restored = await nr.revisions.restore(editor, a.id, 1, b.version);
      assert.equal(restored.headline, 'Bridge reopens');
      assert.equal(restored.version, 3);
      assert.match(restored.bodyText, /Monday/);
      assert.deepEqual((await nr.revisions.list(editor, a.id)).map((r) => r.version), [3, 2, 1]);
      await rejects(nr.revisions.list(contributor, a.id), 'NOT_FOUND');
    });

    test('check errors block publishing only when the site says so; a dismissal is remembered', async () => {
      const a = await nr.workflow.create(editor, draft('Minister resigns', 'The minister quit, according to.'));
      const findings = await nr.desk.findings(editor, a.id);
      const dangling = findings.find((f) => f.ruleId === 'dangling-attribution');
      assert.ok(dangling);
      await app.settings.update({ blockPublishOnCheckErrors: true });
      const e = await rejects(nr.workflow.save(editor, a.id, { status: 'published' }), 'VALIDATION_FAILED');
      assert.ok(e.problems.some((p) => p.field === 'checks.dangling-attribution'));
      assert.equal((await app.articles.get(a.id)).status, 'draft');
      await rejects(nr.desk.dismiss(editor, a.id, { ruleId: dangling.ruleId, fingerprint: dangling.fingerprint, reason: '' }), 'VALIDATION_FAILED');
      await nr.desk.dismiss(editor, a.id, { ruleId: dangling.ruleId, fingerprint: dangling.fingerprint, reason: 'Source named in the next story' });
      const kept = await nr.desk.dismissals(editor, a.id);
      assert.equal(kept[0].reason, 'Source named in the next story');
      assert.ok(!(await nr.desk.findings(editor, a.id)).some((f) => f.ruleId === 'dangling-attribution'));
      assert.equal((await nr.workflow.save(editor, a.id, { status: 'published' })).status, 'published');
      await app.settings.update({ blockPublishOnCheckErrors: false });
    });

    test('desk: contributors see only their own stories; counts per status', async () => {
      const mine = await nr.desk.desk(contributor, {}, 50, 0);
      assert.ok(mine.items.length > 0 && mine.items.every((i) => i.createdBy === contributor.id));
      const all = await nr.desk.desk(editor, {}, 2, 0);
      assert.equal(all.items.length, 2);
      const sum = Object.values(all.counts).reduce((x, y) => x + y, 0);
      assert.equal(sum, (await nr.desk.desk(editor, {}, 500, 0)).items.length);
      const searched = await nr.desk.desk(editor, { search: 'bridge' }, 50, 0);
      assert.deepEqual(searched.items.map((i) => i.headline), ['Bridge reopens']);
      // % _ and \ in the search are the characters themselves, on both databases.
      for (const h of ['Rates up 50% in a year', 'Rates up 501 points', 'The snake_case names', 'The snakeXcase names', 'Path C:\\new']) await nr.workflow.create(editor, draft(h));
      const heads = async (search: string) => (await nr.desk.desk(editor, { search }, 50, 0)).items.map((i) => i.headline);
      assert.deepEqual(await heads('50%'), ['Rates up 50% in a year']);
      assert.deepEqual(await heads('e_c'), ['The snake_case names']);
      assert.deepEqual(await heads('C:\\n'), ['Path C:\\new']);
      assert.deepEqual(await heads('RATES UP 50'), ['Rates up 501 points', 'Rates up 50% in a year']);
      const pub = await nr.desk.desk(editor, { status: 'published' }, 50, 0);
      assert.ok(pub.items.every((i) => i.status === 'published'));
      assert.equal(pub.total, all.counts.published);
    });
  });
}
