export { SectionsService, sectionFromRow, type Section, type SectionInput } from './sections.service.ts';
export { findSectionByRef, findSectionRow, insertSectionRow, listSectionRows, updateSectionRow } from './sections.repo.ts';
export { sectionTree, descendantsOf, type SectionTreeRow } from './sections.tree.ts';
