import type { DemoStory } from './demo.types.ts';

export const OPINION_STORIES: DemoStory[] = [
  {
    headline: 'A tram timetable is a promise. The city should keep it',
    dek: 'More trams on the Blue Line are welcome. But a timetable only matters if the tram turns up when it says it will.',
    dateline: 'Riverton', section: 'opinion', tags: ['Trams'], bylines: ['samuel-whitcombe'], hoursAgo: 26, image: 'tram',
    pullQuote: { text: 'Frequency is a number on a poster. Reliability is a number in your life.', attribution: 'Samuel Whitcombe', afterBlock: 2 },
    body: `I have taken the Blue Line to work for nineteen years. In that time I have seen it repainted three times, rebranded twice and, once, reach the city centre exactly on time on a wet Monday morning. I remember the date.

So I greeted this week's news, that trams will run every five minutes at peak times from next month, with the cautious pleasure of a man who has been promised things before.

Let me be clear: this is good news. Six new trams and a longer evening service are exactly what the line needs. The transit authority deserves credit for doing it. But a tram every five minutes on a timetable is worth nothing if, in practice, two arrive together after a fifteen-minute gap.

That is what happens now, too often. The authority's own figures show that one peak-hour tram in ten was more than five minutes late last winter. For a parent with a nursery pick-up, or a nurse with a shift to start, five minutes is the difference between a good day and a bad one.

So here is a modest proposal. Alongside its new timetable, the authority should publish, every month, how many trams actually ran on time, line by line and hour by hour. Not a glossy annual report, but a plain table, on its website and at every stop.

Nothing improves a service like the knowledge that people are counting. I will be counting. I suspect I will not be alone.`,
  },
  {
    headline: 'Editorial: Open the river to swimmers, but do it carefully',
    dek: 'The plan to let people swim in the Aske again is a good one. The council must be honest about the risks and patient about the timetable.',
    dateline: 'Riverton', section: 'opinion', tags: ['Parks', 'City Council', 'Health'], credit: 'The Dateline Daily Editorial Board', hoursAgo: 80, image: 'bridge',
    body: `For most of the last century, swimming in the River Aske was something Riverton did without thinking. Children learned there. Clubs raced there. Then the factories upstream and the sewers downstream made it dangerous, and a generation grew up being told to stay out.

The water is now far cleaner, and the council's plan to open two bathing areas on the river within three years deserves support. Cities elsewhere have shown that it can be done, and that a river people swim in is a river people look after.

But the plan must be done carefully. The council's own testing shows that water quality still falls below bathing standards for several days after heavy rain, when storm drains overflow. Any bathing area must have daily testing, published where swimmers can see it, and the power to close at once.

Lifeguards, changing rooms and safe ways in and out of the water cost money. The council should say where that money will come from before it asks residents to get excited.

And it should resist the temptation to hurry. A bathing area that opens in a rush and closes after an illness would set the cause back by a decade. Better to open a year late and stay open. The river has waited long enough; it can wait a little longer for this to be done properly.`,
  },
  {
    headline: 'In praise of the corner shop, the last place that knows your name',
    dek: 'Mr Anand has sold me milk, stamps and advice for fifteen years. I do not know what the street would be without him.',
    dateline: 'Riverton', section: 'opinion', tags: ['Small Business', 'Food'], bylines: ['samuel-whitcombe'], hoursAgo: 250, image: 'market',
    body: `There is a shop at the end of my street that sells milk, bread, newspapers, batteries, birthday cards, light bulbs, a surprising range of spices and, on Thursdays, very good samosas made by the owner's mother.

It is run by Vikram Anand, who has been behind its counter for fifteen years. In that time he has held my spare keys, taken in my parcels, told me my cat was sitting on the roof of number 14 and, on one memorable occasion, lent me twenty dollars because I had left my wallet at home. He did not ask when I would pay it back. I paid it back that afternoon, out of sheer embarrassment.

Shops like Mr Anand's are disappearing. The Chamber of Commerce counted 140 fewer independent grocers in Riverton this year than five years ago. The reasons are easy to list: rents, supermarkets, delivery vans, our own habits.

What is harder to count is what goes with them. A corner shop is a sort of public service that nobody voted for. It is where the old man on his own speaks to someone every day. It is where you find out the street is having a party.

I do not have a policy to offer. I have a suggestion: next time you need milk, walk to the corner. Say hello. Buy a samosa. It is Thursday somewhere.`,
  },
  {
    headline: 'Letters: bridges, bins and the sound of the Old Quarter',
    dek: 'Readers on the Aske Bridge closures, the new bin collection days and a plea for quieter trams.',
    dateline: 'Riverton', section: 'opinion', tags: ['Roads', 'Trams', 'City Council'], credit: 'Letters to the Editor', hoursAgo: 360,
    body: `**Three weekends is too many**

> Your report on the Aske Bridge repairs says the council chose weekends to avoid disrupting commuters. Some of us commute at weekends. I work in a care home on the Eastbank and will now spend an extra hour a day in traffic. Could the council not have worked at night? *Sylvia Hargreaves, Northgate*

**The bin calendar**

> The new collection days came with a leaflet, a website and a phone app. They did not come with anyone checking that the three agreed with each other. On my street, they do not. *Bernard Quist, Millbrook*

**Quiet, please**

> I read with envy that Lisbon is fitting its trams with quieter wheels. The curve at Canal Walk wakes me at ten past six every morning. If Lisbon can do it for trams a century old, surely Riverton can do it for trams built in the 1990s? *Dr Helena Vasquez, Old Quarter*

**A thank-you**

> To the bus driver on the number 12 who waited for my son when he ran for the bus in the rain last week, and then told him to take his time: thank you. He has talked about it ever since. *Name and address supplied*

Letters should be sent to letters@dateline.example and include a full postal address, which will not be published. We may edit letters for length.`,
  },
];
