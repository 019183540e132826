import type { Role } from '../../src/domain/access/index.ts';
import type { Staff } from '../../src/domain/users/index.ts';
import type { TestApp } from '../helpers/dialects.ts';

export const PASSWORD = 'correct horse battery staple';

/** Cookies as a browser keeps them: later Set-Cookie headers overwrite earlier ones; expired ones are dropped. */
export class Jar {
  readonly cookies = new Map<string, string>();

  take(res: { headers: Record<string, unknown> }): this {
    const raw = res.headers['set-cookie'];
    const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)];
    for (const line of list as string[]) {
      const [pair] = line.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return this;
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF field in the page');
  return m[1];
}

export interface Browser {
  jar: Jar;
  ip: string;
  get(url: string, headers?: Record<string, string>): Promise<import('light-my-request').Response>;
  post(url: string, fields: Record<string, string>, headers?: Record<string, string>): Promise<import('light-my-request').Response>;
  /** GETs a page and returns the CSRF token of its first form. */
  csrf(url: string): Promise<string>;
}

/** A cookie-keeping client over inject(), from one remote address. */
export function browser(app: TestApp, ip = '203.0.113.7'): Browser {
  const jar = new Jar();
  const b: Browser = {
    jar,
    ip,
    async get(url, headers = {}) {
      const res = await app.server.inject({ method: 'GET', url, remoteAddress: ip, headers: { cookie: jar.header(), ...headers } });
      jar.take(res);
      return res;
    },
    async post(url, fields, headers = {}) {
      const res = await app.server.inject({
        method: 'POST',
        url,
        remoteAddress: ip,
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded', ...headers },
        payload: form(fields),
      });
      jar.take(res);
      return res;
    },
    async csrf(url) {
      return csrfFrom((await b.get(url)).body);
    },
  };
  return b;
}

export async function makeStaff(app: TestApp, role: Role, email = `${role}@news.test`, password = PASSWORD): Promise<Staff> {
  return app.users.create({ email, name: `${role[0].toUpperCase()}${role.slice(1)} Person`, role, password }, 'test');
}

/** Signs in through the real form; returns the browser, now holding a session cookie. */
export async function signedIn(app: TestApp, email: string, password = PASSWORD, ip?: string): Promise<Browser> {
  const b = browser(app, ip);
  const token = await b.csrf('/admin/sign-in');
  const res = await b.post('/admin/sign-in', { _csrf: token, email, password, next: '/admin' });
  if (res.statusCode !== 303) throw new Error(`sign-in failed: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return b;
}

export function sessionCookieName(b: Browser): string | undefined {
  return [...b.jar.cookies.keys()].find((k) => k.endsWith('dl_session'));
}
