import type { Services } from '../../main.ts';
import { seedDemo } from '../../domain/demo/index.ts';
import { EXIT, parseFlags, type Io } from '../io.ts';
import { articleCount, configFrom, withServices } from './services.ts';

export const SEED_USAGE = `usage: dateline seed-demo [--force]

Seeds the demo newsroom (sections, people, tags, images, stories) into an
empty database. With --force, adds the demo stories next to existing content.`;

/** Seeds and says what happened; returns the number of stories added (0 when it did nothing). */
async function seedInto(s: Services, io: Io, force: boolean): Promise<number> {
  const before = await articleCount(s);
  if (before > 0 && !force) {
    io.err(`the database already holds ${before} stor${before === 1 ? 'y' : 'ies'}; demo content is only seeded into an empty database (add --force to seed anyway)`);
    return 0;
  }
  const result = await seedDemo(s, { now: s.clock.now(), force });
  io.err(`seeded ${result.articles} demo stor${result.articles === 1 ? 'y' : 'ies'}${result.images !== undefined ? ` and ${result.images} images` : ''}`);
  return result.articles;
}

export async function seedDemoCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseFlags(args, { force: { type: 'boolean' } });
  if (values.help) return (io.out(SEED_USAGE), EXIT.ok);
  const config = configFrom(io);
  return withServices(config, async (s) => {
    const before = await articleCount(s);
    if (before > 0 && !values.force) {
      io.err(`the database already holds ${before} stor${before === 1 ? 'y' : 'ies'}; nothing seeded (add --force to add the demo stories anyway)`);
      return EXIT.failed;
    }
    await seedInto(s, io, Boolean(values.force));
    return EXIT.ok;
  });
}
