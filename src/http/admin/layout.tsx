import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { can, type Capability } from '../../domain/access/index.ts';
import type { Staff } from '../../domain/users/index.ts';
import { FieldShell } from './fields.tsx';

export interface AdminChrome {
  siteName: string;
  cssUrl: string;
  jsUrl: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Site name and asset URLs for the admin layout; set for every /admin request. */
    adminChrome: AdminChrome | null;
    /** Comments waiting for a moderator, for the nav; null for members who do not moderate, and on posts. */
    adminPendingComments: number | null;
    /** The member must enrol a second factor first: the nav is left out, since nothing it leads to would open. */
    adminMustEnrol: boolean;
  }
}

interface NavItem {
  href: string;
  label: string;
  /** Shown only to roles with this capability; none: every member. */
  cap?: Capability;
  /** Shows the waiting-comments count beside the label. */
  pending?: true;
}

/** Stories and Media come from the newsroom plugins; the rest are registered by createAdmin. */
export const NAV: NavItem[] = [
  { href: '/admin', label: 'Dashboard' },
  { href: '/admin/stories', label: 'Stories', cap: 'articles:write-draft' },
  { href: '/admin/front-page', label: 'Front page', cap: 'articles:edit-any' },
  { href: '/admin/media', label: 'Media', cap: 'articles:write-draft' },
  { href: '/admin/sections', label: 'Sections', cap: 'taxonomy:write' },
  { href: '/admin/tags', label: 'Tags', cap: 'taxonomy:write' },
  { href: '/admin/people', label: 'People', cap: 'taxonomy:write' },
  { href: '/admin/house-spellings', label: 'House spellings', cap: 'taxonomy:write' },
  { href: '/admin/pages', label: 'Pages', cap: 'taxonomy:write' },
  { href: '/admin/redirects', label: 'Redirects', cap: 'taxonomy:write' },
  { href: '/admin/comments', label: 'Comments', cap: 'comments:moderate', pending: true },
  { href: '/admin/users', label: 'Users', cap: 'users:manage' },
  { href: '/admin/settings', label: 'Settings', cap: 'settings:write' },
  { href: '/admin/api-keys', label: 'API keys', cap: 'keys:manage' },
  { href: '/admin/audit', label: 'Audit log', cap: 'audit:read' },
  { href: '/admin/jobs', label: 'Jobs', cap: 'jobs:manage' },
  { href: '/admin/import', label: 'Import', cap: 'settings:write' },
];

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export interface AdminLayoutProps {
  title: string;
  /** Null on the pages shown before sign-in. */
  staff: Staff | null;
  /** Needed for the sign-out button when staff is set. */
  csrf: string | null;
  chrome: AdminChrome;
  /** Path of the nav entry to mark current (defaults to none). */
  current?: string;
  /** Comments waiting for a moderator (null: not shown). */
  pendingComments?: number | null;
  /** Page-specific scripts (same-origin files, deferred): the CSP allows no inline script. */
  scripts?: string[];
  /** Leave out the nav (a member who must enrol a second factor first). */
  noNav?: boolean;
  children: ComponentChildren;
}

export function AdminLayout({ title, staff, csrf, chrome, current, pendingComments = null, scripts = [], noNav = false, children }: AdminLayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${title} · ${chrome.siteName} newsroom`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href={chrome.cssUrl} />
        <script src={chrome.jsUrl} defer />
        {scripts.map((src) => (
          <script src={src} defer />
        ))}
      </head>
      <body class={staff ? 'admin' : 'admin admin-public'}>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="admin-header">
          <p class="admin-brand">
            <a href="/admin">{chrome.siteName}</a> <span class="admin-brand-sub">Newsroom</span>
          </p>
          {staff && csrf ? <Account staff={staff} csrf={csrf} /> : null}
        </header>
        <div class="admin-body">
          {staff && !noNav ? <Nav staff={staff} current={current} pendingComments={pendingComments} /> : null}
          <main id="main" class="admin-main" tabindex={-1}>
            <h1>{title}</h1>
            {children}
          </main>
        </div>
      </body>
    </html>
  );
}

function Account({ staff, csrf }: { staff: Staff; csrf: string }) {
  return (
    <div class="admin-account">
      <a href="/admin/account">
        <span class="account-name">{staff.name}</span> <span class="role-badge">{staff.role}</span>
      </a>
      <form method="post" action="/admin/sign-out" class="inline-form">
        <CsrfField token={csrf} />
        <button type="submit" class="button-link">
          Sign out
        </button>
      </form>
    </div>
  );
}

function Nav({ staff, current, pendingComments }: { staff: Staff; current?: string; pendingComments: number | null }) {
  return (
    <nav class="admin-nav" aria-label="Newsroom">
      <ul>
        {NAV.filter((n) => !n.cap || can(staff.role, n.cap)).map((n) => (
          <li>
            <a href={n.href} aria-current={current === n.href ? 'page' : undefined}>
              {n.label}
              {n.pending && pendingComments ? (
                <>
                  {' '}
                  <span class="count-badge" aria-label={`${pendingComments} waiting`}>
                    {pendingComments}
                  </span>
                </>
              ) : null}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export interface TextFieldProps {
  name: string;
  label: string;
  value?: string;
  error?: string;
  type?: 'text' | 'email' | 'password' | 'url';
  autocomplete?: string;
  required?: boolean;
  hint?: string;
  maxLength?: number;
  inputMode?: 'numeric' | 'text';
}

/** A labelled input with its hint and error tied to it for screen readers (aria-describedby). */
export function TextField(p: TextFieldProps) {
  return (
    <FieldShell name={p.name} label={p.label} hint={p.hint} error={p.error}>
      {(aria) => (
        <input
          {...aria}
          name={p.name}
          // preact's types narrow attributes per input type; these four share every attribute used here.
          type={(p.type ?? 'text') as 'text'}
          value={p.type === 'password' ? '' : (p.value ?? '')}
          autocomplete={p.autocomplete}
          required={p.required}
          maxLength={p.maxLength}
          inputMode={p.inputMode}
        />
      )}
    </FieldShell>
  );
}

export function Notice({ kind, children }: { kind: 'error' | 'success' | 'info'; children: ComponentChildren }) {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export interface AdminPageOptions {
  title: string;
  content: ComponentChildren;
  status?: number;
  current?: string;
  scripts?: string[];
}

/** Renders a page in the admin layout for the request's member (or the public shell) and sends it. */
export function sendAdminPage(req: FastifyRequest, reply: FastifyReply, opts: AdminPageOptions): FastifyReply {
  const chrome = req.adminChrome ?? { siteName: 'Dateline', cssUrl: '/static/admin.css', jsUrl: '/static/admin/admin.js' };
  const html =
    '<!doctype html>' +
    renderToString(
      <AdminLayout title={opts.title} staff={req.staff} csrf={req.adminCsrf} chrome={chrome} current={opts.current} pendingComments={req.adminPendingComments} scripts={opts.scripts} noNav={req.adminMustEnrol}>
        {opts.content}
      </AdminLayout>,
    );
  return reply.code(opts.status ?? 200).type('text/html; charset=utf-8').send(html);
}
