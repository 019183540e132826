import type { DemoStory } from './demo.types.ts';
import { LYRIC_FEATURE } from './feature-lyric.ts';
import { FEATURES } from './features.ts';
import { BUSINESS_STORIES } from './stories-business.ts';
import { CITY_STORIES } from './stories-city.ts';
import { CULTURE_STORIES } from './stories-culture.ts';
import { OPINION_STORIES } from './stories-opinion.ts';
import { SCIENCE_STORIES } from './stories-science.ts';
import { SPORT_STORIES } from './stories-sport.ts';
import { TRANSPORT_STORIES } from './stories-transport.ts';
import { WEATHER_STORIES } from './stories-weather.ts';
import { WORLD_STORIES } from './stories-world.ts';

/** Every demo story, desk by desk; the seed orders them by publish time. */
export const DEMO_STORIES: readonly DemoStory[] = [
  ...CITY_STORIES,
  ...TRANSPORT_STORIES,
  ...WORLD_STORIES,
  ...BUSINESS_STORIES,
  ...SPORT_STORIES,
  ...SCIENCE_STORIES,
  ...CULTURE_STORIES,
  ...WEATHER_STORIES,
  ...OPINION_STORIES,
  ...FEATURES,
  LYRIC_FEATURE,
];
