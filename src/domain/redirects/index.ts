export { RedirectsService, type RedirectTarget, type AddressOutcome } from './redirects.service.ts';
export { RedirectRulesService, type RedirectRulesDeps } from './rules.service.ts';
export { parseRule, isExternal, RuleSet, findLoop, canonicalPath, MAX_HOPS, RULE_STATUSES, RULE_MATCHES, type RedirectRule, type RuleInput, type RuleOutcome, type RawRule } from './rules.ts';
export { rulesFromCsv, rulesToCsv, parseCsv, MAX_CSV_BYTES, MAX_CSV_ROWS } from './csv.ts';
export { rulesFromGhostRedirects } from './ghost-redirects.ts';
export { redirectMovedPage, type AddressMove } from './page-renames.ts';
