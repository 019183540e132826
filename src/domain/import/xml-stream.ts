import fs from 'node:fs';
import { SaxesParser } from 'saxes';

/** A small element tree: one WXR author, term or item at a time, never the whole file. */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlNode[];
}

/** A file we refuse to read, with the line (and, when the reader knows it, the column) it went wrong on. */
export class ImportFormatError extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
    readonly column: number | null = null,
  ) {
    super(line === null ? message : `line ${line}${column === null ? '' : `, column ${column}`}: ${message}`);
    this.name = 'ImportFormatError';
  }
}

/** saxes reports "line:column: message"; the operator wants the line and the reason. */
function formatError(e: unknown, line: number): ImportFormatError {
  const raw = e instanceof Error ? e.message : String(e);
  const m = /^(\d+):(\d+): (.*)$/s.exec(raw);
  const why = m ? m[3] : raw;
  const hint = /undefined entity/.test(why) ? ' (no DTD is read: only &amp; &lt; &gt; &quot; &apos; and numeric references are allowed)' : '';
  return new ImportFormatError(why.replace(/\.$/, '') + hint, m ? Number(m[1]) : line);
}

/**
 * Streams an XML file and hands over each element found inside the
 * `outer` path (['rss', 'channel']: the channel's children) as a finished tree, awaiting `onRecord`
 * between chunks so a slow database holds the reader back (bounded memory).
 * No DTD is read: a DOCTYPE (the door to XXE and entity expansion) is
 * refused before anything is handed over, and an entity other than the five
 * XML ones is an error from saxes itself, so nothing is read from disk.
 */
export async function streamXml(
  file: string,
  outer: string[],
  onRecord: (node: XmlNode) => void,
  drain: () => Promise<void>,
  onBytes: (bytesRead: number) => void = () => undefined,
): Promise<void> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const depth = outer.length + 1;
  const stack: XmlNode[] = [];
  let level = 0;
  parser.on('doctype', () => {
    throw new ImportFormatError('a DOCTYPE is not allowed in an import file (DTDs and entities are refused: nothing was imported)', parser.line);
  });
  parser.on('opentag', (tag) => {
    level++;
    if (level < depth) {
      if (tag.name !== outer[level - 1]) {
        const where = level === 1 ? 'as the root element' : `inside <${outer[level - 2]}>`;
        throw new ImportFormatError(`expected <${outer[level - 1]}> ${where}, found <${tag.name}>`, parser.line);
      }
      return;
    }
    const node: XmlNode = { name: tag.name, attrs: tag.attributes as Record<string, string>, text: '', children: [] };
    if (stack.length) stack[stack.length - 1].children.push(node);
    stack.push(node);
  });
  const onText = (t: string) => {
    if (stack.length) stack[stack.length - 1].text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    level--;
    if (level < depth - 1) return;
    const node = stack.pop();
    if (node && stack.length === 0) onRecord(node);
  });
  const input = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  // Decoded here, not by the stream, so bytesRead counts the file's bytes for the progress line.
  const decoder = new TextDecoder('utf-8');
  // Only what the parser (and the records it hands over) throws is the file's fault; an error
  // from writing a batch (the database) goes up as it is, so a job runner retries it.
  const parse = (write: () => void) => {
    try {
      write();
    } catch (e) {
      // A record the reader refused (a post without an id) is named by the line the parser reached.
      if (e instanceof ImportFormatError) throw e.line === null ? new ImportFormatError(e.message, parser.line) : e;
      throw formatError(e, parser.line);
    }
  };
  try {
    for await (const chunk of input) {
      parse(() => parser.write(decoder.decode(chunk as Buffer, { stream: true })));
      onBytes(input.bytesRead);
      await drain();
    }
    parse(() => parser.close());
  } finally {
    input.destroy();
  }
  await drain();
}

export const child = (n: XmlNode, name: string): XmlNode | undefined => n.children.find((c) => c.name === name);
export const textOf = (n: XmlNode, name: string): string => (child(n, name)?.text ?? '').trim();
export const childrenNamed = (n: XmlNode, name: string): XmlNode[] => n.children.filter((c) => c.name === name);
