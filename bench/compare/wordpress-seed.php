<?php
// Installs WordPress (Debian's package; config in /etc/wordpress/config-127.0.0.1.php, see wp-config-127.0.0.1.php) and publishes the same 8 stories as Dateline's demo paper, with one approved comment.
$_SERVER['HTTP_HOST'] = '127.0.0.1:8092';
$_SERVER['REQUEST_URI'] = '/';
define('WP_INSTALLING', true);
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/media.php';
if (!is_blog_installed()) {
  $r = wp_install('The Dateline Daily', 'admin', 'admin@example.org', true, '', 'compare-password');
  echo "installed, theme " . get_option('stylesheet') . "\n";
}
update_option('blogdescription', 'Riverton and the world, every day since 1921');
update_option('timezone_string', 'Asia/Tehran');
update_option('permalink_structure', '/%year%/%monthnum%/%postname%/');
update_option('posts_per_page', 10);
update_option('show_avatars', 0); // Gravatar cannot be reached here: a broken avatar would be this machine's fault, not WordPress's
wp_delete_post(1, true); wp_delete_post(2, true); wp_delete_post(3, true); // "Hello world", sample page, privacy page
$posts = json_decode(file_get_contents('/tmp/cmp/posts.json'), true);
function attach($img, $parent) {
  $tmp = wp_tempnam(); copy($img['image'], $tmp);
  $id = media_handle_sideload(['name' => basename($img['image']), 'tmp_name' => $tmp], $parent, null, ['post_excerpt' => $img['caption']]);
  if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message() . "\n"); exit(1); }
  update_post_meta($id, '_wp_attachment_image_alt', $img['alt']);
  return $id;
}
function block($html) {
  if (str_starts_with($html, '<p>')) return "<!-- wp:paragraph -->\n$html<!-- /wp:paragraph -->\n\n";
  if (preg_match('/^<h(\d)>/', $html, $m)) return "<!-- wp:heading" . ($m[1] == 2 ? '' : " {\"level\":$m[1]}") . " -->\n" . str_replace("<h$m[1]>", "<h$m[1] class=\"wp-block-heading\">", $html) . "<!-- /wp:heading -->\n\n";
  if (str_starts_with($html, '<blockquote>')) {
    $q = preg_replace('#<p>— (.*?)</p></blockquote>#', '<cite>$1</cite></blockquote>', $html);
    return "<!-- wp:quote -->\n" . str_replace('<blockquote>', '<blockquote class="wp-block-quote">', $q) . "<!-- /wp:quote -->\n\n";
  }
  if (str_starts_with($html, '<ol>')) return "<!-- wp:list {\"ordered\":true} -->\n$html<!-- /wp:list -->\n\n";
  if (str_starts_with($html, '<ul>')) return "<!-- wp:list -->\n$html<!-- /wp:list -->\n\n";
  throw new Exception("unknown block $html");
}
foreach (array_reverse($posts) as $p) {
  $cat = term_exists($p['section'], 'category') ?: wp_insert_term($p['section'], 'category');
  $login = sanitize_user(strtolower(str_replace(' ', '.', $p['author'])));
  $uid = username_exists($login) ?: wp_insert_user(['user_login' => $login, 'user_pass' => wp_generate_password(), 'display_name' => $p['author'], 'role' => 'author', 'user_email' => "$login@example.org"]);
  $pid = wp_insert_post(['post_title' => $p['title'], 'post_name' => $p['slug'], 'post_excerpt' => $p['dek'], 'post_status' => 'draft', 'post_author' => $uid, 'post_category' => [(int)$cat['term_id']], 'tags_input' => $p['tags']], true);
  $content = '';
  foreach ($p['blocks'] as $b) {
    if (is_array($b)) {
      $aid = attach($b, $pid); $src = wp_get_attachment_image_url($aid, 'large');
      $content .= "<!-- wp:image {\"id\":$aid,\"sizeSlug\":\"large\",\"linkDestination\":\"none\"} -->\n<figure class=\"wp-block-image size-large\"><img src=\"$src\" alt=\"" . esc_attr($b['alt']) . "\" class=\"wp-image-$aid\"/><figcaption class=\"wp-element-caption\">" . esc_html($b['caption']) . "</figcaption></figure>\n<!-- /wp:image -->\n\n";
    } else $content .= block($b);
  }
  if ($p['feature']) set_post_thumbnail($pid, attach($p['feature'], $pid));
  $gmt = gmdate('Y-m-d H:i:s', strtotime($p['published_at']));
  wp_update_post(['ID' => $pid, 'post_content' => wp_slash($content), 'post_status' => 'publish', 'post_date_gmt' => $gmt, 'post_date' => get_date_from_gmt($gmt), 'edit_date' => true]);
  echo "$pid {$p['title']}\n";
  if ($p['dateline_id'] == 40) {
    wp_insert_comment(['comment_post_ID' => $pid, 'comment_author' => 'Lena Brandt', 'comment_author_email' => 'lena@example.org', 'comment_content' => 'Good to see the Eastgate branch library saved. The pool can wait a year, the potholes on Mill Road cannot.', 'comment_approved' => 1, 'comment_date_gmt' => '2026-12-02 12:10:00', 'comment_date' => get_date_from_gmt('2026-12-02 12:10:00')]);
  }
}
delete_option('rewrite_rules'); // rebuilt by the first web request (rules built here, during WP_INSTALLING, 404 the permalinks)
