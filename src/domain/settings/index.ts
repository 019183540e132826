export { SettingsService, DEFAULT_SETTINGS, type SiteSettings } from './settings.service.ts';
