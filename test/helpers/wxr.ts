import fs from 'node:fs';
import path from 'node:path';

/** Writes a WXR 1.2 file around `items` (and `head`: authors and terms) into `dir`; returns its path. */
export function writeWxr(dir: string, name: string, items: string, head = ''): string {
  const file = path.join(dir, name);
  fs.writeFileSync(
    file,
    `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Old Site</title><link>https://old.example/</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://old.example/</wp:base_site_url>
${head}
${items}
</channel>
</rss>
`,
  );
  return file;
}

export { generateWxr } from '../../bench/wxr.ts';
