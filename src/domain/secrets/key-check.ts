import type { Db } from '../../storage/index.ts';
import type { Clock } from '../shared/clock.ts';
import { SecretBoxError, type SecretBox } from './secret-box.ts';
import { insertSettingIfAbsent, readSetting } from './secrets.repo.ts';

const CHECK_KEY = 'secrets.key-check';

/**
 * The first start records the key's fingerprint; every later start (every
 * instance, in scale-out) must bring the same key. A different one would
 * leave sealed values unreadable, so the start stops with a message instead.
 */
export async function assertSameKey(db: Db, box: SecretBox, clock: Clock): Promise<void> {
  const at = clock.now().toISOString();
  const fp = box.fingerprint();
  await insertSettingIfAbsent(db.kysely, CHECK_KEY, fp, at);
  if ((await readSetting(db.kysely, CHECK_KEY)) !== fp) {
    throw new SecretBoxError(
      'the secret key is not the one this database was set up with, so sealed TOTP secrets and queued mail cannot be read. ' +
        'Give every instance the same DATELINE_SECRET_KEY (or the original data/secret.key).',
    );
  }
}
