export { RedirectsService, type RedirectTarget } from './redirects.service.ts';
