// Makes the server bundle ASCII-only, keeping its source map true.
//
// esbuild escapes non-ASCII characters in strings and names but leaves them in
// regular expression literals (escaping changes a RegExp's `source`); our
// sources hold some (curly quotes, dashes, Turkish letters). One such
// character made node read the whole 2.8 MB bundle through its slow UTF-8
// path and V8 hold it as two-byte text. Each is written as a \uXXXX escape,
// which means the same character inside a regular expression, with or
// without the u flag (a character past U+FFFF as its two surrogate escapes).
// Nothing of ours reads these expressions' `source`.

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Map([...B64].map((c, i) => [c, i]));

/** One VLQ value from `s` at `i`: [value, next index]. */
function readVlq(s, i) {
  let result = 0;
  let shift = 0;
  for (;;) {
    const digit = B64_VALUE.get(s[i++]);
    result += (digit & 31) << shift;
    shift += 5;
    if (!(digit & 32)) break;
  }
  return [result & 1 ? -(result >>> 1) : result >>> 1, i];
}

function writeVlq(value) {
  let v = value < 0 ? (-value << 1) | 1 : value << 1;
  let out = '';
  do {
    let digit = v & 31;
    v >>>= 5;
    if (v) digit |= 32;
    out += B64[digit];
  } while (v);
  return out;
}

/**
 * Moves the generated columns of one line's mappings right by what was
 * inserted before them. `inserted` lists [column in the old line, characters
 * added there], in order. Only a segment's first field (its generated column,
 * relative to the segment before it on the line) changes; the others are
 * copied as they are.
 */
function shiftLine(line, inserted) {
  if (!inserted.length || !line) return line;
  let oldCol = 0;
  let newPrev = 0;
  return line
    .split(',')
    .map((segment) => {
      const [delta, rest] = readVlq(segment, 0);
      oldCol += delta;
      let added = 0;
      for (const [at, n] of inserted) if (at < oldCol) added += n;
      const newCol = oldCol + added;
      const out = writeVlq(newCol - newPrev) + segment.slice(rest);
      newPrev = newCol;
      return out;
    })
    .join(',');
}

const escape = (unit) => `\\u${unit.toString(16).padStart(4, '0')}`;

/** The bundle's text and map with every non-ASCII character escaped; `escaped` counts them. */
export function asciiBundle(code, map) {
  const lines = code.split('\n');
  const mapping = map.mappings.split(';');
  let escaped = 0;
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l];
    if (!/[^\x00-\x7f]/.test(line)) continue;
    const inserted = [];
    let out = '';
    for (let c = 0; c < line.length; c++) {
      const unit = line.charCodeAt(c);
      if (unit < 0x80) {
        out += line[c];
        continue;
      }
      // Columns in a source map count UTF-16 units, as charCodeAt does: each unit becomes six characters.
      out += escape(unit);
      inserted.push([c, 5]);
      escaped++;
    }
    lines[l] = out;
    if (l < mapping.length) mapping[l] = shiftLine(mapping[l], inserted);
  }
  return { code: lines.join('\n'), map: { ...map, mappings: mapping.join(';') }, escaped };
}
