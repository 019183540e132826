import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface VendorFile {
  path: string;
  body: Buffer;
  contentType: string;
}

/**
 * The ALTCHA widget served from our own origin, read from node_modules once
 * at start. The `external` build: no <style> injected at run time (its CSS
 * is a separate file) and no blob: workers (we register a worker file), so
 * it runs under `script-src 'self'; style-src 'self'` with no worker-src
 * exception and no eval.
 */
export function altchaVendorFiles(): VendorFile[] {
  const external = path.dirname(fileURLToPath(import.meta.resolve('altcha/external')));
  const dist = path.dirname(external);
  const js = 'text/javascript; charset=utf-8';
  return [
    { path: '/static/vendor/altcha.js', body: fs.readFileSync(path.join(external, 'altcha.min.js')), contentType: js },
    { path: '/static/vendor/altcha.css', body: fs.readFileSync(path.join(external, 'altcha.css')), contentType: 'text/css; charset=utf-8' },
    { path: '/static/vendor/altcha-pbkdf2.js', body: fs.readFileSync(path.join(dist, 'workers', 'pbkdf2.js')), contentType: js },
  ];
}
