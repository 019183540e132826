<?php
// Local WordPress for Dateline's side-by-side comparison (docs/comparison.md); database in MariaDB on 127.0.0.1.
define('DB_NAME', 'wp_compare');
define('DB_USER', 'wpc');
define('DB_PASSWORD', 'wpc');
define('DB_HOST', 'localhost');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
foreach (['AUTH_KEY','SECURE_AUTH_KEY','LOGGED_IN_KEY','NONCE_KEY','AUTH_SALT','SECURE_AUTH_SALT','LOGGED_IN_SALT','NONCE_SALT'] as $k) define($k, 'CHANGE-ME-' . $k);
$table_prefix = 'wp_';
define('WP_DEBUG', false);
define('WP_HOME', 'http://127.0.0.1:8092');
define('WP_SITEURL', 'http://127.0.0.1:8092');
define('WP_CONTENT_DIR', '/var/lib/wordpress/wp-content');
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
