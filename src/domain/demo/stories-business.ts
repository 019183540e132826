import type { DemoStory } from './demo.types.ts';

export const BUSINESS_STORIES: DemoStory[] = [
  {
    headline: 'Port of Riverton handles record cargo as new cranes come online',
    dek: 'Container traffic rose 14 percent in the quarter. The port says it can now turn a large ship around in under a day.',
    dateline: 'Riverton', section: 'business', tags: ['Port of Riverton', 'Jobs'], bylines: ['henrik-aalto'], hoursAgo: 10, image: 'skyline-night',
    body: `The Port of Riverton moved more cargo in the past three months than in any quarter in its history, its figures show, as four new ship-to-shore cranes brought into service in the spring began to pay off.

The port handled 412,000 containers in the quarter, up 14 percent on the same period last year. Average turnaround time for the largest ships, those carrying more than 10,000 containers, fell from 31 hours to 22.

"A ship that is tied up here is a ship that is not earning money for its owner," said Ronan Gallagher, the port's chief executive. "When we are faster, the shipping lines notice, and they send us more ships."

The cranes, each taller than City Hall's clock tower, can be operated remotely from a control room on the quay, although the port said every crane still had a driver in its cab. The dockers' union said it had agreed to the new cranes on condition that no jobs were lost.

"We have more people working on the quay today than two years ago," said Maureen Doyle, the union's branch secretary. "That was the deal, and so far it has been kept."

The port expects traffic to slow slightly in the coming quarter, when shipping lines traditionally cut sailings. It plans to hire 80 more staff by the end of next year, mostly in maintenance and logistics.`,
  },
  {
    headline: 'Harbour Foods to hire 300 at new bakery plant in Northgate',
    dek: 'The company behind the city’s best-selling sliced loaf is moving production out of its 1950s site by the canal.',
    dateline: 'Riverton', section: 'business', tags: ['Jobs', 'Food'], bylines: ['henrik-aalto'], hoursAgo: 110, image: 'market',
    body: `Harbour Foods, the Riverton bakery group best known for its Harbour White sliced loaf, will build a new plant in the Northgate business park and hire 300 people to run it, the company said on Wednesday.

The plant will replace the company's canal-side bakery, which has made bread in the Old Quarter since 1954. All 420 staff at the old site have been offered jobs at the new one, which is about four kilometres away and on the Green Line.

"The old bakery has served us beautifully, but it was built for a different century," said the company's managing director, Claire Whitfield. "We are now baking in a building where the ovens are older than most of the bakers."

The company said the new plant would use about 40 percent less energy per loaf, largely by recovering heat from its ovens. It plans to open in about 18 months.

The future of the canal-side building, which is listed, has not been decided. Local historians have asked the council to make sure that the 1954 neon sign on its roof, showing a loaf rising out of a tin, is kept.`,
  },
  {
    headline: 'Riverton Savings Bank cuts branch hours, and customers push back',
    dek: 'Seven branches will close at 1 p.m. three days a week. Older customers say they were not asked.',
    dateline: 'Riverton', section: 'business', tags: ['Small Business'], bylines: ['henrik-aalto'], hoursAgo: 200,
    body: `Riverton Savings Bank will close seven of its twelve branches at 1 p.m. on three days a week from next month, prompting complaints from customers who say they depend on the counters.

The bank said the number of people visiting its branches had fallen by more than half in five years, and that most everyday banking was now done on phones.

"We are not closing a single branch, and we are not cutting a single job," a spokesperson said. "We are moving staff to the times when customers actually come in."

That was little comfort to Dorothy Baines, 81, who banks at the Millbrook branch. "I do not have a smartphone, and I do not want one," she said. "I want to speak to a person, and I want to do it after lunch."

Small traders also objected. Several shopkeepers in Millbrook said they paid in their takings in the afternoon. The bank said business customers could use a deposit machine that would be available until 6 p.m.

The Riverton Pensioners' Association has asked the bank to meet its members before the changes take effect.`,
  },
  {
    headline: 'Old Quarter cafés band together to buy coffee direct from growers',
    dek: 'Eleven independent cafés have formed a buying co-operative to get better beans at a price they can afford.',
    dateline: 'Riverton', section: 'business', tags: ['Small Business', 'Food'], bylines: ['henrik-aalto'], hoursAgo: 350, image: 'market',
    body: `Eleven independent cafés in the Old Quarter have formed a co-operative to buy green coffee directly from growers, saying it is the only way small shops can compete with chains on the price of good beans.

The co-operative, called Common Roast, will share a roaster in a former print works on Tanner Lane. Its first shipment, 19 tonnes from two farming co-operatives, arrives next month.

"On our own, each of us buys too little for a farmer to bother with," said Jonas Eklund, who owns the Tanner Lane café and chairs the group. "Together, we are a customer worth having."

Members said they expected to pay growers about a quarter more than the market price while still paying less than they do now to wholesalers.

The cafés will keep their own names and menus. Three more have asked to join, the co-operative said.

The growers welcomed the arrangement. In a message read out at the co-operative's launch, one farmers' group said that selling to a small number of buyers it knew by name was "worth more than the price". Members plan to visit the farms next year.`,
  },
  {
    headline: 'Hiring plans at three-year high, Chamber of Commerce survey finds',
    dek: 'Almost half of Riverton firms expect to take on staff in the next six months, but most say skilled workers are hard to find.',
    dateline: 'Riverton', section: 'business', tags: ['Jobs', 'Port of Riverton'], bylines: ['henrik-aalto'], hoursAgo: 480, image: 'chart',
    body: `Riverton businesses are more likely to be hiring than at any time in the past three years, according to the Chamber of Commerce's quarterly survey, published on Monday.

Of the 640 firms that responded, 47 percent said they expected to increase staff in the next six months, against 31 percent a year ago. Only 6 percent expected to cut jobs.

The survey's main findings:

- hiring intentions were strongest in logistics, driven by the port, and in health care
- 62 percent of firms that tried to recruit said they had struggled to find people with the right skills
- a third said they had raised starting wages in the past year to fill vacancies
- confidence among retailers was the weakest of any sector, for the fifth quarter in a row

"The port is pulling the rest of the economy along with it," said Beatrice Holm, the Chamber's chief economist. "The question is whether we are training enough people to fill the jobs it creates."

The city's further-education college said it would add evening courses in electrical engineering and logistics from the new year.`,
  },
];
