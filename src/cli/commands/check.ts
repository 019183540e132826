import { readFile } from 'node:fs/promises';
import { markdownToDoc } from '../../domain/articles/index.ts';
import { formatFinding, hasErrors, runChecks } from '../../domain/editorial-checks/index.ts';
import { AppError } from '../../domain/shared/errors.ts';

const USAGE = 'usage: dateline check FILE.md   (front matter: headline:, dek:, dateline:)';
const FIELDS = new Set(['headline', 'dek', 'dateline']);

interface StoryFile {
  headline: string;
  dek: string;
  dateline: string;
  body: string;
}

/**
 * Front matter is a block between `---` lines of simple `key: value` pairs;
 * no YAML library, because three string fields do not need one. Values may
 * be wrapped in matching quotes; unknown keys are ignored.
 */
export function parseStoryFile(source: string): StoryFile {
  const story: StoryFile = { headline: '', dek: '', dateline: '', body: source };
  const m = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(source);
  if (!m) return story;
  for (const line of m[1].split(/\r?\n/)) {
    const kv = /^\s*([A-Za-z]+)\s*:\s*(.*?)\s*$/.exec(line);
    if (!kv || !FIELDS.has(kv[1].toLowerCase())) continue;
    const value = kv[2].replace(/^(["'])(.*)\1$/, '$2');
    story[kv[1].toLowerCase() as 'headline' | 'dek' | 'dateline'] = value;
  }
  story.body = source.slice(m[0].length);
  return story;
}

/** `dateline check FILE.md`: exit 1 when any finding is an error, 0 otherwise, 2 on usage or input problems. */
export async function checkCommand(args: string[], out: (line: string) => void): Promise<number> {
  if (args.length !== 1 || args[0].startsWith('-')) {
    out(USAGE);
    return 2;
  }
  let source: string;
  try {
    source = await readFile(args[0], 'utf8');
  } catch (err) {
    out(`cannot read ${args[0]}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    return 2;
  }
  const story = parseStoryFile(source);
  let body;
  try {
    body = markdownToDoc(story.body);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    out(`${args[0]}: ${err.problems.map((p) => p.message).join('; ') || err.message}`);
    return 2;
  }
  const findings = runChecks({ headline: story.headline, dek: story.dek, dateline: story.dateline, body });
  for (const f of findings) out(formatFinding(f));
  return hasErrors(findings) ? 1 : 0;
}
