import fs from 'node:fs';
import { VARNISHD } from '../../bench/loopback.ts';

export { freePort, startVarnish, startRedis, startNginx, REDIS_SERVER, type Proc } from '../../bench/loopback.ts';

/** `bash .ci/run` installs Debian's varnish and varnish-modules; a machine without them reports these tests skipped. */
export const skipWithoutVarnish = fs.existsSync(VARNISHD) ? false : `${VARNISHD} is not installed (apt-get install varnish varnish-modules)`;
