import { parseArticleInput, type ArticlesService } from '../src/domain/articles/index.ts';
import type { PeopleService } from '../src/domain/people/index.ts';
import type { SectionsService } from '../src/domain/sections/index.ts';

/** A seeded PRNG so every bench run measures the same content. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'council city budget transport harbour river bridge school museum library season league final match ' +
  'weather storm rainfall forecast science research university laboratory energy solar festival concert ' +
  'theatre gallery market trade port tram station district mayor committee residents officials report ' +
  'plan vote proposal funding repairs schedule winter summer morning evening week month year record'
).split(' ');

function sentence(rand: () => number, n: number): string {
  const w = Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]);
  w[0] = w[0][0].toUpperCase() + w[0].slice(1);
  return `${w.join(' ')}.`;
}

/** A story body of about `words` words in Markdown with three subheadings and quotes, like the story page's anatomy (docs/architecture.md). */
export function storyMarkdown(rand: () => number, words = 1200): string {
  const parts: string[] = [];
  let count = 0;
  let para = 0;
  while (count < words) {
    if (para > 0 && para % 6 === 0 && para / 6 <= 3) parts.push(`## ${sentence(rand, 4).slice(0, -1)}`);
    const quote = para % 3 === 1 ? ` "${sentence(rand, 8)}" the mayor said.` : '';
    const text = `${sentence(rand, 14)} ${sentence(rand, 12)} ${sentence(rand, 10)}${quote}`;
    parts.push(text);
    count += text.split(' ').length;
    para++;
  }
  return parts.join('\n\n');
}

export interface BenchSite {
  storyIds: number[];
}

/** Creates `n` published stories through the real service (so the data is what the site would hold). */
export async function seedStories(
  s: { articles: ArticlesService; sections: SectionsService; people: PeopleService },
  n: number,
  now: Date,
): Promise<BenchSite> {
  const rand = prng(42);
  const sections = ['city', 'world', 'sport', 'science', 'culture'];
  for (const slug of sections) await s.sections.create({ name: slug[0].toUpperCase() + slug.slice(1), slug });
  const people = [];
  for (const name of ['Sara Ahmadi', 'Tom Becker', 'Lina Park', 'Omar Haddad']) people.push((await s.people.create({ name })).slug);
  const storyIds: number[] = [];
  for (let i = 0; i < n; i++) {
    const at = new Date(now.getTime() - (n - i) * 600_000);
    const input = parseArticleInput(
      {
        headline: `${sentence(rand, 7).slice(0, -1)} ${i}`,
        dek: sentence(rand, 18),
        dateline: 'Riverton',
        bodyMarkdown: storyMarkdown(rand, i % 10 === 0 ? 1200 : 500),
        section: sections[i % sections.length],
        tags: [WORDS[i % WORDS.length], WORDS[(i * 7) % WORDS.length]],
        bylines: [people[i % people.length]],
        status: 'published',
        publishedAt: at.toISOString(),
      },
      'create',
    );
    storyIds.push((await s.articles.create(input, 'bench')).id);
  }
  return { storyIds };
}
