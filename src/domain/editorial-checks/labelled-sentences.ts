import type { RuleId } from './editorial-checks.types.ts';

/**
 * Neutral demo copy (council, weather, sport, science, culture), written for
 * this set and labelled with the body rules that *should* fire, before the
 * rules were tuned. Each entry is one story body: one or more paragraphs.
 * `dateline` sets the dateline field (default `Springfield`).
 */
export interface LabelledStory {
  paragraphs: string[];
  expect: RuleId[];
  dateline?: string;
}

const s = (paragraphs: string | string[], expect: RuleId[] = [], dateline?: string): LabelledStory => ({
  paragraphs: typeof paragraphs === 'string' ? [paragraphs] : paragraphs,
  expect,
  ...(dateline !== undefined ? { dateline } : {}),
});

export const LABELLED_STORIES: readonly LabelledStory[] = [
  // Council
  s('The city council approved the budget on Tuesday by a vote of seven to two.'),
  s('The new library will open in March, according to the council.'),
  s('The new library will open in March, according to.', ['dangling-attribution']),
  s('Parking fees will rise next year, according to figures released by the transport office.'),
  s('Parking fees will rise next year, according to', ['dangling-attribution']),
  s('“We have listened to residents,” the mayor said after the vote.'),
  s('“We have listened to residents and we will keep listening.”', ['quote-without-speaker']),
  s(['“We have listened to residents and we will keep listening.”', 'The mayor said the budget reflected months of consultation.']),
  s('Councillor Ruth Okafor said: “This is a good day for the east side.”'),
  s('“This is a good day for the east side,” said Councillor Ruth Okafor. “We waited ten years.”'),
  s('“This is a good day for the east side, said Councillor Ruth Okafor.', ['unbalanced-quotes']),
  s('The vote followed a two-hour debate, said.', ['dangling-attribution']),
  s('The plan includes “pocket parks” on empty lots.'),
  s('Residents called the bus lane a “necessary nuisance” at the hearing.'),
  s('The clerk read the motion twice before the vote was taken.'),
  s(
    [
      '“The roads are the first thing people notice,” said Deputy Mayor Tom Hale. “They notice when they are fixed, and they notice when they are not.',
      '“We plan to resurface forty streets this summer.”',
    ],
  ),
  s(['“The roads are the first thing people notice.', 'The council will vote again in June.'], ['unbalanced-quotes', 'quote-without-speaker']),
  s('The council, according to minutes of the meeting, discussed the matter for an hour.'),
  s('According to the city engineer, the bridge is safe for traffic.'),
  s('The bridge is safe for traffic, according to the.', ['dangling-attribution']),
  s('SPRINGFIELD – The council approved the budget on Tuesday.', ['dateline-form']),
  s('SPRINGFIELD (Civic Wire) — The council approved the budget on Tuesday.', ['dateline-form']),
  s('Springfield – The council approved the budget on Tuesday.', ['dateline-form']),
  s('Rain – and a great deal of it – fell on the parade route.'),
  s('The budget passed.', ['dateline-form'], 'Springfield –'),
  s('The budget passed.', ['dateline-form'], 'Springfield, June 4'),
  s('The budget passed.', [], 'Springfield, Illinois'),
  s('The budget passed.', [], 'WASHINGTON'),
  s('The budget passed.', ['dateline-form'], ''),
  s('The budget passed.', ['dateline-form'], 'Springfield:'),
  s('Councillor Anne Lewis and Councillor Anna Berg voted against the measure.'),
  s('Councillor Maria Ortiz and her sister Mariam Ortiz both spoke at the hearing.'),
  // Weather
  s('Forecasters expect up to 12 centimetres of snow overnight, according to the national weather service.'),
  s('Forecasters expect up to 12 centimetres of snow overnight.'),
  s('A 6\'2" snowman built by pupils at Hill Street School survived the thaw.'),
  s('The storm dropped 3" of rain in an hour, the weather service said.'),
  s('“It was the wettest April on record,” said the meteorologist Dana Cole.'),
  s('“It was the wettest April on record,” the meteorologist noted.'),
  s('“It was the wettest April on record.” Dana Cole, a meteorologist, said the river crested at noon.'),
  s('“It was the wettest April on record,” a meteorologist said. “Nobody expected this much.', ['unbalanced-quotes']),
  s('Temperatures will fall below freezing tonight, according to.', ['dangling-attribution']),
  s('Temperatures will fall below freezing tonight, according to forecasters.'),
  s('The “heat dome” is expected to last through the weekend.'),
  s('“Drink water and stay in the shade during the afternoon.”', ['quote-without-speaker']),
  s(['Health officials issued advice for the heatwave:', '“Drink water and stay in the shade during the afternoon.”']),
  s('The hurricane, named Ines, weakened over land; according to, the coast was spared.', ['dangling-attribution']),
  // Sport
  s('Mohamed Salah scored twice as the visitors won 3-1.'),
  s('Mohamed Salah scored twice. Later, Mohammed Salah was substituted.', ['name-spelled-two-ways']),
  s('The coach said the team “played with heart” in the second half.'),
  s('“We played with heart and we deserved the win,” the coach said.'),
  s('“We played with heart and we deserved the win,” the coach said.”', ['unbalanced-quotes']),
  s('“We played with heart and we deserved the win.', ['unbalanced-quotes', 'quote-without-speaker']),
  s('The goalkeeper made nine saves, according to match statistics.'),
  s('Khabib Nurmagomedov watched from the front row as Nurmagomedov’s cousin won.'),
  s('The striker, who joined from Porto in January, has scored eleven goals.'),
  s('“I just kept running and the ball found me,” said the striker, who is nineteen.'),
  s(['“I just kept running and the ball found me.”', '“She has been like that since she was eight,” her father said.']),
  s('Fans sang "You will never walk alone" as the players left the pitch.'),
  s('The referee, according to the league, will face a review.'),
  s('Kassem Ibrahim and Qassem Ibrahim are listed twice in the programme, an error the club corrected.', ['name-spelled-two-ways']),
  s('Hamad Khalil beat Hamas Khalil in the final round of the chess open.'),
  s('The runner from Gaza and the runner from Giza finished together.'),
  s('"The season is long and we are only halfway there," the captain said.'),
  s('"The season is long and we are only halfway there, the captain said.', ['unbalanced-quotes']),
  s('The season is long and we are only halfway there," the captain said.', ['unbalanced-quotes']),
  // Science
  s('The telescope recorded the flare at 02:14, according to the observatory.'),
  s('The findings, published in the journal “Marine Ecology Progress Series”, suggest reefs recover faster than expected.'),
  s('“The reef came back in four years, not ten, as we had predicted,” said the lead author, Priya Raman.'),
  s('“The reef came back in four years, not ten, as we had predicted.”', ['quote-without-speaker']),
  s('The sample was stored at minus 80 degrees, according to lab records.'),
  s('The periodic table, devised by Mendeleev, was later extended; Mendeleyev himself predicted gallium.', ['name-spelled-two-ways']),
  s('Researchers described the compound as “remarkably stable” in tests.'),
  s('The probe will reach the asteroid in 2031, according to', ['dangling-attribution']),
  s('The probe will reach the asteroid in 2031, the space agency said.'),
  s('The probe will reach the asteroid in 2031, said.', ['dangling-attribution']),
  s(['The team wrote in its report:', '“Further sampling is needed before any conclusion can be drawn.”']),
  s('Dr Lena Fischer told reporters the results were “encouraging but early”.'),
  s('The study followed 4,000 adults for a decade, according to its authors.'),
  s('The study followed 4,000 adults for a decade. “It is the largest study of its kind,” Fischer said.'),
  // Culture
  s('The orchestra played Tchaikovsky in the first half and Chaikovsky’s rarely heard suite after the interval.', ['name-spelled-two-ways']),
  s('The orchestra played Tchaikovsky and Rachmaninoff to a full house.'),
  s('The festival opens with “The Long Night Home”, a film shot in the valley.'),
  s('The novel “A House Above the River” won the regional prize.'),
  s('The director called the film “a love letter to small towns and the people who stay”.'),
  s('“A love letter to small towns,” the director said of the film.'),
  s('The exhibition of Dostoevsky manuscripts moves to the city museum; a Dostoyevsky reading follows.', ['name-spelled-two-ways']),
  s('The choir sang works by Arvo Pärt and Sergei Rachmaninoff.'),
  s('Sergei Prokofiev’s ballet returns; Sergey Prokofiev wrote it in 1935.', ['name-spelled-two-ways']),
  s('The museum will close for repairs, according to a notice on its door.'),
  s('The museum will close for repairs, according to a notice on its door.”', ['unbalanced-quotes']),
  s('Tickets cost 15 euros, according to the box office; concessions are cheaper.'),
  s('The singer Youssef Amin, also billed as Yusuf Amin, closes the festival.', ['name-spelled-two-ways']),
  s('The poet read from her new collection, “Salt and Small Weather”.'),
  s('“I wrote most of it on the train between two jobs,” she said, “and some of it in the rain.”'),
  s('“I wrote most of it on the train between two jobs.” The poet laughed.'),
  s(['The poet was asked where she wrote the collection.', '“Mostly on the train between two jobs,” she replied.']),
  s('Karim Haddad and Kazim Haddad, brothers, run the bakery on Elm Street.'),
  s('The bakery owner, Malik Haddad, thanked the Maliki family for the loan of the ovens.'),
];

/**
 * Written and labelled after the rules above were tuned, and not used for
 * tuning: the honest estimate of how the rules do on copy they have not seen.
 */
export const LABELLED_HOLDOUT: readonly LabelledStory[] = [
  s('The school board voted to extend the lunch break, according to a district spokesperson.'),
  s('The school board voted to extend the lunch break, according to a.', ['dangling-attribution']),
  s('“Children need time to eat and time to play,” the superintendent told the board.'),
  s('“Children need time to eat and time to play.” The board agreed without a vote.', ['quote-without-speaker']),
  s(['Parents filled the hall.', '“We asked for this three years ago,” one mother said.']),
  s('The ferry resumed service after the fog lifted, the harbour office said.'),
  s('The ferry resumed service after the fog lifted”, the harbour office said.', ['unbalanced-quotes']),
  s('“The fog was thick enough to stop every crossing, said the harbour master.', ['unbalanced-quotes']),
  s('HARBOURTON — The ferry resumed service after the fog lifted.', ['dateline-form']),
  s('The ferry resumed service.', ['dateline-form'], 'Harbourton, Tuesday'),
  s('The ferry resumed service.', [], 'Harbourton, Maine'),
  s('The ferry resumed service.', ['dateline-form'], 'Harbourton —'),
  s('The marathon was won by Yusuf Demir, and Youssef Demir’s time was a course record.', ['name-spelled-two-ways']),
  s('The marathon was won by Hassan Demir; Hussein Demir finished third.'),
  s('The violinist Natalia Petrova and the pianist Natalya Petrova are not related.', ['name-spelled-two-ways']),
  s('Fans held up a banner reading “Thank you for everything, captain”.'),
  s('The club described the signing as “a statement of intent for the next decade”.'),
  s('“Nobody here has seen a season like it,” said the groundsman, who has worked at the club for thirty years.'),
  s('The match report, according to, was filed late.', ['dangling-attribution']),
  s('Astronomers will watch the eclipse from the hill, according to the society’s newsletter.'),
  s('“Bring warm clothes and a flask, because it gets cold up there after dark.”', ['quote-without-speaker']),
  s(['“Bring warm clothes and a flask, because it gets cold up there after dark.', '“And do not look at the sun,” the organiser added.']),
  s('The gallery shows paintings by Ilya Repin and Ilia Repin’s students.', ['name-spelled-two-ways']),
  s('The bakery on Mill Road sold 400 loaves, the owner, Karima Haddad, said; her brother Karim Haddad baked them.'),
];

/**
 * A second holdout, written and labelled on 2026-12-01 after the first
 * holdout's misses were read (signage in quotes, "one mother said", "the
 * board agreed without a vote") but before the rules were changed for
 * them: the estimate for copy the rules have not been tuned on.
 */
export const LABELLED_HOLDOUT_2: readonly LabelledStory[] = [
  s('“The water came up to the second step,” a neighbour said.'),
  s('“The water came up to the second step,” several residents said.'),
  s(['The river rose overnight.', '“The water came up to the second step,” one shopkeeper recalled.']),
  s('“The water came up to the second step and then it stopped.”', ['quote-without-speaker']),
  s('“The water came up to the second step and then it stopped.” The river fell by noon.', ['quote-without-speaker']),
  s('“The water came up to the second step and then it stopped.” The shopkeeper shrugged.', ['quote-without-speaker']),
  s('A hand-painted sign saying “Closed until the water goes down” hung on the door.'),
  s('The shop put up a notice reading “Open as usual from Monday morning”.'),
  s('The placard, headlined “Save our high street now”, was carried to the town hall.'),
  s('The council confirmed the road would reopen on Friday.'),
  s('“The road reopens on Friday at six in the morning.” The council confirmed the time in a statement.'),
  s('“We will have the road open by Friday,” the engineer promised.'),
  s('“We will have the road open by Friday,” she agreed.'),
  s(['The engineer was asked when the road would reopen.', '“By Friday, if the weather holds,” came the reply.']),
  s('The mayor told residents: “Nobody will be charged for the clean-up.”'),
  s('Asked about the cost, the mayor said only that “nobody will be charged for the clean-up”.'),
  s('“Nobody will be charged for the clean-up,” according to the mayor’s office.'),
  s('“Nobody will be charged for the clean-up,” according to.', ['dangling-attribution']),
  s('Volunteers handed out leaflets titled “What to do when the river rises”.'),
  s('The choir rehearsed “Rivers of Babylon” for the benefit concert.'),
  s('“Rivers of Babylon was the obvious choice,” the choir director said.'),
  s('“It was the obvious choice for a flood benefit.', ['unbalanced-quotes', 'quote-without-speaker']),
  s('The insurer said claims would be paid within a month, the company’s spokesperson added.'),
  s('Claims will be paid within a month, the company said.'),
  s('Claims will be paid within a month, said.', ['dangling-attribution']),
  s('RIVERTON – Claims will be paid within a month.', ['dateline-form']),
  s('Claims will be paid within a month.', [], 'Riverton'),
  s('The hydrologist Amira Nasser, who also writes as Amirah Nasser, led the survey.', ['name-spelled-two-ways']),
  s('The survey was led by Amira Nasser and checked by Omar Nasser.'),
  s('The survey, published as “River Levels in the Lower Valley, 1990–2025”, runs to 300 pages.'),
  s(['“We measured every bridge on the river,” Nasser said.', '“Some of them twice, because the first readings made no sense.”'], ['quote-without-speaker']),
  s(['“We measured every bridge on the river.', '“Some of them twice,” Nasser said.']),
  s('Children wrote “thank you” on the sandbags.'),
  s('Children wrote “thank you for keeping us dry” on the sandbags.'),
];

