import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { carryMedia, exportSite } from '../../src/domain/export/index.ts';
import { importDateline, ImportFormatError, ImportTargetError } from '../../src/domain/import/index.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

/**
 * `import dateline` refuses what it cannot take whole, naming the line,
 * before it writes anything; a run that dies half-way shows readers
 * nothing, and the next run finishes it.
 */

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-import-dl-'));
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

for (const dialect of DIALECTS) {
  describe(`${dialect}: import dateline refuses bad files and resumes`, () => {
    let source: TestApp;
    let target: TestApp;
    let file: string;
    let lines: string[];
    before(async () => {
      source = await createTestApp(dialect);
      target = await createTestApp(dialect);
      const section = await source.sections.create({ name: 'City', slug: 'city' });
      const image = await source.media.importImage(PNG, { alt: 'A dot', credit: 'Staff', originalName: 'dot.png' });
      for (let i = 1; i <= 7; i++) {
        await source.articles.create(
          parseArticleInput({ headline: `Story ${i}`, section: section.id, status: 'published', publishedAt: `2026-05-0${i}T08:00:00Z`, bodyMarkdown: `Body ${i}.`, featuredImageId: i === 1 ? image.id : undefined }, 'create'),
          'test',
        );
      }
      file = path.join(tmp, `${dialect}.jsonl`);
      const out: string[] = [];
      await exportSite({ db: source.db }, async (line) => void out.push(line), { mediaFiles: carryMedia(source.config.mediaDir, `${file}.media`), now: source.clock.now() });
      lines = out;
      fs.writeFileSync(file, `${lines.join('\n')}\n`);
    });
    after(async () => {
      await source.cleanup();
      await target.cleanup();
    });

    const visible = async () => (await target.queries.listPublic({}, 100, 0)).total;
    const everything = async () => (await target.queries.listAll({}, 100, 0, target.likeOp)).total + (await target.sections.list()).length;
    const lineOf = (type: string, nth = 0) => lines.map((l, i) => [l, i] as const).filter(([l]) => JSON.parse(l).type === type)[nth][1];
    /** The file with line `i` (0-based) replaced (or dropped, for null); the error names it 1-based. */
    const variant = (name: string, i: number, line: string | null) => {
      const f = path.join(tmp, `${dialect}-${name}.jsonl`);
      fs.writeFileSync(f, `${lines.flatMap((l, j) => (j === i ? (line === null ? [] : [line]) : [l])).join('\n')}\n`);
      return f;
    };
    const edit = (i: number, fn: (rec: { row: Record<string, unknown> } & Record<string, unknown>) => void) => {
      const rec = JSON.parse(lines[i]);
      fn(rec);
      return JSON.stringify(rec);
    };
    const refuses = async (f: string, message: RegExp, mediaDir = `${file}.media`) => {
      await assert.rejects(importDateline(target.importDeps, f, { mediaDir }), (e: Error) => e instanceof ImportFormatError && message.test(e.message), String(message));
      assert.equal(await everything(), 0, 'nothing written');
    };

    test('a version it does not read, or a file that is no export, is refused at line 1', async () => {
      await refuses(variant('v2', 0, edit(0, (r) => (r.version = 2))), /^line 1: a Dateline export of version 2; this Dateline reads version 1 only$/);
      await refuses(variant('not', 0, '{"hello":"world"}'), /^line 1: not a Dateline export/);
    });

    test('a malformed line, a wrong field, a dangling id, a hostile document, an unknown field: refused naming the line', async () => {
      const a = lineOf('article', 3);
      await refuses(variant('json', a, '{"type":"article","row":{'), new RegExp(`^line ${a + 1}: not a JSON record`));
      await refuses(variant('kind', a, edit(a, (r) => (r.row.headline = 12))), new RegExp(`^line ${a + 1}: article: row field "headline" must be text$`));
      await refuses(variant('ref', a, edit(a, (r) => (r.row.section_id = 999))), new RegExp(`^line ${a + 1}: article: row field "section_id" points at section 999, which comes nowhere before it$`));
      const hostile = JSON.stringify({ type: 'doc', content: [{ type: 'html', html: '<script>alert(1)</script>' }] });
      await refuses(variant('doc', a, edit(a, (r) => (r.row.body = hostile))), new RegExp(`^line ${a + 1}: article: the body is not a valid document .*unknown block node "html"`));
      await refuses(variant('secret', a, edit(a, (r) => (r.row.password_hash = 'x'))), new RegExp(`^line ${a + 1}: article: unknown row field "password_hash"$`));
      await refuses(variant('status', a, edit(a, (r) => (r.row.status = 'live'))), new RegExp(`^line ${a + 1}: article: row field "status" is "live", not one of`));
      const s = lineOf('section');
      await refuses(variant('order', s, null), new RegExp(`^line ${lineOf('article')}: article: row field "section_id" points at section`));
    });

    test('a file cut short (no end record), or whose counts disagree, is refused', async () => {
      await refuses(variant('cut', lines.length - 1, null), /ends without its "end" record: it was cut short/);
      await refuses(variant('counts', lines.length - 1, edit(lines.length - 1, (r) => ((r.counts as Record<string, number>).article = 8))), /the end record counts 8 article records, the file holds 7/);
    });

    test('a media file missing or changed is refused before anything is written', async () => {
      const img = JSON.parse(lines[lineOf('image')]);
      const copy = path.join(tmp, `${dialect}-media-copy`);
      fs.cpSync(`${file}.media`, copy, { recursive: true });
      fs.writeFileSync(path.join(copy, img.row.key, img.files[0].file), 'not the same bytes');
      await refuses(file, new RegExp(`^line ${lineOf('image') + 1}: image ${img.row.id}: its file .* differs from the one exported`), copy);
      fs.rmSync(path.join(copy, img.row.key), { recursive: true });
      await refuses(file, new RegExp(`^line ${lineOf('image') + 1}: image ${img.row.id}: its file .* is not in`), copy);
    });

    test('a run that dies half-way shows readers nothing; the next run finishes it, without doubles', async () => {
      let commits = 0;
      const dying = { ...target.importDeps, changes: { committed: async () => (++commits === 3 ? Promise.reject(new Error('the machine went away')) : target.importDeps.changes.committed()) } };
      await assert.rejects(importDateline(dying, file, { mediaDir: `${file}.media`, batch: 4 }), /the machine went away/);
      assert.ok((await target.queries.listAll({}, 100, 0, target.likeOp)).total > 0, 'some stories were written (as drafts)');
      assert.equal(await visible(), 0, 'none of them is public');
      await importDateline(target.importDeps, file, { mediaDir: `${file}.media`, batch: 4 });
      assert.equal(await visible(), 7);
      assert.equal((await target.queries.listAll({}, 100, 0, target.likeOp)).total, 7);
      const story = (await target.queries.listPublic({}, 100, 0)).items.find((s) => s.headline === 'Story 1')!;
      const page = await target.server.inject(`/news/${story.id}/${story.slug}`);
      const img = /<img[^>]+src="(\/media\/[^"]+)"/.exec(page.body)?.[1];
      assert.ok(img, 'the featured image is on the page');
      assert.equal((await target.server.inject(img)).statusCode, 200, 'and its file was carried');
    });

    test('content that did not come from an export is refused: the exported ids would collide with it', async () => {
      const other = await createTestApp(dialect);
      try {
        await other.articles.create(parseArticleInput({ headline: 'Already here', status: 'published', publishedAt: '2026-05-01T00:00:00Z' }, 'create'), 'test');
        await assert.rejects(importDateline(other.importDeps, file, { mediaDir: `${file}.media` }), (e: Error) => e instanceof ImportTargetError && /fresh install .* 1 articles; nothing was imported/.test(e.message));
        assert.equal((await other.queries.listAll({}, 100, 0, other.likeOp)).total, 1);
      } finally {
        await other.cleanup();
      }
    });
  });
}
