import type { DemoStory } from './demo.types.ts';

export const SPORT_STORIES: DemoStory[] = [
  {
    headline: 'Athletic snatch late winner against Eastmoor Rovers in derby thriller',
    dek: 'Substitute Kofi Mensah scored in the 94th minute to lift Riverton Athletic into the top four.',
    dateline: 'Riverton', section: 'football', tags: ['Riverton Athletic'], bylines: ['daniel-okafor'], hoursAgo: 14, image: 'stadium',
    pullQuote: { text: 'I have dreamed about that goal since I was six years old. In the dream, it was not with my knee.', attribution: 'Kofi Mensah', afterBlock: 3 },
    body: `Kofi Mensah had been on the pitch for four minutes when the ball fell to him six yards out. He did not so much shoot as fall over it, but the ball crossed the line, Kestrel Park erupted, and Riverton Athletic had beaten Eastmoor Rovers 2-1 in the 94th minute.

The win lifts Athletic into fourth place in the Northern League, two points clear of Rovers, with eleven matches left.

"It was not the prettiest goal I will ever score," Mensah, 19, said afterwards, still wearing his boots in the tunnel. "But they all count the same."

## A derby of two halves

Rovers were the better side before the break and led through Callum Reid's header from a corner in the 28th minute. Athletic's captain, Jonah Pell, levelled shortly after half-time with a low shot from the edge of the area that skidded under the goalkeeper.

Athletic's manager, Siobhan Kerr, said she had told her players at half-time to "stop watching and start playing". Her team had 64 percent of possession in the second half and hit the post twice before Mensah's winner.

The Rovers manager, Martin Cole, was gracious in defeat. "We defended for 93 minutes and then we stopped for one," he said. "That is football, and that is a derby."

The crowd of 23,412 was the largest at Kestrel Park for six years.`,
  },
  {
    headline: 'Athletic captain Jonah Pell signs two-year contract extension',
    dek: 'The 31-year-old midfielder, who joined from the youth team at 16, will stay at Kestrel Park until he is 33.',
    dateline: 'Riverton', section: 'football', tags: ['Riverton Athletic'], bylines: ['daniel-okafor'], hoursAgo: 130, image: 'stadium',
    body: `Jonah Pell, the Riverton Athletic captain, has signed a two-year contract extension, the club announced on Friday, ending speculation that he would leave for a bigger club in the summer.

Pell, 31, joined Athletic's youth team at 11 and made his first-team debut at 16. He has made 388 appearances for the club, putting him eleventh on its all-time list.

"I had other offers, and I thought about them for about a day," Pell told The Dateline Daily. "Then I drove past the ground and I knew."

Manager Siobhan Kerr called him "the standard every young player in this building is measured against". The club said the extension included a role coaching the under-16 team once he retires.

Pell has been an ever-present this season, missing only one league match, through suspension. He has scored six goals from midfield, his best return in five years.

"People ask about my legs," he said. "My legs are fine. It is my knees that complain, and they complain less when we win."

Supporters' groups welcomed the news. Pell's shirt is the club's best-selling this season, a spokesperson said.`,
  },
  {
    headline: 'Eastmoor Rovers name former youth coach as manager',
    dek: 'Hannah Price, 38, becomes the youngest manager in the Northern League.',
    dateline: 'Eastmoor', section: 'football', tags: ['Riverton Athletic'], credit: 'Northern Press Agency', hoursAgo: 290,
    body: `Eastmoor Rovers have appointed Hannah Price, the club's former head of youth coaching, as first-team manager on a three-year contract.

Price, 38, becomes the youngest manager in the Northern League. She replaces Martin Cole, who has moved to a director of football role at the club after four seasons in charge.

"I know this club from the bottom up," Price said. "Half of the players in this dressing room, I coached when they were teenagers. Now I get to coach them again."

Rovers' chairman, Graham Whitley, said the board had interviewed six candidates and that Price's plans for the first team were "the clearest and the boldest".

Her first match in charge is at home to Kingsmoor Town. Rovers are sixth in the league.

Price spent nine years in charge of the club's academy, during which eleven players made their first-team debuts. Before that she played more than 200 matches as a defender for Eastmoor Ladies, captaining them to two league titles.

Supporters' groups welcomed the appointment. "She knows the club, she knows the players and she knows what the fans expect," said Liam Barker of the Rovers Supporters' Trust. "And she was the only candidate who came to watch the under-12s play on a wet Tuesday night."`,
  },
  {
    headline: 'Herons reach basketball play-off semi-finals for first time in a decade',
    dek: 'A 94-88 win over the Harbour City Gulls sets up a best-of-three series against the league leaders.',
    dateline: 'Riverton', section: 'sport', tags: ['Basketball'], bylines: ['daniel-okafor'], hoursAgo: 70,
    body: `The Riverton Herons reached the semi-finals of the national basketball play-offs for the first time in ten years on Saturday, beating the Harbour City Gulls 94-88 in a deciding third game at the Foundry Arena.

Guard Tamsin Oyelaran scored 31 points, including four three-pointers in the final quarter, as the Herons came from nine points behind.

"At the last time-out, coach said, 'Somebody has to want the ball,'" Oyelaran said. "I wanted the ball."

The Herons, who finished fifth in the regular season, now face the league leaders, the Ashford Falcons, in a best-of-three series. The first game is in Ashford.

The Foundry Arena sold out for the first time this season. Head coach Ray Delgado said the crowd had "carried us through the third quarter, when our legs had gone".

The Falcons beat the Herons twice in the regular season, by 11 and 4 points. Delgado said his side had nothing to fear. "They are the best team in the league, and they have earned that," he said. "But a series is three games, and anything can happen in three games. Tonight proved it."

Tickets for the home game, if the series goes to a second match, go on sale on Monday.`,
  },
  {
    headline: 'Riverton Half Marathon: 9,000 runners and a course record',
    dek: 'Amira Haddad broke the women’s record by 41 seconds, while a 91-year-old finished to the loudest cheer of the day.',
    dateline: 'Riverton', section: 'sport', tags: ['Athletics', 'Parks'], bylines: ['daniel-okafor'], hoursAgo: 240, image: 'park',
    body: `More than 9,000 runners took part in the Riverton Half Marathon on Sunday, the largest field in the race's 38-year history, and the women's course record fell for the first time since 2011.

Amira Haddad, a 27-year-old physiotherapist from the Eastbank, won the women's race in 1 hour 9 minutes 52 seconds, 41 seconds inside the old record. The men's race was won by Luca Ferraro in 1:03:17.

"I saw the clock at ten miles and thought, 'That can't be right,'" Haddad said. "Then I thought, 'Well, if it is, I'd better keep going.'"

But the biggest cheer of the day was for Walter Pryce, 91, who finished in 2:58:40, walking the final hill arm in arm with his granddaughter. It was his 30th Riverton Half.

Organisers said they had raised about 1.1 million dollars for local charities. The route, which starts and finishes in Millbrook Park, will be unchanged next year.`,
  },
  {
    headline: 'University crews take both titles at the Aske regatta',
    dek: 'Riverton University’s eights beat the city rowing club in front of thousands lining the riverbank.',
    dateline: 'Riverton', section: 'sport', tags: ['Education'], bylines: ['daniel-okafor'], hoursAgo: 380, image: 'bridge',
    body: `Riverton University won both the men's and women's eights at the annual Aske regatta on Saturday, the first time in nine years that the students have taken both titles from the Riverton Rowing Club.

The women's crew won by a length and a half. The men's race was far closer: the university crew crossed the line under the Aske Bridge less than a second ahead, and the result was confirmed only after the judges studied the finish photograph.

"I could not tell who had won," said the university's stroke, Elias Moreau. "I just heard our coach screaming, and I decided to believe it was good news."

Thousands of spectators lined both banks. The regatta, first held in 1888, is the oldest sporting event in the city's calendar.

The city club's captain, Freya Lindholm, was gracious in defeat. "They were better today, and they will be insufferable about it all year," she said. "We will see them on the water again in the spring."

The regatta also included races for juniors, veterans and, for the first time, adaptive rowers, whose event was won by a mixed crew from the Riverton Rowing Club.`,
  },
];
