// Preloaded by bench/import.ts into the `dateline import` it runs
// (node --import bench/peak-rss.mjs bin/dateline.mjs import …): as the
// process exits, writes its peak resident memory (VmHWM, kB) to
// $PEAK_RSS_FILE, since a parent polling /proc can miss the last moments.
import fs from 'node:fs';

process.on('exit', () => {
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const vmHwmKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  fs.writeFileSync(process.env.PEAK_RSS_FILE, JSON.stringify({ vmHwmKb }));
});
