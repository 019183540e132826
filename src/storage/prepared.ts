import { createHash } from 'node:crypto';
import type { Compilable, CompiledQuery } from 'kysely';
import type { Q } from './dialect.ts';

/**
 * The SQL of every prepared() query, with a name derived from its text. On
 * PostgreSQL the pool's clients send these as named statements
 * (`storage/postgres.ts`): the server parses and plans each once per
 * connection instead of at every run, which for the story page's one
 * statement with its aggregates costs more server CPU than executing it.
 * A name is a hash of the text, so two queries never share one. The set is
 * bounded: prepared() queries are module constants.
 */
const NAMES = new Map<string, string>();

/** The statement name of `sql` if it is a prepared() query's text. */
export function statementName(sql: string): string | undefined {
  return NAMES.get(sql);
}

function register(sql: string): void {
  if (!NAMES.has(sql)) NAMES.set(sql, `dl_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`);
}

/**
 * A query built and compiled once per database handle; each call only binds
 * its values. Building and compiling a Kysely query costs more than SQLite
 * takes to answer a primary-key lookup, and the public story page runs
 * several per render. The SQL is what the builder writes, so it runs
 * unchanged on both dialects; on PostgreSQL it is also a named statement
 * (above).
 */
interface Slot {
  readonly slot: number;
}

function isSlot(v: unknown): v is Slot {
  return typeof v === 'object' && v !== null && SLOTS.has(v as Slot);
}

const SLOTS = new WeakSet<Slot>();

/**
 * `build` receives one placeholder per parameter it declares and must pass
 * them through as plain values (no `in` lists: those change the SQL).
 */
export function prepared<A extends unknown[], R>(arity: A['length'], build: (db: Q, ...args: A) => Compilable<R>) {
  const compiled = new WeakMap<Q, { query: CompiledQuery<R>; slots: Array<number | null> }>();
  return async (db: Q, ...args: A): Promise<R[]> => {
    let c = compiled.get(db);
    if (!c) {
      const slots = Array.from({ length: arity }, (_, slot) => {
        const s = { slot };
        SLOTS.add(s);
        return s;
      });
      const query = build(db, ...(slots as unknown as A)).compile();
      register(query.sql);
      c = { query, slots: query.parameters.map((p) => (isSlot(p) ? p.slot : null)) };
      if (c.slots.filter((s) => s !== null).length !== arity) throw new Error('prepared query: every argument must appear exactly once');
      compiled.set(db, c);
    }
    const { query, slots } = c;
    const parameters = slots.map((s, i) => (s === null ? query.parameters[i] : args[s]));
    return (await db.executeQuery<R>({ ...query, parameters })).rows;
  };
}
