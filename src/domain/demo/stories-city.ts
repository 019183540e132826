import type { DemoStory } from './demo.types.ts';

export const CITY_STORIES: DemoStory[] = [
  {
    headline: 'Council passes budget with more for libraries and street repairs',
    dek: 'After a six-hour session, councillors voted 31 to 14 for a spending plan that freezes parking charges and adds 40 street-repair crews, but leaves the swimming pool question for another day.',
    dateline: 'Riverton', section: 'city', tags: ['City Council', 'Budget', 'Books'], bylines: ['mara-ellison'], hoursAgo: 30, image: 'city-hall',
    corrections: [
      'An earlier version of this story said the budget passed by 32 votes to 13. The vote was 31 to 14.',
      'This story has been updated to correct the name of the finance committee chair. She is Ingrid Solberg, not Ingrid Sollberg.',
    ],
    body: `Riverton City Council approved a 612-million-dollar budget late on Wednesday night, ending weeks of argument over how to pay for repairs to the city's roads without closing branch libraries.

The plan, passed by 31 votes to 14, adds 40 street-repair crews, keeps all eleven branch libraries open six days a week and freezes parking charges for a second year. It does not settle the future of the Foundry Street swimming pool, which has been closed since a roof inspection in the spring.

"This is a budget for the streets people actually walk on," Ingrid Solberg, who chairs the finance committee, told the chamber before the vote. "It is not everything we wanted. It is what we can pay for."

## What the budget does

According to the council's own summary, the main changes from last year are:

- 40 new street-repair crews, working in two shifts from early spring
- 3.2 million dollars more for branch libraries, reversing cuts made two years ago
- a freeze on parking charges in the city centre and the Old Quarter
- 1.5 million dollars for a study on the future of the Foundry Street pool

Opposition councillors said the plan relied on optimistic forecasts of property-tax income. "We are spending money we have been promised, not money we have," said Councillor Owen Brandt, who voted against. "If the forecast is wrong, the libraries will be the first thing cut next year."

## The pool can wait

Dozens of swimmers filled the public gallery wearing club jackets. Several held signs reading "Fix the roof". The council's report says repairing the pool would cost between 9 and 14 million dollars, depending on whether the original 1930s hall is kept.

> We have been told to wait before. We waited for the changing rooms, and we waited for the heating. We are good at waiting.

That was Agnes Molloy, 74, who has swum at Foundry Street since she was a girl. The study is due to report within six months.

Mayor Joan Halvorsen said after the vote that the pool would "not be forgotten", and that the study would look at every option "including the ones that cost more".`,
  },
  {
    headline: 'Old Quarter tenants win delay on rent rise after packed hearing',
    dek: 'The housing board gave landlords of 212 flats on Cooper Street six months to justify increases of up to 18 percent.',
    dateline: 'Riverton', section: 'city', tags: ['Housing', 'City Council'], bylines: ['mara-ellison'], hoursAgo: 75, image: 'skyline-dusk',
    body: `Tenants of three blocks on Cooper Street won a six-month delay on rent increases on Thursday, after more than 150 people crowded into a hearing room built for 60.

The Riverton Housing Board ruled that the owner of the blocks, Cooper Street Estates, had not shown that the increases of between 12 and 18 percent were needed to pay for repairs, as its letters to tenants had claimed.

"They told us the rent was going up because of the new windows," said Marguerite Osei, who has lived in the middle block for 23 years and chairs the tenants' association. "Then we asked to see the bill for the windows."

The board's chair, Lionel Hartwell, said the landlord could return with evidence of its costs. "Nobody here is saying rents can never rise," he said. "We are saying a tenant is entitled to know why."

> The board is not a rubber stamp, and tonight it has shown that.

The line came from Councillor Ruth Adeyemi, who represents the Old Quarter and attended the hearing. A spokesperson for Cooper Street Estates said the company would "provide the additional information requested" and declined to comment further.

Tenants said they would use the six months to press the council for a register of rents across the Old Quarter, where average rents have risen by a quarter in three years, according to the board's annual report.`,
  },
  {
    headline: 'Millbrook Park pond to be restored after 4,000 residents sign petition',
    dek: 'The silted-up pond will be dredged, replanted and given a new footbridge. Work starts in the autumn and should take eight weeks.',
    dateline: 'Riverton', section: 'city', tags: ['Parks', 'City Council', 'Climate'], bylines: ['nadia-farrow', 'mara-ellison'], hoursAgo: 140, image: 'park',
    body: `The pond at the heart of Millbrook Park will be dredged and replanted this autumn, the council's parks committee agreed on Tuesday, after a petition signed by more than 4,000 residents.

The pond, dug in 1887, has been silting up for decades. By late summer this year it was little more than a puddle, and a dog walker was photographed standing in the middle of it in ankle-deep water.

"It used to be the place you brought bread for the ducks," said Helen Markovic, who started the petition. "Now the ducks have moved to the canal, and I don't blame them."

The restoration will cost about 480,000 dollars. It includes removing some 2,000 cubic metres of silt, planting reed beds along the northern edge and building a wooden footbridge to replace the one removed in 2009.

Park rangers said the reed beds would filter run-off from the surrounding streets and provide cover for birds. "A pond this size should support moorhens, frogs, dragonflies," senior ranger Colin Ashdown told The Dateline Daily. "At the moment it supports a shopping trolley."

The main path around the pond will stay open during the works, the committee said.`,
  },
  {
    headline: 'Kestrel Hill school to open with 600 places after years of delay',
    dek: 'The first new secondary school in the city for fifteen years will take its first pupils next September.',
    dateline: 'Riverton', section: 'city', tags: ['Education', 'City Council'], bylines: ['mara-ellison'], hoursAgo: 220, image: 'library',
    body: `Kestrel Hill Academy will open next September with places for 600 pupils, the city's education department confirmed on Monday, ending a saga that began when the site was bought in 2015.

Building was delayed twice: first by a dispute over the access road and then by the discovery of old mine workings under what is now the playing field. The field has been filled and will open a term after the school.

The head teacher, Femi Adebayo, has spent the past year recruiting staff. "We have science labs, a proper library and a theatre with 200 seats," he said. "What we do not have yet is a school. That starts when the children arrive."

Parents in the north of the city have campaigned for the school for a decade. Until now, many children on Kestrel Hill have travelled more than 40 minutes each way to school.

Applications open next month. The department said it expected the school to be full in its first year.`,
  },
  {
    headline: 'Night market returns to Guild Square with 80 stalls',
    dek: 'Street food, records and a silent disco: the market is back after a year away, with new rules on noise and rubbish.',
    dateline: 'Riverton', section: 'city', tags: ['Food', 'Small Business'], bylines: ['mara-ellison'], hoursAgo: 300, image: 'market',
    body: `The Guild Square night market will return next weekend after a year's absence, with 80 stalls, later closing times on Saturdays and a new rule that every trader must take away their own rubbish.

The market was paused last year after complaints from residents of the square about noise and litter. Its organisers, the Riverton Traders' Guild, have since agreed to end amplified music at 10 p.m. and to pay for extra street cleaning.

"We listened," said Yasmin Adler, who runs the market for the guild. "The people who live here are our neighbours, and they are also our customers."

About half of the stalls sell food, from dumplings to flatbreads baked in a wood-fired oven on a trailer. The rest sell records, prints, plants and second-hand clothes. A silent disco, with wireless headphones, will run until midnight.

Residents were cautiously welcoming. "If they keep their promises, we will keep ours," said Peter Lindqvist, who chairs the Guild Square residents' association.`,
  },
  {
    headline: 'City Hall clock stops for repairs for the first time in 104 years',
    dek: 'The four faces will be covered for a month while a clockmaker rebuilds the movement.',
    dateline: 'Riverton', section: 'city', tags: ['City Council'], bylines: ['mara-ellison'], hoursAgo: 400,
    body: `For the first time since it was installed in 1921, the clock on Riverton City Hall has stopped on purpose.

The four faces will be covered for about a month while the movement, which has lost up to four minutes a week since the summer, is taken apart and rebuilt. The work is being done by Thea Voss, a clockmaker from Eastmoor who restored the station clock in 2018.

"It is a beautiful machine, and it has been very patient with us," Voss said. "Some of these parts have not been out of the tower since before the war."

Staff at City Hall have been told not to rely on the clock. A temporary digital display will be put up on the steps. The council said the repair would cost 62,000 dollars, paid for from the building maintenance fund.

The clock was made in 1920 by a firm in the capital and hauled up the tower in sections the following spring. It has been wound by hand every week since, first by a council porter and, since 1987, by a volunteer, Eric Mallinson, who climbs the 143 steps every Sunday morning.

"It feels strange not to go up," Mallinson said. "I keep checking my watch against it and then remembering."`,
  },
];
