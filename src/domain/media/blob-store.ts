import fs from 'node:fs/promises';
import path from 'node:path';

/** Where image files live. Disk now; an object store can implement the same port later. */
export interface BlobStore {
  put(key: string, file: string, data: Buffer): Promise<void>;
  removeAll(key: string): Promise<void>;
}

const SAFE = /^[A-Za-z0-9_-]{8,64}$/;
const SAFE_FILE = /^[A-Za-z0-9_.-]{1,64}$/;

export class DiskBlobStore implements BlobStore {
  constructor(readonly root: string) {}

  private dir(key: string): string {
    if (!SAFE.test(key)) throw new Error(`unsafe media key ${JSON.stringify(key)}`);
    return path.join(this.root, key);
  }

  async put(key: string, file: string, data: Buffer): Promise<void> {
    if (!SAFE_FILE.test(file) || file.startsWith('.')) throw new Error(`unsafe media file name ${JSON.stringify(file)}`);
    const dir = this.dir(key);
    await fs.mkdir(dir, { recursive: true });
    // Write then rename, so a reader never sees half a file.
    const tmp = path.join(dir, `.${file}.tmp`);
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, path.join(dir, file));
  }

  async removeAll(key: string): Promise<void> {
    await fs.rm(this.dir(key), { recursive: true, force: true });
  }
}
