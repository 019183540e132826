export { SectionsService, sectionFromRow, type Section, type SectionInput } from './sections.service.ts';
