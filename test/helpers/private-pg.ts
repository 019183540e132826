// A PostgreSQL cluster of a test's own lives with the other loopback services in bench/, which `npm run faults` uses too.
export { startPrivateCluster, type PrivateCluster } from '../../bench/private-pg.ts';
