import { transliterationKey } from '../../domain/transliteration/index.ts';

const USAGE = 'usage: dateline names key NAME...   (prints NAME<TAB>KEY, one line per name)';

/** `dateline names key NAME...`: the transliteration key of each name, one per line. */
export async function namesCommand(args: string[], out: (line: string) => void): Promise<number> {
  const [sub, ...names] = args;
  if (sub !== 'key' || names.length === 0) {
    out(USAGE);
    return 2;
  }
  for (const name of names) out(`${name}\t${transliterationKey(name)}`);
  return 0;
}
