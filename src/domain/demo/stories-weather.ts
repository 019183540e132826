import type { DemoStory } from './demo.types.ts';

export const WEATHER_STORIES: DemoStory[] = [
  {
    headline: 'Storm warning: gusts of up to 90 km/h expected overnight',
    dek: 'Forecasters say the strongest winds will reach the coast around midnight. Ferries are cancelled and the Aske Bridge may close to high-sided vehicles.',
    dateline: 'Riverton', section: 'weather', tags: ['Storms', 'Roads'], bylines: ['nadia-farrow'], hoursAgo: 6, image: 'storm',
    body: `An amber wind warning is in force for Riverton and the coast from 6 p.m. today until 9 a.m. tomorrow, with gusts of up to 90 kilometres an hour expected on exposed ground and heavy rain at times.

The Riverton Weather Service said the storm, a deep area of low pressure moving in from the west, would bring the strongest winds to Kestrel Bay around midnight before easing towards dawn.

"This is not an exceptional storm, but it is a strong one, and it arrives when the trees are still in full leaf," said the service's duty forecaster, Oliver Grant. "Leaves act like sails. We expect branches down, and some trees."

All evening ferries across the bay have been cancelled. The council said the Aske Bridge could close to high-sided vehicles if gusts exceeded 70 kilometres an hour.

## What to do

The council and the weather service advise residents to:

- bring in or tie down garden furniture, bins and trampolines
- avoid the seafront and the harbour walls while the warning is in force
- check on elderly neighbours, especially if a power cut is possible
- report fallen trees on the council's 24-hour line rather than trying to move them

Rainfall of 20 to 30 millimetres is expected, with more on the hills to the north. The service said it did not expect river flooding but that drains could be overwhelmed in low-lying streets of the Old Quarter.`,
  },
  {
    headline: 'Fog delays ferries for a second morning',
    dek: 'Visibility at the harbour mouth fell below 100 metres. Forecasters expect clearer skies by the weekend.',
    dateline: 'Kestrel Bay', section: 'weather', tags: ['Port of Riverton'], bylines: ['nadia-farrow'], hoursAgo: 55, image: 'coast',
    body: `Thick fog delayed ferries across Kestrel Bay for the second morning running, with visibility at the harbour mouth falling below 100 metres shortly after dawn.

The first three sailings from the Kestrel Point terminal were held for up to 90 minutes, the ferry operator said. Some commuters gave up and took the bus around the bay, a journey of about an hour.

"You can hear the foghorn, and you can hear the gulls, and you cannot see your own hand," said Moira Quinn, who waited at the terminal with a flask of tea. "It is very atmospheric. I would like it to stop."

Forecasters said the fog was caused by warm, moist air moving over the cooler water of the bay, and that it would clear as drier air arrived from the north. The outlook for the weekend is bright, with light winds and highs of around 19 degrees.

The ferry operator said passengers should check its website or the departure boards before setting out, and that tickets for delayed sailings would be valid on any later crossing the same day.`,
  },
  {
    headline: 'Driest spell since 1998 leaves reservoirs at 61 percent',
    dek: 'The water company says there is no need for a hosepipe ban yet, but asks households to cut back.',
    dateline: 'Riverton', section: 'weather', tags: ['Climate', 'Parks'], bylines: ['nadia-farrow'], hoursAgo: 230, image: 'sun',
    body: `The past 30 days have been the driest in Riverton since 1998, with just 4 millimetres of rain recorded at the city weather station against an average of 61 for the time of year.

The city's two reservoirs, in the hills north of Millbrook, are 61 percent full, down from 78 percent a month ago. Riverton Water said that was low but not yet alarming.

"We are not at the point of restrictions, and we hope not to get there," said the company's head of resources, Daniel Whitlock. "But every bucket saved now is a bucket we have later."

The company has asked households to take shorter showers, water gardens in the evening and fix dripping taps. It said it had reduced leakage from its own pipes by 9 percent this year.

Park rangers said the grass in Millbrook Park had turned brown but would recover quickly once rain returned. "Grass is tougher than it looks," one said. "The new trees are what we worry about." Volunteers have been watering 300 saplings planted last winter.`,
  },
  {
    headline: 'How the forecast is made: a night at the Riverton weather station',
    dek: 'Balloons at midnight, a supercomputer in another country and a forecaster who still looks out of the window.',
    dateline: 'Riverton', section: 'weather', tags: ['Climate', 'Storms'], bylines: ['nadia-farrow'], hoursAgo: 500, image: 'storm',
    body: `At a quarter to midnight, on a patch of grass behind a fence on Kestrel Hill, Oliver Grant lets go of a white balloon the size of a small car. It rises quickly into the dark, trailing a box not much bigger than a cigarette packet.

The box is a radiosonde. For the next two hours it will radio back temperature, humidity and pressure as it climbs, and its drift will reveal the winds at every height. Balloons like this go up at the same moment from hundreds of stations around the world, twice a day.

"Everyone thinks the forecast comes from satellites," Grant says. "Satellites are wonderful. But there is still nothing like sending something up through the air and asking it what it feels."

The readings feed computer models run on supercomputers abroad, which produce a forecast for the whole globe. Grant's job is to interpret them for Riverton, where the bay, the hills and the river all bend the weather in ways the models do not always catch.

"The model said sunshine this afternoon," he says, nodding at the window, where rain is running down the glass. "The model has not lived here for thirty years."`,
  },
];
