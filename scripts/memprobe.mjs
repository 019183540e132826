// Preloaded by scripts/measure-memory.sh: on SIGWINCH, appends process.memoryUsage() in MB to $MEMPROBE_OUT.
import fs from 'node:fs';

process.on('SIGWINCH', () => {
  const m = process.memoryUsage();
  const mb = (x) => Math.round((x / 1048576) * 10) / 10;
  fs.appendFileSync(process.env.MEMPROBE_OUT, JSON.stringify({ rss: mb(m.rss), heapTotal: mb(m.heapTotal), heapUsed: mb(m.heapUsed), external: mb(m.external), arrayBuffers: mb(m.arrayBuffers) }) + '\n');
});
