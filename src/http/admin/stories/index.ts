import type { Newsroom } from '../../../domain/articles/index.ts';
import type { Finding } from '../../../domain/editorial-checks/index.ts';
import type { AdminRoutePlugin } from '../index.ts';
import { registerMediaRoutes } from '../media/media.routes.tsx';
import { registerStoryRoutes } from './stories.routes.tsx';

/**
 * The newsroom's admin pages (stories, revisions, media), as plugins of the
 * authenticated admin context: `createAdmin(services, { plugins: newsroomPlugins(newsroom) })`.
 */
export function newsroomPlugins(newsroom: Newsroom<Finding>): AdminRoutePlugin[] {
  return [
    (app, deps) => registerStoryRoutes(app, deps, newsroom),
    (app, deps) => registerMediaRoutes(app, deps),
  ];
}
