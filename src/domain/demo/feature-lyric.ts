import type { DemoStory } from './demo.types.ts';

export const LYRIC_FEATURE: DemoStory = {
  headline: 'A hundred years of the Lyric: the theatre that refused to go dark',
  dek: 'It survived a fire, a flood, two threats of demolition and a decade as a bingo hall. As the Lyric Theatre turns 100, the people who saved it tell its story.',
  dateline: 'Riverton', section: 'culture', tags: ['Theatre', 'Music', 'Film'], bylines: ['leila-karimi'], hoursAgo: 190, image: 'theatre',
  pullQuote: { text: 'Every generation has had to decide whether the Lyric was worth saving. So far, every generation has said yes.', attribution: 'Rosalind Achebe, Lyric Theatre Trust', afterBlock: 5 },
  body: `On a wet evening a hundred years ago, the curtain of the new Lyric Theatre on Chandler Street rose for the first time, on a musical comedy called "The Harbour Girl". The reviews were poor. The audience, according to this newspaper's critic at the time, "laughed in all the wrong places and a good many of the right ones". The production closed after three weeks.

The theatre did rather better. This week the Lyric celebrates its centenary with a season of eleven productions, a free open day and an exhibition of a century of posters, programmes and photographs in its newly restored foyer.

It very nearly did not get here. In its hundred years, the Lyric has been damaged by fire, flooded, turned into a cinema and then a bingo hall, and twice earmarked for demolition. Each time, someone stepped in.

"Every generation has had to decide whether this building was worth saving," says Rosalind Achebe, who chairs the Lyric Theatre Trust, the charity that has run the theatre since 1989. "So far, every generation has said yes. My job is to make sure the next one gets the chance."

## Fire, flood and bingo

The first crisis came in 1937, when a fire that started in a scenery store destroyed the fly tower and much of the stage. Photographs in the exhibition show firemen on ladders against a blackened brick wall, and the orchestra pit full of water and charred timber.

The owners, a touring company based in the capital, considered selling the site. Instead, local businesses raised money to rebuild, and the theatre reopened eighteen months later with a larger stage and the red-and-gold auditorium that survives today.

The Aske flood of 1953 put the stalls under a metre of water. Then, in the 1960s, as audiences drifted to television, the Lyric was sold and converted into a cinema. In 1974 it became a bingo hall. The stage was boarded over, the boxes were closed off, and the painted ceiling was hidden behind a suspended grid of polystyrene tiles.

"People say bingo ruined the Lyric, but in a way bingo saved it," says the theatre historian Conrad Mayhew, who curated the centenary exhibition. "The bingo company did not want the boxes or the ceiling, so they covered them up instead of ripping them out. When we took the tiles down in 1990, the ceiling was almost perfect underneath."

## The campaign

In 1987, the bingo company closed and the building was sold to a developer who planned to replace it with offices. The demolition application prompted a campaign that many in the city still remember: a petition of 60,000 signatures, a human chain around the block, and a benefit concert in Guild Square at which, famously, it poured with rain and nobody left.

![Red stage curtains drawn back over an empty stage](image:@theatre "The Lyric's auditorium, restored in 1991 to its 1938 colours.")

Achebe, then a 24-year-old drama teacher, was one of the organisers. "We had no money, no experience and no idea what we were doing," she says. "What we had was a lot of people who had had their first kiss in the back row of the Lyric, and did not want it to become a car park."

The council eventually bought the building and leased it to the newly formed trust for a nominal rent. The restoration took two years and cost what would now be about 12 million dollars, raised from grants, donations and a sponsored "seat appeal" in which residents paid to have their names engraved on brass plates on the back of the seats. Many of those plates are still there.

> I sat in seat G14 at the reopening in 1991, with my name on the back of it, and I cried through the entire first act. It was a comedy.

That is Margaret Doyle, now 79, one of the original seat-appeal donors, who will be back in G14 for the centenary gala.

## A theatre for the next hundred years

Today the Lyric stages about 300 performances a year and sells around 140,000 tickets. It has a youth theatre with 400 members, runs a scheme that offers free tickets to every secondary-school pupil in the city once a year and hosts the Riverton International Film Festival each autumn.

The centenary season reflects that mix. Highlights include:

- a revival of "The Harbour Girl", rewritten by the playwright Dominic Okoye, who has promised "more jokes in the right places"
- a new production of a Chekhov comedy, set in a seaside town not unlike Kestrel Bay
- a season of silent films with live orchestral accompaniment, a nod to the Lyric's years as a cinema
- a play written and performed by the youth theatre, based on interviews with people who worked in the building when it was a bingo hall

The building still needs work. The roof over the fly tower leaks in heavy rain, and the trust estimates that the lifts, the heating and the stage machinery will need about 4 million dollars of investment over the next decade. It launched a centenary appeal this month, with a new version of the seat-plate scheme.

Its artistic director, Tobias Grant, who took over two years ago, says the Lyric's challenge now is not survival but relevance. "Nobody is trying to knock us down any more," he says. "The danger now is quieter. It is that people stop thinking of a night at the theatre as something for them. Our job is to make sure every kid in this city walks through those doors at least once and feels at home."

On a weekday afternoon during rehearsals, the auditorium is dark except for a work light on the stage, where a group of teenagers from the youth theatre are running a scene. In the back row, a caretaker is polishing the brass plates, one by one.

"G14," he says, pointing. "Mrs Doyle. She writes to us every Christmas." He moves on to the next plate. There are 1,100 of them.`,
};
