import type { FastifyInstance } from 'fastify';
import type { FrontPageChoices } from '../../domain/front-page/index.ts';
import type { HttpDeps } from '../deps.ts';
import { actorOf, requireCap } from './auth.ts';

/** The stored choices in the shape PUT takes back, expired pins included (times in UTC). */
export function frontPageJson(c: FrontPageChoices) {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    lead: c.lead ? { story: c.lead.storyId, pinnedUntil: iso(c.lead.pinnedUntil) } : null,
    top: c.top.map((t) => ({ story: t.storyId, pinnedUntil: iso(t.pinnedUntil) })),
    sectionOrder: { sections: c.sectionOrder, pinnedUntil: iso(c.sectionOrderUntil) },
    sectionLeads: c.sectionLeads.map((l) => ({ section: l.sectionId, story: l.storyId, pinnedUntil: iso(l.pinnedUntil) })),
  };
}

/** GET and PUT /front-page: the newsroom screen's choices, through the same service (audited, announced). */
export function registerFrontPageApiRoutes(app: FastifyInstance, deps: HttpDeps): void {
  app.get('/front-page', async (req) => {
    requireCap(req, 'articles:read');
    return { frontPage: frontPageJson(await deps.frontPage.choices()) };
  });
  app.put('/front-page', async (req) => {
    const actor = actorOf(requireCap(req, 'articles:edit-any'));
    return { frontPage: frontPageJson(await deps.frontPage.update(req.body, actor)) };
  });
}
