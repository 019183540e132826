import type { FastifyInstance } from 'fastify';
import { can } from '../../domain/access/index.ts';
import type { AdminContext } from './context.ts';
import { staffOf } from './guard.ts';
import { NAV, sendAdminPage } from './layout.tsx';

const BLURB: Record<string, string> = {
  '/admin/stories': 'Write, edit and publish stories.',
  '/admin/media': 'Upload images with captions and credits.',
  '/admin/sections': 'Arrange the sections of the site.',
  '/admin/tags': 'Tags and their aliases.',
  '/admin/people': 'Bylines: reporters, photographers, columnists.',
  '/admin/house-spellings': 'The preferred spelling of names, for checks and search.',
  '/admin/comments': 'The comment queue: approve, reject, spam.',
  '/admin/users': 'Staff accounts and their roles.',
  '/admin/settings': 'Site name, time zone, language, comment default.',
  '/admin/api-keys': 'Keys for the Admin API.',
  '/admin/audit': 'Who changed what, and when.',
};

export function registerDashboardRoutes(app: FastifyInstance, _ctx: AdminContext): void {
  app.get('/', async (req, reply) => {
    const staff = staffOf(req);
    const tiles = NAV.filter((n) => n.href !== '/admin' && (!n.cap || can(staff.role, n.cap)));
    const content = (
      <>
        <p class="lead">
          Welcome, <bdi>{staff.name}</bdi>. You are signed in as <strong>{staff.role}</strong>.
        </p>
        <ul class="tiles">
          {tiles.map((t) => (
            <li>
              <a href={t.href}>{t.label}</a>
              <p>{BLURB[t.href]}</p>
            </li>
          ))}
          <li>
            <a href="/admin/account">Your account</a>
            <p>Password, two-step sign-in, sessions.</p>
          </li>
        </ul>
      </>
    );
    return sendAdminPage(req, reply, { title: 'Dashboard', current: '/admin', content });
  });
}
