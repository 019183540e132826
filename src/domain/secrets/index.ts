export { SecretBox, SecretBoxError, isSealed } from './secret-box.ts';
export { assertSameKey } from './key-check.ts';
