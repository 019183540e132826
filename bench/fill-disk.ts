import fs from 'node:fs';
import path from 'node:path';

/** Writes filler into `dir` until its file system refuses another byte (big chunks, then small ones); returns the file to remove. */
export function fillDisk(dir: string): string {
  const file = path.join(dir, 'filler.bin');
  const fd = fs.openSync(file, 'w');
  try {
    for (const chunk of [Buffer.alloc(1 << 16, 1), Buffer.alloc(512, 1)]) {
      for (;;) {
        try {
          fs.writeSync(fd, chunk);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw e;
        }
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return file;
}
