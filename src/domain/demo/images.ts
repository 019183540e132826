import { imageEncoder } from '../media/index.ts';
import { H, portrait, scenes, skyGradient, W, type Palette } from './art-scenes.ts';
import { seededRng } from './prng.ts';

/**
 * The demo's picture library: each image is drawn once, imported once and
 * referenced by key from any number of stories, which keeps the seed fast
 * (importing is the slow part: eight re-encodes per image).
 */
export interface DemoImage {
  key: string;
  scene: keyof typeof scenes | 'portrait';
  palette: Palette;
  alt: string;
  caption: string;
  credit: string;
}

const DUSK: Palette = { sky: ['#f6b26b', '#6d4c8a'], ground: '#2b3a4a', accent: '#ffd966', ink: '#1d2430' };
const DAY: Palette = { sky: ['#9fd3f2', '#e8f4fb'], ground: '#6f8f5a', accent: '#1f5f8b', ink: '#2d3b45' };
const NIGHT: Palette = { sky: ['#0b1a33', '#24406b'], ground: '#15263f', accent: '#f7d774', ink: '#070d18' };
const PITCH: Palette = { sky: ['#0e2440', '#37597d'], ground: '#3d8b3d', accent: '#c0392b', ink: '#16202b' };
const LAB: Palette = { sky: ['#0f3b44', '#0f7c8c'], ground: '#e0f2f1', accent: '#7fd1c7', ink: '#06262b' };
const SEA: Palette = { sky: ['#cfe8f7', '#7fb3d5'], ground: '#2e6f95', accent: '#1b4f72', ink: '#1a2a33' };
const STAGE: Palette = { sky: ['#1a0f1f', '#3d1f3a'], ground: '#6b3a2a', accent: '#f4c06b', ink: '#0d070f' };
const STORM: Palette = { sky: ['#5d6d7e', '#aab7b8'], ground: '#808b96', accent: '#d6eaf8', ink: '#2c3e50' };
const MONEY: Palette = { sky: ['#f4f9f5', '#d5ece0'], ground: '#8fc1a9', accent: '#1e7b55', ink: '#1b3a2d' };
const MARKET: Palette = { sky: ['#fdebd0', '#f8c471'], ground: '#a04000', accent: '#1e7b55', ink: '#4a2c12' };
const PARK: Palette = { sky: ['#d6eaf8', '#fef9e7'], ground: '#7dbb6a', accent: '#2e7d32', ink: '#5d4037' };
const BOOKS: Palette = { sky: ['#f5eee0', '#d9c7a7'], ground: '#7a6a2f', accent: '#8e3b2f', ink: '#3e2f1c' };
const HEAT: Palette = { sky: ['#f9e79f', '#f5b041'], ground: '#b9770e', accent: '#e67e22', ink: '#6e2c00' };
const PLUSH: Palette = { sky: ['#2c0b0e', '#5b1a1f'], ground: '#3b2a20', accent: '#9b1c24', ink: '#1a0508' };

const STUDIO = 'Illustration: The Dateline Daily';

export const DEMO_IMAGES: DemoImage[] = [
  { key: 'skyline-dusk', scene: 'skyline', palette: DUSK, alt: 'Office towers along the river at dusk, windows lit', caption: 'The Riverton skyline at dusk, seen from the Eastbank promenade.', credit: STUDIO },
  { key: 'city-hall', scene: 'civic', palette: DAY, alt: 'The domed front of a civic building with columns', caption: 'Riverton City Hall on Guild Square, where the council meets every other week.', credit: STUDIO },
  { key: 'tram', scene: 'tram', palette: DAY, alt: 'A tram with large windows on a city street', caption: 'A Blue Line tram on Harbour Road.', credit: 'Riverton Transit Authority' },
  { key: 'bridge', scene: 'bridge', palette: DUSK, alt: 'A suspension bridge over a wide river', caption: 'The Aske Bridge links the Old Quarter with the Eastbank.', credit: STUDIO },
  { key: 'stadium', scene: 'stadium', palette: PITCH, alt: 'A floodlit football stadium with a full crowd', caption: 'Kestrel Park, home of Riverton Athletic, under floodlights.', credit: 'Dateline Sport' },
  { key: 'lab', scene: 'lab', palette: LAB, alt: 'A molecular model and a magnifying lens', caption: 'Models of the compounds studied at the Aske Institute.', credit: STUDIO },
  { key: 'coast', scene: 'waves', palette: SEA, alt: 'Waves rolling towards the shore with a small boat', caption: 'The water off Kestrel Bay, where sea temperatures are monitored daily.', credit: 'Northern Press Agency' },
  { key: 'concert', scene: 'concert', palette: STAGE, alt: 'A singer at a microphone under stage lights, audience in silhouette', caption: 'The main stage at the Riverton Concert Hall.', credit: STUDIO },
  { key: 'storm', scene: 'clouds', palette: STORM, alt: 'Heavy clouds and rain over rooftops', caption: 'Rain clouds over the northern districts.', credit: STUDIO },
  { key: 'chart', scene: 'chart', palette: MONEY, alt: 'A bar chart with a line rising across it', caption: 'Monthly figures, as published by the Riverton Chamber of Commerce.', credit: 'Dateline Graphics' },
  { key: 'market', scene: 'market', palette: MARKET, alt: 'Market stalls with striped awnings and fruit', caption: 'Stalls at the Old Quarter market.', credit: STUDIO },
  { key: 'park', scene: 'park', palette: PARK, alt: 'A green park with trees and a winding path', caption: 'Millbrook Park, the largest green space in the city.', credit: STUDIO },
  { key: 'library', scene: 'library', palette: BOOKS, alt: 'Rows of books on wooden shelves', caption: 'Shelves at the Central Library on Foundry Street.', credit: STUDIO },
  { key: 'sun', scene: 'sun', palette: HEAT, alt: 'A bright sun over rooftops', caption: 'Clear skies over the city centre.', credit: 'Northern Press Agency' },
  { key: 'theatre', scene: 'theatre', palette: PLUSH, alt: 'Red stage curtains drawn back over an empty stage', caption: 'The Lyric Theatre before curtain-up.', credit: STUDIO },
  { key: 'skyline-night', scene: 'skyline', palette: NIGHT, alt: 'A city skyline at night with lit windows', caption: 'City lights after dark.', credit: 'Northern Press Agency' },
  { key: 'portrait-mara', scene: 'portrait', palette: { sky: ['#d6e4f0', '#7f9db9'], ground: '#24415f', accent: '#8b5a2b', ink: '#2b1d14' }, alt: 'Portrait of Mara Ellison', caption: 'Mara Ellison', credit: 'The Dateline Daily' },
  { key: 'portrait-tomas', scene: 'portrait', palette: { sky: ['#f0e0d0', '#b99a7a'], ground: '#3c3c3c', accent: '#1a1a1a', ink: '#111111' }, alt: 'Portrait of Tomas Reyes', caption: 'Tomas Reyes', credit: 'The Dateline Daily' },
];

/** The SVG source of one image: pure, so the same key always gives the same picture. */
export function imageSvg(img: DemoImage): string {
  const rng = seededRng(img.key);
  if (img.scene === 'portrait') {
    return `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 800 800">${portrait(rng, img.palette, 800)}</svg>`;
  }
  const body = scenes[img.scene](rng, img.palette);
  // A thin band in the accent colour along the foot ties the picture to its desk.
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${skyGradient(img.palette)}${body}<rect y="${H - 10}" width="${W}" height="10" fill="${img.palette.accent}"/></svg>`;
}

/** Rasterised as a high-quality JPEG: the media library re-encodes it into its own variants. */
export async function renderImage(img: DemoImage): Promise<Buffer> {
  return imageEncoder()(Buffer.from(imageSvg(img))).jpeg({ quality: 90 }).toBuffer();
}
