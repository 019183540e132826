export { ApiKeysService, type ApiKey } from './apikeys.service.ts';
