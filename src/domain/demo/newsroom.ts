import type { SiteSettings } from '../settings/index.ts';
import type { DemoPerson, DemoSection, DemoTag } from './demo.types.ts';

/**
 * The edition runs on Asia/Tehran time. It is the zone of the page the
 * product is designed around (docs/architecture.md, house conventions), and its +03:30 offset puts a
 * half-hour on every timestamp of the demo, so a renderer that drops the
 * half hour (or applies Tehran's pre-2022 daylight saving) is wrong on the
 * very first page a new user opens, not months later.
 */
export const DEMO_SETTINGS: Partial<SiteSettings> = {
  name: 'The Dateline Daily',
  tagline: 'Riverton and the world, every day since 1921',
  timeZone: 'Asia/Tehran',
  language: 'en',
};

/** Parents before children. "news" is a reserved slug (it is the story URL prefix), hence City and World at the top. */
export const DEMO_SECTIONS: DemoSection[] = [
  { slug: 'city', name: 'City', description: 'Riverton: the council, housing, schools and the streets.', position: 1 },
  { slug: 'transport', name: 'Transport', parent: 'city', description: 'Trams, buses, bridges and bicycles in and around Riverton.', position: 2 },
  { slug: 'world', name: 'World', description: 'News from beyond the city, from our correspondents and the agencies.', position: 3 },
  { slug: 'business', name: 'Business', description: 'The port, the markets and the companies that employ Riverton.', position: 4 },
  { slug: 'sport', name: 'Sport', description: 'Results, reports and interviews.', position: 5 },
  { slug: 'football', name: 'Football', parent: 'sport', description: 'Riverton Athletic, Eastmoor Rovers and the Northern League.', position: 6 },
  { slug: 'science', name: 'Science', description: 'Research from the university, the Aske Institute and further afield.', position: 7 },
  { slug: 'culture', name: 'Culture', description: 'Music, theatre, books and film.', position: 8 },
  { slug: 'weather', name: 'Weather', description: 'Forecasts, warnings and the numbers behind them.', position: 9 },
  { slug: 'opinion', name: 'Opinion', description: 'Columns, editorials and letters. Views are the writers’ own.', position: 10 },
];

export const DEMO_PEOPLE: DemoPerson[] = [
  {
    slug: 'mara-ellison', name: 'Mara Ellison', roleTitle: 'City Editor', photo: 'portrait-mara',
    bio: 'Mara Ellison has covered Riverton City Hall for eleven years and has edited the City desk since 2019. She previously reported on courts and schools, and still reads every council agenda in full.',
  },
  {
    slug: 'tomas-reyes', name: 'Tomas Reyes', roleTitle: 'Transport Correspondent', photo: 'portrait-tomas',
    bio: 'Tomas Reyes writes about how Riverton moves: trams, buses, bridges, cycle lanes and the people who use them. He commutes by Blue Line and bicycle, and keeps a spreadsheet of every late tram.',
  },
  {
    slug: 'priya-natarajan', name: 'Priya Natarajan', roleTitle: 'Science Editor',
    bio: 'Priya Natarajan trained as a marine biologist before turning to journalism. She covers research at Riverton University and the Aske Institute, and the science behind the city’s weather and water.',
  },
  {
    slug: 'daniel-okafor', name: 'Daniel Okafor', roleTitle: 'Sports Reporter',
    bio: 'Daniel Okafor reports on Riverton Athletic, the Herons basketball team and the city’s amateur leagues. He has not missed a home match at Kestrel Park since 2016.',
  },
  {
    slug: 'leila-karimi', name: 'Leila Karimi', roleTitle: 'Arts and Culture Writer',
    bio: 'Leila Karimi reviews music, theatre and books, and writes about the people who make the city’s culture. She was previously the arts editor of a regional weekly.',
  },
  {
    slug: 'henrik-aalto', name: 'Henrik Aalto', roleTitle: 'Business Reporter',
    bio: 'Henrik Aalto covers the Port of Riverton, local employers and the household economy. Before joining The Dateline Daily he worked as an analyst in shipping.',
  },
  {
    slug: 'nadia-farrow', name: 'Nadia Farrow', roleTitle: 'Weather and Environment Correspondent',
    bio: 'Nadia Farrow writes the daily forecast and reports on air, water and green spaces. She is a member of the city’s volunteer rain-gauge network.',
  },
  {
    slug: 'samuel-whitcombe', name: 'Samuel Whitcombe', roleTitle: 'Senior Columnist',
    bio: 'Samuel Whitcombe has written a column for The Dateline Daily for two decades. He lives in the Old Quarter and answers every letter he receives, eventually.',
  },
  {
    slug: 'shirin-navabi', name: 'Shirin Navabi', roleTitle: 'Foreign Correspondent',
    bio: 'Shirin Navabi reports on culture, science and daily life across the region for The Dateline Daily. She writes in English and Persian.',
  },
];

export const DEMO_TAGS: DemoTag[] = [
  { name: 'City Council', description: 'Votes, budgets and debates at Riverton City Hall.' },
  { name: 'Budget', description: 'Public money: where it comes from and where it goes.' },
  { name: 'Housing', description: 'Rents, building and the places people live.' },
  { name: 'Trams', description: 'The Blue, Green and Harbour tram lines.' },
  { name: 'Cycling', description: 'Bike lanes, bike shares and the people who ride.' },
  { name: 'Roads', description: 'Roadworks, bridges and traffic.' },
  { name: 'Education', description: 'Schools, colleges and the university.' },
  { name: 'Health', description: 'Hospitals, clinics and public health.' },
  { name: 'Port of Riverton', description: 'Ships, cargo and the people who work the docks.' },
  { name: 'Jobs', description: 'Hiring, wages and work.' },
  { name: 'Small Business', description: 'Shops, cafés and workshops.' },
  { name: 'Riverton Athletic', description: 'The city’s professional football club.' },
  { name: 'Basketball', description: 'The Riverton Herons and the amateur leagues.' },
  { name: 'Athletics', description: 'Running, jumping and throwing.' },
  { name: 'Space', description: 'Telescopes, satellites and the night sky.' },
  { name: 'Oceans', description: 'The bay, the sea and what lives in it.' },
  { name: 'Climate', description: 'A changing climate and how the city adapts.' },
  { name: 'Storms', description: 'Warnings, damage and clean-up.' },
  { name: 'Music', description: 'Concerts, recordings and the people who make them.' },
  { name: 'Theatre', description: 'On stage in Riverton and beyond.' },
  { name: 'Books', description: 'Reviews, authors and libraries.' },
  { name: 'Film', description: 'Cinema, festivals and screenings.' },
  { name: 'Food', description: 'Markets, kitchens and what the city eats.' },
  { name: 'Parks', description: 'Green spaces and the people who look after them.' },
];
