#!/usr/bin/env bash
# Installs Ghost 5.130.4 (the last line that runs on Node 20) from the npm registry into DIR, without GitHub:
# Ghost's own yarn.lock and devDependencies reach GitHub, so both go, and npm installs the production tree.
# Usage: bash bench/compare/ghost-install.sh /tmp/ghost/current   (then see docs/comparison.md, "Reproducing")
set -euo pipefail
dir=${1:?usage: ghost-install.sh DIR}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dir" && dir=$(cd "$dir" && pwd) && cd "$dir"
npm pack ghost@5.130.4 >/dev/null
tar xzf ghost-5.130.4.tgz --strip-components=1 && rm ghost-5.130.4.tgz
mv yarn.lock yarn.lock.orig
# devDependencies hold a git URL (mock-knex) that npm resolves even with --omit=dev; Ghost's yarn
# "resolutions" become npm "overrides" (jackspeak left out: its pin conflicts with what asks for it).
node -e '
const fs = require("fs"); const p = JSON.parse(fs.readFileSync("package.json", "utf8"));
delete p.devDependencies;
p.overrides = {"@tryghost/errors": "1.3.8", "@tryghost/logging": "2.4.23", moment: "2.24.0", "moment-timezone": "0.5.45"};
fs.writeFileSync("package.json", JSON.stringify(p, null, 2));'
# Install scripts off: sharp ships its binary as npm packages; re2 (link previews only) is left unbuilt;
# sqlite3's prebuilt binary is on GitHub, so it is compiled below from the source it ships.
npm install --omit=dev --ignore-scripts --legacy-peer-deps --no-audit --no-fund
(cd node_modules/sqlite3 && flock /tmp/dateline-heavy.lock node "$(dirname "$(command -v npm)")/../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js" rebuild --nodedir=/usr -j 2 >/dev/null)
sed "s#/tmp/ghost/current#$dir#g" "$here/ghost-config.production.json" > config.production.json
# The apps Ghost loads from its CDN (sign-in, comments, search), served from this Ghost's content/files instead.
mkdir -p content/files/vendor && cd content/files/vendor
for pkg in @tryghost/portal @tryghost/comments-ui @tryghost/sodo-search; do
  tgz=$(npm pack "$pkg" 2>/dev/null | tail -1); mkdir -p x && tar xzf "$tgz" -C x --strip-components=1
  cp x/umd/*.min.js . ; [ -f x/umd/main.css ] && cp x/umd/main.css sodo-search.css; rm -rf x "$tgz"
done
ls -la
