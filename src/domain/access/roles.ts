/**
 * Staff roles, lowest to highest. Each role can do what the ones below it
 * can: contributor (own drafts, send for review), author (publish),
 * editor (every story, sections, tags, people, corrections),
 * moderator (comments), admin (users, roles, settings, API keys, the job queue).
 * Moderator sits beside editor in the newsroom; for API keys it ranks
 * above editor only for comment work, so checks name capabilities, not ranks.
 */
export const ROLES = ['contributor', 'author', 'editor', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type Capability =
  | 'articles:read'
  | 'articles:write-draft'
  | 'articles:publish'
  | 'articles:edit-any'
  | 'articles:delete'
  | 'taxonomy:write'
  | 'comments:moderate'
  | 'settings:write'
  | 'keys:manage'
  | 'users:manage'
  | 'audit:read'
  | 'jobs:manage';

const GRANTS: Record<Role, Capability[]> = {
  contributor: ['articles:read', 'articles:write-draft'],
  author: ['articles:read', 'articles:write-draft', 'articles:publish'],
  editor: ['articles:read', 'articles:write-draft', 'articles:publish', 'articles:edit-any', 'articles:delete', 'taxonomy:write'],
  moderator: ['articles:read', 'comments:moderate'],
  admin: ['articles:read', 'articles:write-draft', 'articles:publish', 'articles:edit-any', 'articles:delete', 'taxonomy:write', 'comments:moderate', 'settings:write', 'keys:manage', 'users:manage', 'audit:read', 'jobs:manage'],
};

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

export function can(role: Role, cap: Capability): boolean {
  return GRANTS[role].includes(cap);
}
