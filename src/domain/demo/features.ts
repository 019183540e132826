import type { DemoStory } from './demo.types.ts';

/** The long reads: about 1,200 words each, three subheadings, quotes throughout. */
export const FEATURES: DemoStory[] = [
  {
    headline: 'The river that made Riverton: inside the plan to let the city swim in the Aske again',
    dek: 'Sixty years after the last swimming club left the water, the council wants bathing areas on the river within three years. Scientists, swimmers and sceptics explain what it will take.',
    dateline: 'Riverton', section: 'city', tags: ['Parks', 'City Council', 'Health', 'Climate'], bylines: ['mara-ellison', 'nadia-farrow'], hoursAgo: 47, image: 'bridge',
    pullQuote: { text: 'A river people swim in is a river people look after. A river people are afraid of is a river people ignore.', attribution: 'Esther Lund, Aske Swimming Club', afterBlock: 6 },
    body: `At seven o'clock on a cool morning, a dozen people in bright swimming caps are standing on the shingle beach below the old boathouse at Millbrook Reach, looking at the River Aske with an expression somewhere between longing and suspicion.

They are members of the Aske Swimming Club, which was founded in 1894, stopped swimming in the river in 1963 and has spent most of the years since in a municipal pool. This morning they are not swimming either. They are taking samples.

"We fill the bottles, we label them, we put them in the cool box and we take them to the lab," says Esther Lund, 67, the club's secretary, who has organised the sampling every week for four years. "It is not as much fun as swimming. But it is how we get back to swimming."

That goal is now closer than it has been for six decades. Last month, Riverton City Council approved a plan to open two designated bathing areas on the Aske within three years: one here at Millbrook Reach and one on the Eastbank below the Aske Bridge. If it succeeds, Riverton will join a growing list of cities that have reclaimed rivers long written off as too dirty to touch.

## How the river was lost

For most of the city's history, the river was simply where people swam. Photographs from the 1920s show crowds on the Eastbank steps on summer evenings, and the swimming club's annual race from the Aske Bridge to the boathouse drew thousands of spectators.

The decline was gradual, then sudden. As the city grew after the Second World War, its sewers, many of them Victorian, could not cope. Factories upstream discharged dye, tannery waste and worse into the water. By the early 1960s, according to a council report from the time, the river downstream of the city "supported no fish of any kind". In 1963, after several swimmers fell ill following the annual race, the club moved indoors.

"My grandfather swam in the Aske every day of his working life," says Lund. "My father swam in it until he was twenty. I was told that if I fell in, I should go straight to the doctor."

The turnaround began in the 1990s, when the factories closed or cleaned up and the city spent heavily on a new sewage treatment works. Fish returned first, then otters. Kingfishers now nest below the Northgate crossing. Dr Rafael Moreno, a water scientist at the Aske Institute of Marine Science who advises the council, says the river is "unrecognisable" compared with forty years ago.

"On a dry day in summer, the water at Millbrook Reach meets bathing standards comfortably," he says. "The problem is not dry days. The problem is the day after it rains."

## The trouble with rain

The problem Moreno describes is the same one faced by almost every old city that wants to swim in its river. Riverton's older districts have combined sewers, which carry both rainwater from the streets and waste from homes. In heavy rain, they fill up, and to stop sewage backing up into houses, they overflow into the river through 23 storm outlets.

According to the council's own monitoring, those outlets discharged on 41 days last year. After each heavy downpour, levels of bacteria in the water can exceed safe limits for two or three days.

The council's plan, drawn up with the Aske Institute and Riverton Water, has three parts:

1. Daily water testing at both bathing areas, with results posted on boards at the water's edge and online by 9 a.m.
2. A "rain rule": bathing areas close automatically for 48 hours after more than 10 millimetres of rain, unless testing shows the water is safe
3. A ten-year programme to build storage tanks under the Old Quarter and Millbrook, which would cut overflows by an estimated two-thirds

The tanks are the expensive part, at an estimated 210 million dollars, and they are not yet paid for. Riverton Water says it will fund about half from its investment programme. The rest depends on national grants that have not been awarded.

> We are being honest that the first few summers will involve closures. If you want to swim every day from the day it opens, you will be disappointed. If you want to swim on most fine days, we think we can give you that.

That is Councillor Ruth Adeyemi, who chairs the council's environment committee and has championed the plan. She says the rain rule is "non-negotiable". "If one child gets ill because we kept a beach open to look good, the whole project is finished," she says.

![Waves rolling towards the shore with a small boat](image:@coast "Water samples from the Aske are tested at the Aske Institute's laboratory on Kestrel Bay.")

Not everyone is convinced. Harold Benning, who has run a rowing business on the river for thirty years, worries about swimmers and boats sharing a busy stretch of water. "The river is not a swimming pool," he says. "It has currents, it has cold, and it has boats. I have pulled people out of it who thought it was a pond." The council says each bathing area will be marked with buoys, staffed by lifeguards in season and kept away from the main rowing channel.

Others question the cost. In a letter to this newspaper, a reader from Northgate asked why the council was "spending millions on a beach for a few hundred enthusiasts" when the Foundry Street pool remains closed. Adeyemi argues the two are not in competition: most of the money goes on storage tanks that the city would need anyway to meet environmental rules. "The bathing areas are the reason people care about the tanks," she says. "That is not a bad thing."

## What happens next

The first step is a formal application to designate the two sites as official bathing waters, which would require the authorities to test them and publish the results. The council expects to submit it next spring. Work on changing rooms at Millbrook Reach, in the old boathouse, could start the following year.

In the meantime, the swimming club will keep taking samples. Its volunteers have collected more than 1,400 bottles since they started, and their data were cited in the council's report. Dr Moreno says the volunteer readings closely match the institute's own. "They are better organised than some research teams I have worked with," he says.

At Millbrook Reach, the sampling is done. Lund packs the cool box into the boot of her car and looks back at the water, which is flat and grey and, today, perfectly safe by every measure the lab will later report.

Does she ever swim in it anyway?

She laughs. "I am the secretary of the club," she says. "I could not possibly comment." Then, after a pause: "It is very cold. It is also the best swim in the world."`,
  },
  {
    headline: "What the seagrass knows: a year with the scientists counting Kestrel Bay's underwater meadows",
    dek: 'The meadows store carbon, shelter young fish and calm the waves. A small team from the Aske Institute is mapping every square metre to find out whether they are growing or dying.',
    dateline: 'Kestrel Bay', section: 'science', tags: ['Oceans', 'Climate'], bylines: ['priya-natarajan'], hoursAgo: 160, image: 'coast',
    body: `The boat stops over what looks like nothing at all: a patch of green-grey water a few hundred metres off the beach at Saltings Point, with the cranes of the Port of Riverton just visible across the bay. Dr Ines Okonkwo pulls on her mask, sits on the side of the boat and tips backwards into the sea.

When she surfaces two minutes later, she is holding a square of white plastic piping, a metre on each side, and she is grinning. "It is still there," she says. "And I think it is thicker than last year."

"It" is seagrass: a flowering plant, not a seaweed, which grows in dense meadows on sandy seabeds in shallow water. Kestrel Bay has about 340 hectares of it, according to the Aske Institute of Marine Science, where Okonkwo leads a team of four scientists and a rotating crew of students and volunteers. For the past three years, they have been trying to answer a deceptively simple question: is the bay's seagrass growing or shrinking?

## Why a plant matters

To most people who visit the bay, seagrass is at best invisible and at worst the slimy stuff that wraps around your ankles when you paddle. To marine scientists, it is one of the most valuable habitats on the coast.

"Seagrass meadows are nurseries," Okonkwo explains back on the boat, rinsing her mask. "Young cod, pollock, plaice, cuttlefish, seahorses: they all use the meadow for shelter when they are small. Take away the meadow, and a couple of years later the fishermen notice."

Seagrass also stores carbon, locking it into the sediment beneath the meadow where it can remain for centuries. Studies elsewhere suggest a hectare of healthy seagrass can bury carbon many times faster than a hectare of forest, although estimates vary widely. The roots bind the sand and the leaves slow the waves, which helps protect the shore from erosion during storms.

> If you designed a habitat to do everything a coastal city needs, you would design something like seagrass. And then you would be upset to learn that we lost most of it.

That is Dr Rafael Moreno, the institute's director, who estimates that the bay held three times as much seagrass a century ago as it does now. Dredging for the port, pollution from the city and a disease that swept through meadows across the region in the 1930s all took their toll. "We do not have good maps from before the 1980s," he says. "We have fishermen's memories, and old photographs, and they tell a sad story."

## Counting, square by square

Mapping an underwater meadow is slow work. The team uses three methods, each checking the others. A drone flies over the bay on calm days at low tide, photographing the meadows from above. A small boat tows an underwater camera along fixed lines. And divers like Okonkwo drop their white plastic squares, called quadrats, at 120 fixed points, counting shoots and measuring the length of leaves by hand.

"The drone gives us the big picture, but it cannot tell dense grass from sparse grass, or grass from seaweed on a cloudy day," says Tomasz Wren, a doctoral student who built the team's mapping software. "The divers tell us what is actually there. It is like comparing a satellite picture of a forest with someone walking through it counting trees."

![A molecular model and a magnifying lens](image:@lab "Sediment cores from the meadows are analysed for stored carbon at the institute's laboratory.")

The results so far are cautiously encouraging. The team's latest report, published this month, finds that the total area of seagrass in the bay grew by about 6 percent over three years, with the biggest gains in the sheltered water around Saltings Point. The density of shoots at the fixed points rose by about a tenth.

The picture is not uniform. Near the harbour mouth, where boats anchor and propellers churn the seabed, the meadows have shrunk. "Every anchor that is dropped on a meadow and dragged out again rips out a patch of grass," Okonkwo says. "Do that a few hundred times a summer and you get a meadow full of holes."

The institute now runs a volunteer programme with the bay's sailing clubs. Members are given maps of the meadows and asked to use fixed moorings instead. Forty-one boats signed up last year.

Water quality matters too. Seagrass needs light, and murky water, clouded by sediment or by algae fed by fertiliser run-off, can starve it. Moreno credits cleaner water from the river and the city's improved sewage treatment for some of the recent recovery. "It is no accident that the meadows are doing best where the water is clearest," he says.

## Planting a meadow

The team is not content only to count. For the past two summers, volunteers have collected seagrass seeds from healthy meadows by hand, sorting them from the flowering shoots in tanks at the institute, and then sown them in hessian bags on patches of bare seabed.

The first bags, planted two years ago, have produced shoots in about a third of cases, a success rate Okonkwo calls "not bad for a first try". The team is experimenting with different bag designs and planting depths.

- Bags planted in spring did better than those planted in autumn
- Bags in water deeper than four metres mostly failed, probably for lack of light
- Bags placed next to existing meadows did best of all

"Seagrass likes company," Okonkwo says. "A new patch next to an old one is protected from the waves and gets seeds from its neighbour. A new patch on its own is fighting alone."

Local schools have joined the project, with pupils sorting seeds in the institute's lab. Ewan Fraser, who has fished the bay for 35 years, takes volunteers out on his boat on planting days. "When I was a boy, my father told me to stay away from the grass because it tangled the nets," he says. "Now I am planting it. He would think I had gone mad."

Back on the boat off Saltings Point, the last quadrat of the day is hauled aboard. Okonkwo reads out the shoot count to Wren, who types it into a waterproof tablet. The number is higher than last year's.

"One point is not a trend," she warns, immediately. "Ask me again in ten years." Then she looks down at the water, where the grass is just visible, swaying in the tide. "But it is a good day," she says.`,
  },
];
