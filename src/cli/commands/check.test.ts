// Lives here only because src/cli/commands/ is not ours to add files to; move beside check.ts when wiring.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCommand, parseStoryFile } from './check.ts';

async function run(content: string | null, args?: string[]): Promise<{ code: number; lines: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'dateline-check-'));
  try {
    const file = join(dir, 'story.md');
    if (content !== null) await writeFile(file, content);
    const lines: string[] = [];
    const code = await checkCommand(args ?? [file], (l) => lines.push(l));
    return { code, lines };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

it('parses simple front matter', () => {
  const s = parseStoryFile('---\nheadline: "A: b"\ndek: Short\ndateline: Tehran\nauthor: x\n---\nBody.\n');
  assert.deepEqual(s, { headline: 'A: b', dek: 'Short', dateline: 'Tehran', body: 'Body.\n' });
  assert.equal(parseStoryFile('No front matter.').body, 'No front matter.');
});

it('prints findings and exits 1 on errors', async () => {
  const { code, lines } = await run('---\nheadline: Talks\ndek: Short\ndateline: Tehran\n---\nQaani met officials, according to.\n\n"We will rebuild," the mayor said. Ghaani left.\n');
  assert.equal(code, 1);
  assert.deepEqual(lines, [
    'error dangling-attribution 0:21-33 “according to” names no source (suggestion: name the source, or cut the attribution)',
    // One finding for the one name, with both places.
    'warning name-spelled-two-ways 0:0-5,1:35-41 Name spelled 2 ways: “Qaani” ×1, “Ghaani” ×1; the story mostly uses “Qaani” (suggestion: Qaani)',
  ]);
});

it('exits 0 with warnings only, 2 on usage and IO problems', async () => {
  assert.equal((await run('---\nheadline: Talks\ndateline: Tehran\n---\nA clean story.\n')).code, 0);
  assert.equal((await run(null)).code, 2);
  const usage = await run('x', []);
  assert.equal(usage.code, 2);
  assert.match(usage.lines[0], /^usage: dateline check FILE\.md/);
});
