import type { Compilable, CompiledQuery } from 'kysely';
import type { Q } from './dialect.ts';

/**
 * A query built and compiled once per database handle; each call only binds
 * its values. Building and compiling a Kysely query costs more than SQLite
 * takes to answer a primary-key lookup, and the public story page runs
 * several per render. The SQL is what the builder writes, so it runs
 * unchanged on both dialects.
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
      c = { query, slots: query.parameters.map((p) => (isSlot(p) ? p.slot : null)) };
      if (c.slots.filter((s) => s !== null).length !== arity) throw new Error('prepared query: every argument must appear exactly once');
      compiled.set(db, c);
    }
    const { query, slots } = c;
    const parameters = slots.map((s, i) => (s === null ? query.parameters[i] : args[s]));
    return (await db.executeQuery<R>({ ...query, parameters })).rows;
  };
}
