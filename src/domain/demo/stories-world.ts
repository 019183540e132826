import type { DemoStory } from './demo.types.ts';

/** World copy: our correspondent's piece, and agency stories that carry a credit line instead of a byline. */
export const WORLD_STORIES: DemoStory[] = [
  {
    headline: 'A century-old music hall in Tehran reopens after eight years of restoration',
    dek: 'Craftsmen rebuilt the painted ceiling tile by tile. On the first night, the orchestra played to a hall where every seat had been sold in four minutes.',
    dateline: 'Tehran', section: 'world', tags: ['Music', 'Theatre'], bylines: ['shirin-navabi'], hoursAgo: 40, image: 'concert',
    body: `The Ferdows Music Hall, built in 1925 and closed in 2016 after water damaged its painted ceiling, reopened on Thursday evening with a concert of Persian classical music and a queue that stretched around the block.

Tickets for the opening night sold out in four minutes, according to the hall's management, and several hundred people gathered outside to listen to the concert on loudspeakers set up on the pavement.

"We did not expect so many people outside," said Arash Mehrabi, the conductor, after the concert. "We played a little louder for them."

## Tile by tile

The restoration was led by the architect Nasrin Tavakoli, who assembled a team of 40 craftsmen, some of them in their seventies, to rebuild the ceiling using the original techniques.

"There were 11,000 tiles, and we photographed every one before we touched it," Tavakoli told The Dateline Daily. "Where a tile was lost, we made a new one by hand. You will not find the new ones, unless you know where to look."

![Stage lights over a concert platform](image:@concert "The stage of the Ferdows Music Hall on its first night after restoration.")

The hall's acoustics were tested for months before the opening. Engineers hung microphones from the gallery and fired a starting pistol on stage to measure how the sound decayed.

> When the first note of the tar filled the room, some of the older musicians were crying. They had played here as young men.

That was how Mehrabi described the final rehearsal. The hall will host about 150 concerts a year, a third of them free for students, the management said.

## A new audience

Many of those in the queue were too young to remember the hall before it closed. Sahar Jafari, 22, a music student, said she had walked past the scaffolding every day for four years. "I wanted to be here on the first night so that one day I can say I was," she said.

The programme for the coming season includes chamber music, a festival of regional folk music and a series of concerts for children on Friday mornings.`,
  },
  {
    headline: 'Oslo opens harbour baths heated by waste water from a data centre',
    dek: 'The pools stay at 27 degrees all year, warmed by heat that would otherwise have been pumped into the fjord.',
    dateline: 'Oslo', section: 'world', tags: ['Climate', 'Oceans'], credit: 'Northern Press Agency', hoursAgo: 60, image: 'coast',
    body: `A floating bath complex opened in Oslo's inner harbour this week, with three pools kept at 27 degrees all year by heat recovered from a nearby data centre.

The baths' operator said the heat, carried through a 1.2-kilometre insulated pipe, would otherwise have been released into the fjord. The complex has a 25-metre lane pool, a children's pool and a "cold plunge" filled directly with sea water.

"Servers make a lot of heat and no use of it," said Ingvild Roe, the project's engineer. "Swimmers make very little heat and a great deal of use of it. It seemed a good match."

Entry is free for children under 12. The operator expects about 300,000 visits in the first year.

Engineers said the same approach could heat homes in the harbour district, and the city is studying whether to extend the pipe. Similar schemes already warm apartment blocks in several Nordic cities.`,
  },
  {
    headline: 'Nairobi marathon adds a wheelchair race for the first time',
    dek: 'Organisers say 60 athletes from nine countries have entered, with equal prize money to the running races.',
    dateline: 'Nairobi', section: 'world', tags: ['Athletics'], credit: 'Continental Wire', hoursAgo: 180, image: 'sun',
    body: `The Nairobi city marathon will include a wheelchair race for the first time this year, its organisers said on Friday, with prize money equal to that of the men's and women's running races.

Sixty athletes from nine countries have entered. The wheelchair race will start fifteen minutes before the elite runners, on the same course.

"For years we were told there was no demand," said Wanjiru Kamau, a wheelchair racer who campaigned for the change. "There was always demand. There was not a start line."

The race director, Peter Otieno, said the course had been checked for surfaces and gradients, and that three drinks stations had been rebuilt so they could be reached from a racing chair.

The marathon, held in the cool of the early morning, attracted more than 20,000 runners last year across its full, half and 10-kilometre events.

Disability groups said they hoped other races in the region would follow. "A start line is a small thing to ask for," Kamau said. "It changes who gets to call themselves an athlete."`,
  },
  {
    headline: "Lisbon's trams get quieter wheels to soothe the old city's nerves",
    dek: 'Rubber-damped wheels cut the screech on the tightest curves by half, tests show.',
    dateline: 'Lisbon', section: 'world', tags: ['Trams'], credit: 'Northern Press Agency', hoursAgo: 330, image: 'tram',
    body: `Lisbon has begun fitting its historic trams with rubber-damped wheels, after tests showed the change halved the screech on the tightest curves of the old city's hills.

The city's narrow streets, some barely wider than the trams themselves, amplify the sound of steel wheels grinding on curved rails. Residents along the busiest routes have complained about it for decades.

"You get used to the bells," said Fernanda Lopes, who lives on one of the steepest stretches of the line. "You do not get used to the screaming."

Engineers tested the new wheels on two trams for six months. Measurements taken at night, when the streets are quietest, showed a drop in peak noise of about 10 decibels, which the human ear hears as roughly half as loud.

All 40 of the city's vintage trams will be refitted over the next two years. The wooden bodies, some nearly a century old, are not affected.`,
  },
  {
    headline: 'Kyoto to trial timed entry at its busiest gardens',
    dek: 'Visitors to three temple gardens will book a 30-minute slot online. Walk-up tickets will remain for the first hour of the day.',
    dateline: 'Kyoto', section: 'world', tags: ['Parks'], credit: 'Continental Wire', hoursAgo: 470, image: 'park',
    body: `Three of Kyoto's most visited temple gardens will trial timed entry from next season, asking visitors to book a 30-minute slot in advance in an effort to ease crowding on narrow paths.

The city's tourism office said the trial would run for a year. Walk-up tickets will still be sold for the first hour after opening, which local residents have asked to keep.

"A garden like this is made to be looked at slowly," said Keiko Tanabe, a gardener who has worked at one of the temples for 30 years. "On a busy day, people are pushed past the best view before they have seen it."

Visitor numbers at the three gardens have risen by about 40 percent in five years. The tourism office will publish the results of the trial, including surveys of visitors and residents, when it ends.

Booking will be free, the office said, and the entrance fees will not change. Slots will be released a month in advance. Tour operators, who bring large groups to the gardens, will be given a separate allocation.`,
  },
];
