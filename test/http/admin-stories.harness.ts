import path from 'node:path';
import type { DialectName } from '../../src/storage/index.ts';
import { createTestApp, type TestApp } from '../helpers/dialects.ts';

/** The whole app (main.ts wires the newsroom plugins) plus where its media files land. */
export type NewsroomTestApp = TestApp & { mediaDir: string };

export async function createNewsroomTestApp(dialect: DialectName, start = new Date('2026-05-21T10:00:00Z')): Promise<NewsroomTestApp> {
  const app = await createTestApp(dialect, start);
  return Object.assign(app, { mediaDir: path.join(app.config.dataDir, 'media') });
}
