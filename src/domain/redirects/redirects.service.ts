import type { Db } from '../../storage/index.ts';
import type { Clock } from '../shared/clock.ts';
import { findVisibleTarget } from './redirects.repo.ts';

export interface RedirectTarget {
  status: number;
  articleId: number;
  slug: string;
}

/**
 * Old addresses (an imported post's permalink, WordPress's `?p=ID`) and the
 * story each now lives at. Only a public story is a target: a draft's
 * address would otherwise leak its slug.
 */
export class RedirectsService {
  constructor(private readonly deps: { db: Db; clock: Clock }) {}

  async resolve(path: string): Promise<RedirectTarget | null> {
    if (path.length > 2048) return null;
    const r = await findVisibleTarget(this.deps.db.kysely, path, this.deps.clock.now().toISOString());
    return r ? { status: r.status_code, articleId: r.id, slug: r.slug } : null;
  }
}
