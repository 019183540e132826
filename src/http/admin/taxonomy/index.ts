import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from '../../deps.ts';
import { registerDeskResource } from './desk-resource.tsx';
import { registerHouseSpellingPages } from './house-spellings.routes.tsx';
import { peopleResource } from './people.page.tsx';
import { sectionLeadPart } from '../front-page/section-lead.tsx';
import { sectionsResource } from './sections.page.tsx';
import { tagsResource } from './tags.page.tsx';

/** The editors' reference pages: sections, tags, people and the house-spelling dictionary (taxonomy:write). */
export function registerTaxonomyPages(app: FastifyInstance, deps: HttpDeps): void {
  registerDeskResource(app, sectionsResource(deps.sections, sectionLeadPart(deps)));
  registerDeskResource(app, tagsResource(deps.tags));
  registerDeskResource(app, peopleResource(deps.people, deps.media));
  registerHouseSpellingPages(app, deps);
}
