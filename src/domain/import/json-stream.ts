import { ImportFormatError } from './xml-stream.ts';

/**
 * A streaming JSON reader for import files (Ghost exports), written here
 * rather than taken from npm: stream-json dropped line and column positions
 * in 1.0 for speed, and an operator needs "line 3, column 17: expected ','";
 * clarinet keeps them but hands over every value, so skipping the posts'
 * HTML on a pass that only wants the small tables would still build it.
 * This one decides at each value's start whether to build it (`take`),
 * walk into it (`enter`) or only check it (`skip`: its strings are never
 * assembled), so memory holds one record at a time, never the file.
 */
export type JsonKey = string | number;
export type JsonChoice = 'take' | 'enter' | 'skip';
export type JsonKind = 'object' | 'array' | 'scalar';

export interface JsonVisitor {
  /** Called as a value at `path` starts, for values inside entered containers (the root's path is []). */
  choose(path: readonly JsonKey[], kind: JsonKind): JsonChoice;
  /** A value chosen with `take`, built whole; `byteOffset()` is where it ends in the file. */
  take(path: readonly JsonKey[], value: unknown, byteOffset: () => number): void;
}

const enum Expect {
  Value,
  ValueOrClose,
  KeyOrClose,
  Key,
  Colon,
  CommaOrClose,
  Done,
}
const enum Tok {
  None,
  Str,
  Num,
  Lit,
}
const enum Mode {
  Skip,
  Enter,
  Build,
}

interface Frame {
  array: boolean;
  key: JsonKey;
  mode: Mode;
  /** The container being built (Build mode, or the root of a `take`). */
  value?: Record<string, unknown> | unknown[];
  taken: boolean;
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const ESCAPES = '"\\/bfnrtu';
const HEX = /[0-9a-fA-F]/;

const show = (c: string) => (c === '"' ? `'"'` : `"${c}"`);

export class JsonReader {
  line = 1;
  private lineStart = 0;
  /** Characters of the current line in earlier chunks, for the column. */
  private colBase = 0;
  private expect = Expect.Value;
  private readonly stack: Frame[] = [];
  private tok = Tok.None;
  private tokParts: string[] = [];
  private tokStart = 0;
  /** Inside a string: 0, 1 after a backslash, 2–5 reading a \u escape's hex digits. */
  private esc = 0;
  private strEscaped = false;
  private strIsKey = false;
  private strMode = Mode.Skip;
  private chunk = '';
  private bytesBefore = 0;
  private offsetIdx = 0;
  private offsetBytes = 0;
  private sawValue = false;

  constructor(private readonly visitor: JsonVisitor) {}

  /** Bytes of the file up to the reader's position (for the progress line). */
  readonly byteOffset = (i = this.pos) => {
    if (i < this.offsetIdx) (this.offsetIdx = 0), (this.offsetBytes = 0);
    this.offsetBytes += Buffer.byteLength(this.chunk.slice(this.offsetIdx, i));
    this.offsetIdx = i;
    return this.bytesBefore + this.offsetBytes;
  };
  private pos = 0;

  write(text: string): void {
    this.chunk = text;
    this.offsetIdx = 0;
    this.offsetBytes = 0;
    this.lineStart = 0;
    const n = text.length;
    let i = 0;
    if (this.tok !== Tok.None) {
      this.tokStart = 0;
      i = this.continueToken(0);
    }
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 13) {
        i++;
        continue;
      }
      if (c === 10) {
        this.line++;
        this.lineStart = ++i;
        this.colBase = 0;
        continue;
      }
      i = this.structural(c, i);
    }
    if (this.tok !== Tok.None) this.tokParts.push(text.slice(this.tokStart));
    this.bytesBefore += Buffer.byteLength(text);
    this.colBase += n - this.lineStart;
    this.lineStart = 0;
    this.chunk = '';
  }

  end(): void {
    this.pos = 0;
    if (this.tok === Tok.Num || this.tok === Tok.Lit) this.finishBare(this.tokParts.join(''), 0);
    if (this.tok === Tok.Str) this.fail(0, `the file ends inside a string: it was cut short`);
    if (this.stack.length) this.fail(0, `the file ends inside ${this.stack.at(-1)!.array ? 'an array' : 'an object'}: it was cut short`);
    if (!this.sawValue) this.fail(0, 'the file is empty');
  }

  private fail(i: number, why: string): never {
    throw new ImportFormatError(why, this.line, this.colBase + (i - this.lineStart) + 1);
  }

  /** One character outside any token: punctuation, or the first character of a value. */
  private structural(c: number, i: number): number {
    const ch = this.chunk[i];
    switch (this.expect) {
      case Expect.Colon:
        if (c !== 58) this.fail(i, `expected ":" after a key, found ${show(ch)}`);
        this.expect = Expect.Value;
        return i + 1;
      case Expect.CommaOrClose: {
        const top = this.stack.at(-1)!;
        if (c === 44) {
          if (top.array) (top.key as number)++;
          this.expect = top.array ? Expect.Value : Expect.Key;
          return i + 1;
        }
        if (c === (top.array ? 93 : 125)) return this.close(i);
        this.fail(i, `expected "," or "${top.array ? ']' : '}'}" after a value in ${top.array ? 'an array' : 'an object'}, found ${show(ch)}`);
      }
      case Expect.KeyOrClose:
      case Expect.Key:
        if (c === 125 && this.expect === Expect.KeyOrClose) return this.close(i);
        if (c !== 34) this.fail(i, `expected a key in double quotes, found ${show(ch)}`);
        return this.startString(i, true);
      case Expect.ValueOrClose:
        if (c === 93) return this.close(i);
        return this.value(c, i);
      case Expect.Value:
        return this.value(c, i);
      case Expect.Done:
        this.fail(i, `more after the end of the JSON value: ${show(ch)}`);
    }
  }

  private value(c: number, i: number): number {
    this.pos = i;
    if (c === 123 || c === 91) {
      const array = c === 91;
      const mode = this.modeFor(array ? 'array' : 'object');
      const frame: Frame = { array, key: array ? 0 : '', mode, taken: false };
      if (mode === Mode.Build) {
        frame.value = array ? [] : {};
        const parent = this.stack.at(-1);
        if (parent?.mode === Mode.Build) put(parent, frame.value);
        else frame.taken = true;
      }
      this.stack.push(frame);
      this.expect = array ? Expect.ValueOrClose : Expect.KeyOrClose;
      return i + 1;
    }
    if (c === 34) return this.startString(i, false);
    if (c === 45 || (c >= 48 && c <= 57)) return this.startBare(Tok.Num, i);
    if (c >= 97 && c <= 122) return this.startBare(Tok.Lit, i);
    this.fail(i, `expected a value, found ${show(this.chunk[i])}`);
  }

  /** Build, walk or skip the value starting here, as its container's mode and the visitor say. */
  private modeFor(kind: JsonKind): Mode {
    const parent = this.stack.at(-1);
    if (parent && parent.mode !== Mode.Enter) return parent.mode;
    const choice = this.visitor.choose(this.stack.map((f) => f.key), kind);
    return choice === 'take' ? Mode.Build : choice === 'enter' && kind !== 'scalar' ? Mode.Enter : Mode.Skip;
  }

  private close(i: number): number {
    const frame = this.stack.pop()!;
    this.pos = i + 1;
    if (frame.taken) this.visitor.take(this.stack.map((f) => f.key), frame.value, () => this.byteOffset(i + 1));
    this.afterValue();
    return i + 1;
  }

  private afterValue(): void {
    this.sawValue = true;
    this.expect = this.stack.length ? Expect.CommaOrClose : Expect.Done;
  }

  /** A scalar is done: into its container, to the visitor, or dropped. */
  private scalar(v: unknown, mode: Mode, end: number): void {
    if (mode === Mode.Build) {
      const parent = this.stack.at(-1);
      if (parent?.mode === Mode.Build) put(parent, v);
      else this.visitor.take(this.stack.map((f) => f.key), v, () => this.byteOffset(end));
    }
    this.afterValue();
  }

  private startString(i: number, isKey: boolean): number {
    this.pos = i;
    this.tok = Tok.Str;
    this.strIsKey = isKey;
    const parent = this.stack.at(-1);
    // A key is needed when its object is walked (for the path) or built.
    this.strMode = isKey ? (parent!.mode === Mode.Skip ? Mode.Skip : Mode.Build) : this.modeFor('scalar');
    this.strEscaped = false;
    this.esc = 0;
    this.tokParts = [];
    this.tokStart = i + 1;
    return this.continueToken(i + 1);
  }

  private startBare(tok: Tok, i: number): number {
    this.tok = tok;
    this.tokParts = [];
    this.tokStart = i;
    return this.continueToken(i);
  }

  /** Reads on in the current token; returns where the reader goes on (the chunk's end when the token continues in the next). */
  private continueToken(i: number): number {
    return this.tok === Tok.Str ? this.continueString(i) : this.continueBare(i);
  }

  /** A number or a word (true, false, null): it ends at the first character that cannot be part of one. */
  private continueBare(i: number): number {
    const s = this.chunk;
    const n = s.length;
    while (i < n) {
      const c = s.charCodeAt(i);
      const part = this.tok === Tok.Num ? (c >= 48 && c <= 57) || c === 46 || c === 43 || c === 45 || c === 101 || c === 69 : c >= 97 && c <= 122;
      if (!part) break;
      i++;
    }
    if (i === n) return n;
    this.finishBare(this.tokParts.join('') + s.slice(this.tokStart, i), i);
    return i;
  }

  private continueString(i: number): number {
    const s = this.chunk;
    const n = s.length;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (this.esc === 0) {
        if (c === 34) break;
        if (c === 92) (this.esc = 1), (this.strEscaped = true);
        else if (c < 32) this.fail(i, `a control character (U+${c.toString(16).padStart(4, '0').toUpperCase()}) inside a string: a line break in a string must be written \\n`);
      } else if (this.esc === 1) {
        if (!ESCAPES.includes(s[i])) this.fail(i, `"\\${s[i]}" is not an escape JSON knows`);
        this.esc = s[i] === 'u' ? 2 : 0;
      } else {
        if (!HEX.test(s[i])) this.fail(i, `"\\u" must be followed by four hex digits, found ${show(s[i])}`);
        this.esc = this.esc === 5 ? 0 : this.esc + 1;
      }
    }
    if (i === n) {
      // The string goes on in the next chunk; only what is kept is remembered.
      if (this.strMode === Mode.Skip) this.tokStart = n;
      return n;
    }
    let value = '';
    if (this.strMode !== Mode.Skip) {
      const raw = this.tokParts.length ? this.tokParts.join('') + s.slice(this.tokStart, i) : s.slice(this.tokStart, i);
      // Every escape was checked above, so JSON.parse only unescapes.
      value = this.strEscaped ? (JSON.parse(`"${raw}"`) as string) : raw;
    }
    this.tok = Tok.None;
    this.tokParts = [];
    if (this.strIsKey) {
      this.stack.at(-1)!.key = value;
      this.expect = Expect.Colon;
    } else this.scalar(value, this.strMode, i + 1);
    return i + 1;
  }

  private finishBare(text: string, i: number): void {
    const tok = this.tok;
    this.tok = Tok.None;
    this.tokParts = [];
    let v: unknown;
    if (tok === Tok.Num) {
      if (!NUMBER.test(text)) this.fail(i - text.length, `"${text.slice(0, 40)}" is not a number`);
      v = Number(text);
    } else if (text === 'true' || text === 'false' || text === 'null') v = text === 'null' ? null : text === 'true';
    else this.fail(i - text.length, `"${text.slice(0, 40)}" is not a value (strings need double quotes; the words are true, false and null)`);
    this.pos = i;
    this.scalar(v, this.modeFor('scalar'), i);
  }
}

/** Into a container being built; `__proto__` as a key is an own property, as JSON.parse makes it. */
function put(frame: Frame, v: unknown): void {
  if (Array.isArray(frame.value)) frame.value.push(v);
  else if (frame.key === '__proto__') Object.defineProperty(frame.value, '__proto__', { value: v, enumerable: true, writable: true, configurable: true });
  else frame.value![frame.key as string] = v;
}
