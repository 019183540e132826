import type { DemoStory } from './demo.types.ts';

export const SCIENCE_STORIES: DemoStory[] = [
  {
    headline: "University telescope captures comet's tail in rare detail",
    dek: 'Images from the Kestrel Hill observatory show the tail splitting in two, something astronomers had predicted but few had seen.',
    dateline: 'Riverton', section: 'science', tags: ['Space', 'Education'], bylines: ['priya-natarajan'], hoursAgo: 36, image: 'skyline-night',
    body: `Astronomers at Riverton University's Kestrel Hill observatory have captured images of a passing comet whose tail appears to split in two, a rare sight that they say supports a theory about how such tails form.

The images, taken over three clear nights this week, show a bright, straight tail of gas pointing directly away from the sun, and a fainter, curved tail of dust bending away from it.

"Textbooks have drawn it this way for fifty years," said Dr Imogen Farley, who leads the observatory. "It is something else to see it on your own screen at two in the morning, with the coffee going cold."

The gas tail glows because it is ionised by the sun's ultraviolet light and pushed outward by the solar wind, Farley explained. The dust is heavier, lags behind and curves along the comet's orbit.

The observatory's 60-centimetre telescope, installed in 1974, was fitted with a new camera last year, paid for by a public appeal that raised 210,000 dollars.

The comet is expected to remain visible through binoculars from dark sites for about another week, low in the western sky after sunset. The observatory will hold open evenings on the next two clear Fridays.`,
  },
  {
    headline: 'Bay water warmer than at any time in 40 years of records, study finds',
    dek: 'Aske Institute scientists say the average temperature in Kestrel Bay has risen by 1.3 degrees since 1985.',
    dateline: 'Kestrel Bay', section: 'science', tags: ['Oceans', 'Climate'], bylines: ['priya-natarajan', 'nadia-farrow'], hoursAgo: 100, image: 'coast',
    body: `The waters of Kestrel Bay are warmer than at any point in four decades of measurement, according to a study published on Thursday by the Aske Institute of Marine Science.

The institute has measured the temperature of the bay every day since 1985 from a buoy moored two kilometres offshore. Its data show that the average annual temperature has risen by 1.3 degrees over that period, with eight of the ten warmest years occurring in the past decade.

"A degree does not sound like much if you are standing on the beach," said Dr Rafael Moreno, the study's lead author. "If you are a fish that evolved for a particular range of temperatures, it is a different world."

The study also found that the bay's warmest days now arrive about three weeks earlier in the year than in the 1980s.

![A molecular model and a magnifying lens](image:@lab "Instruments from the institute's buoy are recalibrated in its laboratory every three months.")

Fishermen in the bay said they had noticed the change. "We catch species now that my father never saw here," said Ewan Fraser, who has fished out of Kestrel Bay for 35 years.

The institute said it would add three more buoys next year to measure temperatures at different depths.`,
  },
  {
    headline: 'Short walks soon after surgery speed recovery, hospital trial finds',
    dek: 'Patients who walked within six hours of their operation went home a day earlier on average.',
    dateline: 'Riverton', section: 'science', tags: ['Health'], bylines: ['priya-natarajan'], hoursAgo: 270, image: 'lab',
    body: `Patients who were helped to walk within six hours of abdominal surgery left hospital about a day earlier than those who stayed in bed, according to a trial at St Brendan's Hospital.

The trial, which involved 480 patients over two years, was published this week. Half were encouraged to walk a few steps, with a nurse or physiotherapist, on the day of their operation. The other half followed the hospital's previous routine, which was to stay in bed until the following morning.

Patients in the early-walking group spent an average of 4.1 days in hospital, against 5.2 in the other group. They also reported less pain and had fewer chest infections.

"It sounds almost too simple," said Dr Anjali Rao, the surgeon who led the trial. "But lying still is not neutral. Your lungs, your gut and your muscles all start to suffer surprisingly quickly."

The hospital has made early walking its standard practice for suitable patients. Rao said the next step was a trial in older patients, who were under-represented in the first study.`,
  },
  {
    headline: 'Students launch weather balloon to 31 kilometres and get it back',
    dek: 'A camera on board captured the curve of the Earth before the balloon burst and parachuted into a farmer’s field.',
    dateline: 'Riverton', section: 'science', tags: ['Education', 'Space'], bylines: ['priya-natarajan'], hoursAgo: 440,
    body: `A group of sixth-form students from Eastbank College launched a weather balloon to an altitude of 31 kilometres last weekend and recovered it, camera intact, from a field 70 kilometres away.

The eight students spent six months building the payload, a foam box containing a camera, a GPS tracker, a temperature sensor and a hand warmer to keep the batteries from freezing. At its highest point, the sensor recorded minus 52 degrees.

"We were most worried about finding it again," said Priyanka Dasgupta, 17, who wrote the tracking software. "We had a plan for if it landed in a lake. We did not have a plan for cows."

The box landed in a pasture near the village of Ashcombe, where the farmer, Tom Hale, helped the students retrieve it. "They were very polite, and they explained the whole thing to me," he said. "I still do not understand how the balloon knows when to pop."

The balloon expands as air pressure falls with altitude, until its rubber skin can stretch no further, the students' physics teacher explained. The footage will be shown at the college's open evening.`,
  },
];
