import type { DemoStory } from './demo.types.ts';

export const CULTURE_STORIES: DemoStory[] = [
  {
    headline: 'Review: Riverton Symphony opens its season with a fearless Sibelius',
    dek: 'Under its new chief conductor, the orchestra sounds hungrier than it has in years. The Fifth Symphony’s final chords had the hall on its feet.',
    dateline: 'Riverton', section: 'culture', tags: ['Music'], bylines: ['leila-karimi'], hoursAgo: 45, image: 'concert',
    body: `There is a moment near the end of Sibelius's Fifth Symphony when the horns begin to swing, slowly, like a great bell, and the whole orchestra seems to lift off the ground. On Friday night at the Riverton Concert Hall, that moment arrived and the audience forgot to breathe.

It was the first concert of the season under the orchestra's new chief conductor, Elin Marsh, and it was a statement of intent. Marsh, 41, who arrives from a smaller orchestra in the north, took the music at tempos that were sometimes startlingly quick, and asked her players for colours they have not always found.

The strings, in particular, sounded transformed. In the slow movement they played with a hushed, grainy quality that made the hall feel smaller and warmer. The brass, so often the orchestra's weak spot, were confident and precise.

> I want the audience to hear these pieces as if nobody had ever played them before. That includes the orchestra.

Marsh said that in an interview with this newspaper before the season. On this evidence, she meant it.

The first half was less even. A new piece by the Riverton composer Ines Calloway, "Tidewater", was beautifully orchestrated but felt a few minutes too long. The soloist in Mozart's Fourth Violin Concerto, Nikolai Brandt, played with elegance but little daring.

None of that mattered once the Sibelius began. When the six final chords rang out, separated by long silences that Marsh held for what felt like an age, there was a pause, and then a roar. The season has started well.

The programme is repeated tonight.`,
  },
  {
    headline: 'Central Library to stay open until 10 p.m. on weekdays',
    dek: 'The extra hours, funded in the new budget, are aimed at students and shift workers.',
    dateline: 'Riverton', section: 'culture', tags: ['Books', 'Budget', 'Education'], bylines: ['leila-karimi'], hoursAgo: 150, image: 'library',
    body: `The Central Library on Foundry Street will stay open until 10 p.m. on weekdays from next month, three hours later than now, after the council set aside money for the change in its budget.

Library staff said the longest queues for study desks came in the early evening, when school and university students arrive, and that many shift workers had asked for later hours.

"We close just as half of our readers are free to come in," said the city librarian, Fatima Aziz. "That never made sense to me."

The evening hours will be staffed by six new librarians. The children's floor will close at 7 p.m. as now, but the reading rooms, the computer suite and the café will stay open.

The library, built in 1906 with a gift from a shipping family, lends about 900,000 books a year. Membership rose by 12 percent last year, which Aziz credited to the library's new music collection and its popular repair workshop, where volunteers mend lamps, radios and clothes.`,
  },
  {
    headline: 'Film festival line-up: 42 features, and a third are debuts',
    dek: 'The Riverton International Film Festival opens with a documentary about the city’s last lighthouse keeper.',
    dateline: 'Riverton', section: 'culture', tags: ['Film'], bylines: ['leila-karimi'], hoursAgo: 310, image: 'theatre',
    body: `The Riverton International Film Festival will show 42 feature films over ten days next month, fourteen of them the first features of their directors, the festival announced on Wednesday.

The opening film is "The Last Keeper", a documentary about Arthur Penhallow, who tended the Kestrel Point lighthouse until it was automated in 1992. The film's director, Rosa Lindgren, spent three years with Penhallow, now 88, and his collection of logbooks.

"He wrote down the weather every four hours for thirty years," Lindgren said. "I thought I was making a film about a lighthouse. It turned out to be a film about paying attention."

The festival's director, Oskar Brennan, said this year's selection was "younger and stranger" than in recent years. Films come from 27 countries, and for the first time every screening will have subtitles for deaf and hard-of-hearing viewers.

Tickets go on sale on Monday. Screenings are at the Lyric Theatre, the Eastbank Picturehouse and, on two evenings, outdoors in Guild Square.`,
  },
  {
    headline: "Book review: 'The Salt Roads' maps the harbour's forgotten past",
    dek: 'Agnes Thorne’s debut novel follows three generations of a dockside family. It is slow to start and impossible to put down.',
    dateline: 'Riverton', section: 'culture', tags: ['Books', 'Port of Riverton'], bylines: ['leila-karimi'], hoursAgo: 460, image: 'library',
    body: `Agnes Thorne grew up above a chandler's shop on Quay Street, and it shows. Her first novel, "The Salt Roads", is soaked in the sounds and smells of Riverton's old harbour: tar, rope, fish, coal smoke and the endless argument of gulls.

The book follows the Maddox family from 1911, when young Nell Maddox arrives at the docks to work in a rope walk, to 1972, when her grandson watches the last sailing ship leave the inner harbour. Between those dates come two wars, a great strike, a flood and a good deal of love, most of it inconvenient.

Thorne is in no hurry. The first hundred pages move at the pace of a barge on a still day, and some readers will give up. They should not. By the time Nell's son joins the strike of 1926, every character has become vivid and the pages turn themselves.

What stays with you is the detail. Thorne knows how a rope walk sounds, how a cargo of oranges smells after six weeks at sea, and what a docker's wife said to the foreman when the wages were late. Much of it, she writes in an afterword, came from her grandmother.

"The Salt Roads" is not a perfect book. The final section is rushed, and a subplot about a stolen painting goes nowhere. But it is a generous, humane and deeply local novel, and it deserves to be read well beyond the city it loves.`,
  },
];
