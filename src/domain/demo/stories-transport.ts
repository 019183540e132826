import type { DemoStory } from './demo.types.ts';

export const TRANSPORT_STORIES: DemoStory[] = [
  {
    headline: 'Blue Line trams to run every five minutes from next month',
    dek: 'The busiest tram line in the city gets six more trams and a longer evening service, but the Harbour Road stop closes for a rebuild.',
    dateline: 'Riverton', section: 'transport', tags: ['Trams', 'City Council'], bylines: ['tomas-reyes'], hoursAgo: 20, image: 'tram',
    body: `Trams on the Blue Line will run every five minutes at peak times from the start of next month, the Riverton Transit Authority said on Tuesday, the biggest increase in service since the line opened in 1996.

Six new trams, delivered over the summer, have finished testing and will enter service in the first week. The authority said the change would add room for about 4,000 more passengers an hour in each direction.

"For years we have asked people to leave the car at home and then squeezed them into a tram like sardines," said Lena Marsh, the authority's director of operations. "This is the first step in keeping our side of that bargain."

## What changes

According to the authority's timetable notice:

1. Trams every five minutes from 7 a.m. to 10 a.m. and from 4 p.m. to 7 p.m. on weekdays, up from every eight
2. Trams every ten minutes until midnight, seven days a week, instead of every fifteen after 9 p.m.
3. The Harbour Road stop closes for twelve weeks to be rebuilt with a longer platform; a shuttle bus will replace it
4. The first tram on Sundays leaves the Northgate depot at 6.30 a.m., an hour earlier than now

![A tram at a platform with passengers waiting](image:@tram "The new trams have wider doors and room for eight bicycles.")

Passenger groups welcomed the change but said reliability mattered as much as frequency. "A tram every five minutes is wonderful if it comes," said Dev Chandra of the Riverton Passengers' Forum. "Last winter, one in ten did not."

The authority said the new trams were less likely to break down in cold weather and that it had hired 14 more maintenance staff.`,
  },
  {
    headline: 'Aske Bridge to close to cars for three weekends of repairs',
    dek: 'Pedestrians, cyclists and buses can still cross. Drivers face diversions of up to 25 minutes via the Northgate crossing.',
    dateline: 'Riverton', section: 'transport', tags: ['Roads', 'Cycling'], bylines: ['tomas-reyes'], hoursAgo: 95, image: 'bridge',
    body: `The Aske Bridge will close to cars and lorries for three weekends from the end of the month while engineers replace expansion joints that have worn faster than expected.

The bridge carries about 38,000 vehicles on a typical weekend day. Buses, bicycles and pedestrians will still be able to cross in a single lane on the downstream side.

"The joints are the parts that let the bridge move as it warms and cools," said Ayesha Rahman, the council's chief bridge engineer. "If we leave them, the damage spreads to the deck, and then we are talking about months, not weekends."

Drivers heading between the Old Quarter and the Eastbank will be sent north over the Northgate crossing. The council's traffic model suggests that will add between 10 and 25 minutes to a journey on a Saturday afternoon.

Traders on the Eastbank said the timing could have been better. "Three weekends is three of our busiest days, three times," said Roberto Salas, who runs a furniture shop near the bridge. The council said it had chosen weekends to avoid disruption to commuters and school buses.

Bike-share docks on both sides of the bridge will be doubled in size during the closures.`,
  },
  {
    headline: 'Bike-share scheme passes one million rides in its third year',
    dek: 'Most journeys are under 15 minutes, and the busiest dock is outside the central station.',
    dateline: 'Riverton', section: 'transport', tags: ['Cycling'], bylines: ['tomas-reyes'], hoursAgo: 260,
    body: `Riverton's bike-share scheme recorded its millionth ride on Sunday, a little under three years after the first 300 bicycles were wheeled into their docks.

The scheme now has 1,150 bicycles, a third of them electric, at 96 docks across the city. Figures published by its operator, CityCycle Riverton, show that the average ride lasts 13 minutes and that the busiest dock is the one outside the central station, followed by the university library.

The millionth ride was taken by Joanna Pereira, a nurse, on her way home from a night shift at St Brendan's Hospital. "I got a text telling me I had won a year of free rides," she said. "I thought it was a scam."

Cycling campaigners said the scheme had changed who rides a bike in Riverton. "You see people in suits, people in scrubs, teenagers, grandparents," said Marcus Flint of the Riverton Cycling Campaign. "That was not true five years ago."

The operator said it would add 20 docks in the north of the city next year, where coverage is thinnest.`,
  },
  {
    headline: 'Harbour Line extension: what the consultation found',
    dek: 'Four in five people who responded want the tram extended to Kestrel Bay. They disagree, strongly, about the route.',
    dateline: 'Riverton', section: 'transport', tags: ['Trams', 'Port of Riverton', 'City Council'], bylines: ['tomas-reyes'], hoursAgo: 420, image: 'coast',
    body: `The transit authority has published the results of its consultation on extending the Harbour Line tram to Kestrel Bay. More than 9,300 people responded, a record for any transport consultation in the city.

The headline figure is clear: 81 percent support an extension in principle. The detail is messier. The authority offered two routes, and respondents split almost evenly between them.

- **Route A** runs along the seafront road. It is cheaper, at an estimated 140 million dollars, and faster to build, but would remove 300 parking spaces and a row of trees.
- **Route B** runs inland through the Saltings housing estate. It costs about 190 million dollars but would put 11,000 more homes within a ten-minute walk of a stop.

"People love the sea view from Route A, and they love the idea that Route B serves people who actually need it," said the authority's planning lead, Graham Oduya. "Both of those things are true."

Residents of the Saltings were among the strongest supporters of Route B. "We are the ones without cars," one wrote, according to the consultation report. "The seafront already has a bus every six minutes."

The authority's board will choose a route in the spring. Construction would start no earlier than two years after that.`,
  },
  {
    headline: 'Green Line timetable changes take effect today',
    dek: 'Earlier first trams, a new stop at the hospital and fewer trams late on Sundays. Here is what changes on your journey.',
    dateline: 'Riverton', section: 'transport', tags: ['Trams', 'Health'], bylines: ['tomas-reyes'], hoursAgo: -5, image: 'tram',
    body: `The Green Line's new timetable comes into force today, bringing earlier services on weekdays and a new stop outside St Brendan's Hospital.

The first tram from Millbrook now leaves at 5.20 a.m., forty minutes earlier than before, which the transit authority said was requested by hospital and bakery staff who start work at six. The new hospital stop, between Foundry Street and Canal Walk, opens at the same time.

"For a nurse starting at six, the old first tram was simply useless," said Lena Marsh, the authority's director of operations. "Now it gets her there with ten minutes to spare."

Late on Sundays, trams will run every twenty minutes after 10 p.m. instead of every fifteen. The authority said passenger numbers at that time were the lowest on the network and that the savings would pay for the earlier weekday trams.

Printed timetables are available at every stop and at the central station travel shop.`,
  },
];
