import fs from 'node:fs';

/**
 * A WordPress export of `posts` news-length posts (a heading, 16 paragraphs
 * with bold and links, a list), each with `perPost` comments (every third a
 * reply, every tenth held), 20 authors, 40 nested categories and 200 tags,
 * written as a stream so a 100,000-post file never sits in memory. The
 * import benchmark's file, and the one test/cli/import-kill.test.ts kills
 * an import of.
 */
export function generateWxr(file: string, posts: number, perPost: number): void {
  const fd = fs.openSync(file, 'w');
  const w = (s: string) => fs.writeSync(fd, s);
  w(`<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel><title>Bench</title><link>https://old.example/</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://old.example/</wp:base_site_url>\n`);
  for (let a = 0; a < 20; a++) w(`<wp:author><wp:author_login>writer${a}</wp:author_login><wp:author_email>w${a}@old.example</wp:author_email><wp:author_display_name><![CDATA[Writer ${a}]]></wp:author_display_name></wp:author>\n`);
  for (let c = 0; c < 40; c++) w(`<wp:category><wp:category_nicename>cat-${c}</wp:category_nicename><wp:category_parent>${c >= 8 ? `cat-${c % 8}` : ''}</wp:category_parent><wp:cat_name><![CDATA[Category ${c}]]></wp:cat_name></wp:category>\n`);
  for (let t = 0; t < 200; t++) w(`<wp:tag><wp:tag_slug>tag-${t}</wp:tag_slug><wp:tag_name><![CDATA[Tag ${t}]]></wp:tag_name></wp:tag>\n`);
  const para = (i: number) => `<p>Paragraph ${i} of the story, with <strong>some bold words</strong>, a <a href="https://ex.example/${i}">link</a> and enough ordinary text to look like news copy that runs on for a while before it stops.</p>`;
  const body = `<!-- wp:heading --><h2>What happened</h2><!-- /wp:heading -->${Array.from({ length: 8 }, (_, i) => para(i)).join('\n')}<ul><li>One point</li><li>Another point</li></ul>${Array.from({ length: 8 }, (_, i) => para(i + 8)).join('\n')}`;
  let commentId = 1;
  for (let p = 1; p <= posts; p++) {
    const d = new Date(Date.UTC(2010, 0, 1) + p * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    let comments = '';
    for (let k = 0; k < perPost; k++, commentId++) {
      const parent = k % 3 === 2 ? commentId - 1 : 0;
      comments += `<wp:comment><wp:comment_id>${commentId}</wp:comment_id><wp:comment_author><![CDATA[Reader ${commentId % 500}]]></wp:comment_author><wp:comment_author_email>r${commentId % 500}@ex.example</wp:comment_author_email><wp:comment_date_gmt>${d}</wp:comment_date_gmt><wp:comment_content><![CDATA[A reader's view on this, number ${commentId}.]]></wp:comment_content><wp:comment_approved>${k % 10 === 9 ? '0' : '1'}</wp:comment_approved><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>`;
    }
    w(`<item><title>Story number ${p}</title><link>https://old.example/${d.slice(0, 4)}/story-${p}/</link><dc:creator>writer${p % 20}</dc:creator><content:encoded><![CDATA[${body}]]></content:encoded><excerpt:encoded><![CDATA[Short version ${p}]]></excerpt:encoded><wp:post_id>${p}</wp:post_id><wp:post_date_gmt>${d}</wp:post_date_gmt><wp:post_name>story-${p}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><category domain="category" nicename="cat-${p % 40}"><![CDATA[Category ${p % 40}]]></category><category domain="post_tag" nicename="tag-${p % 200}"><![CDATA[Tag ${p % 200}]]></category>${comments}</item>\n`);
  }
  w('</channel></rss>\n');
  fs.closeSync(fd);
}

