import fs from 'node:fs';

/**
 * Writes a Ghost 5 export of `posts` posts with about `htmlBytes` of HTML
 * each, post by post (the writer never holds the file), with the relations
 * after the posts as Ghost orders its tables. Returns the file's size.
 */
export function writeGhostExport(file: string, posts: number, htmlBytes: number): number {
  const fd = fs.openSync(file, 'w');
  const out = (s: string) => fs.writeSync(fd, s);
  try {
    const para = (i: number, k: number) => `<p>Paragraph ${k} of post ${i}: the council met on Tuesday and agreed the harbour wall needs work before the winter storms, said the chair.</p>`;
    out('{"db":[{"meta":{"exported_on":1700000000000,"version":"5.0.0"},"data":{"posts":[');
    for (let i = 0; i < posts; i++) {
      let html = '';
      for (let k = 0; html.length < htmlBytes; k++) html += para(i, k);
      const post = { id: `mem-${i}`, uuid: `uuid-${i}`, title: `Harbour story ${i}`, slug: `harbour-story-${i}`, html, status: 'published', type: 'post', featured: false, published_at: '2023-05-01T08:00:00.000Z', custom_excerpt: null, feature_image: null };
      out((i ? ',' : '') + JSON.stringify(post));
    }
    out('],"posts_authors":[');
    for (let i = 0; i < posts; i++) out(`${i ? ',' : ''}{"id":"pa-${i}","post_id":"mem-${i}","author_id":"u1","sort_order":0}`);
    out('],"posts_tags":[');
    for (let i = 0; i < posts; i++) out(`${i ? ',' : ''}{"id":"pt-${i}","post_id":"mem-${i}","tag_id":"t${i % 5}","sort_order":0}`);
    out('],"tags":[');
    for (let t = 0; t < 5; t++) out(`${t ? ',' : ''}{"id":"t${t}","slug":"topic-${t}","name":"Topic ${t}"}`);
    out('],"users":[{"id":"u1","slug":"ana","name":"Ana Lopes","email":"ana@example.org"}]}}]}');
  } finally {
    fs.closeSync(fd);
  }
  return fs.statSync(file).size;
}
