import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../domain/access/index.ts';
import { csrfMatches } from '../../domain/sessions/index.ts';
import { AppError } from '../../domain/shared/errors.ts';
import type { HttpDeps } from '../deps.ts';
import { registerAccountRoutes } from './account.routes.tsx';
import { registerApiKeyRoutes } from './api-keys.routes.tsx';
import { registerAuditRoutes } from './audit.routes.tsx';
import { AdminCookies } from './cookies.ts';
import type { AdminContext } from './context.ts';
import { registerDashboardRoutes } from './dashboard.routes.tsx';
import { registerJobsRoutes } from './jobs.routes.tsx';
import { registerFrontPageRoutes } from './front-page/front-page.page.tsx';
import { sendAdminError } from './error-page.tsx';
import { assertCsrf, forbiddenCsrf, isCrossSite, isStateChanging, submittedCsrf } from './guard.ts';
import { ENROL_PATH } from './passkey-button.tsx';
import { registerPasskeySignInRoutes } from './passkey-sign-in.routes.ts';
import { registerPasswordResetRoutes } from './password-reset.routes.tsx';
import { registerSettingsRoutes } from './settings.routes.tsx';
import { registerSetupRoutes } from './setup.routes.tsx';
import { registerSignInRoutes, registerSignOutRoutes } from './sign-in.routes.tsx';
import { registerTaxonomyPages } from './taxonomy/index.ts';
import { registerUsersRoutes } from './users.routes.tsx';

export { requireCapability, staffOf, csrfToken, assertCsrf } from './guard.ts';
export { AdminLayout, CsrfField, TextField, Notice, sendAdminPage, NAV, type AdminPageOptions, type AdminLayoutProps } from './layout.tsx';
export { safeNext } from './next-path.ts';

/**
 * A route plugin of the authenticated admin context: every route it adds
 * already has `req.staff`, answers only to a signed-in member, has its
 * state-changing requests CSRF-checked, and is sent with no-store.
 */
export type AdminRoutePlugin = (app: FastifyInstance, deps: HttpDeps) => Promise<void> | void;

export interface AdminOptions {
  /** More authenticated pages (stories, media, sections, …), registered after the built-in ones. */
  plugins?: AdminRoutePlugin[];
  publicDir?: string;
}

/** What a member who must enrol a second factor may still reach: their account page (to enrol) and sign-out. */
const ENROL_OPEN = /^\/admin\/(account(\/.*)?|sign-out(-everywhere)?)$/;

/** A form post is a few KB; this bounds what an anonymous sign-in form can make the server parse. */
const FORM_BODY_LIMIT = 256 * 1024;

function versioned(publicDir: string, file: string): string {
  const hash = createHash('sha1').update(fs.readFileSync(path.join(publicDir, file))).digest('base64url').slice(0, 10);
  return `/static/${file}?v=${hash}`;
}

/**
 * The newsroom at /admin (docs/architecture.md, house conventions): cookies, form parsing, session auth
 * and CSRF exist in this context only. Two children: the pages shown
 * before sign-in (checked against a pre-session CSRF cookie) and the
 * authenticated pages (checked against the session's own token).
 */
export function createAdmin(deps: HttpDeps, opts: AdminOptions = {}) {
  const publicDir = opts.publicDir ?? path.resolve(import.meta.dirname, '../../../public');
  const cssUrl = versioned(publicDir, 'admin.css');
  const jsUrl = versioned(publicDir, 'admin/admin.js');
  const cookies = new AdminCookies(deps.config.siteUrl.startsWith('https:'));
  const siteOrigin = new URL(deps.config.siteUrl).origin;
  const ctx: AdminContext = { deps, cookies };

  async function publicPages(app: FastifyInstance) {
    app.addHook('preHandler', async (req) => {
      const token = cookies.preCsrfCookie(req);
      req.adminCsrf = token ?? null;
      if (isStateChanging(req) && (!token || !csrfMatches(token, submittedCsrf(req)))) throw forbiddenCsrf();
    });
    registerSignInRoutes(app, ctx);
    registerPasskeySignInRoutes(app, ctx);
    registerSetupRoutes(app, ctx);
    registerPasswordResetRoutes(app, ctx);
  }

  async function signedIn(req: FastifyRequest, reply: FastifyReply) {
    const found = await deps.auth.resolve(cookies.session(req));
    if (found) {
      req.staff = found.staff;
      req.adminCsrf = found.session.csrfToken;
      // Checked per request, not only at sign-in: a session that predates the
      // setting is held to it too, and enrolling opens the newsroom at once.
      req.adminMustEnrol = await deps.factors.mustEnrol(found.staff);
      if (req.adminMustEnrol && !ENROL_OPEN.test(req.url.split('?')[0])) {
        if (req.method === 'GET' || req.method === 'HEAD') return reply.code(303).header('location', ENROL_PATH).send();
        throw new AppError('FORBIDDEN', 'Your role must use a second factor. Set one up on your account page first; what you sent was not saved.');
      }
      // Pages only (a post redirects): one indexed count per newsroom page view.
      if ((req.method === 'GET' || req.method === 'HEAD') && can(found.staff.role, 'comments:moderate')) {
        req.adminPendingComments = await deps.commentModeration.pendingCount();
      }
      return;
    }
    if (cookies.hasStaffHint(req)) cookies.clearStaffHint(reply);
    if (req.method === 'GET' || req.method === 'HEAD') {
      return reply.code(303).header('location', `/admin/sign-in?next=${encodeURIComponent(req.url)}`).send();
    }
    throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again; what you sent was not saved.');
  }

  async function staffPages(app: FastifyInstance) {
    // onRequest: an unknown caller is turned away before any body is read.
    app.addHook('onRequest', signedIn);
    app.addHook('preHandler', async (req) => {
      if (isStateChanging(req)) assertCsrf(req, submittedCsrf(req));
    });
    registerDashboardRoutes(app, ctx);
    registerSignOutRoutes(app, ctx);
    registerAccountRoutes(app, ctx);
    registerUsersRoutes(app, ctx);
    registerSettingsRoutes(app, ctx);
    registerApiKeyRoutes(app, ctx);
    registerAuditRoutes(app, ctx);
    registerJobsRoutes(app, ctx);
    registerTaxonomyPages(app, deps);
    registerFrontPageRoutes(app, deps);
    for (const plugin of opts.plugins ?? []) await app.register(async (child) => plugin(child, deps));
  }

  return {
    async register(app: FastifyInstance) {
      await app.register(cookie);
      await app.register(formbody, { bodyLimit: FORM_BODY_LIMIT });
      app.decorateRequest('staff', null);
      app.decorateRequest('adminCsrf', null);
      app.decorateRequest('adminChrome', null);
      app.decorateRequest('adminPendingComments', null);
      app.decorateRequest('adminMustEnrol', false);
      app.setErrorHandler(sendAdminError);
      app.addHook('onRequest', async (req, reply) => {
        reply.header('cache-control', 'no-store');
        reply.header('x-robots-tag', 'noindex, nofollow');
        // Same-origin requests keep their Origin (no-referrer would make it "null");
        // reset-link tokens in URLs still never leave for another site.
        reply.header('referrer-policy', 'same-origin');
        req.adminChrome = { siteName: (await deps.settings.get()).name, cssUrl, jsUrl };
        // Before routing to any handler: a cross-site POST changes nothing, whatever it carries.
        if (isStateChanging(req) && isCrossSite(req, siteOrigin)) throw forbiddenCsrf();
      });
      await app.register(publicPages);
      await app.register(staffPages);
    },
  };
}
