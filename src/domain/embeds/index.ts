export {
  EmbedProviders, BUILT_IN_EMBEDS, BUILT_IN_PROVIDERS, parseEmbedAddress, parseConfiguredProviders, MAX_EMBED_URL,
  type EmbedProvider, type EmbedTarget, type ConfiguredProvider,
} from './providers.ts';
export { EmbedPreviews, type EmbedPreviewsDeps } from './previews.ts';
