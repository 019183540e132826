/**
 * Frozen holdout for the editorial checks (issue 13). NEVER TUNE ON IT.
 *
 * Written and labelled on 2026-12-03 by an independent labeller who did not
 * read the rules' code (nothing under rules/, nor engine.ts, attribution.ts,
 * quotes.ts or the transliteration sources); only docs/editorial-checks.md,
 * docs/transliteration.md, the RuleId list and the issue text. All copy is
 * invented; people and organisations are fictional unless plainly historic.
 *
 * How faults were labelled: by what a careful copy editor would want flagged
 * before publication, not by what any rule is likely to catch.
 * - `name-spelled-two-ways`: one fault per entity written two or more ways;
 *   `at` holds every spelling as written (full name and surname-only forms).
 *   The expected suggestion is the house spelling when the story has one,
 *   else the full name in the spelling used most (surname-only mentions
 *   count towards their spelling). Differing only by an Arabic article
 *   (al-, el-, ad-, as-, ash-) or by "the" is the same spelling: no fault.
 *   Names sharing a root but naming another entity (an island and a network,
 *   a person and a foundation named after a relative) are no fault and are
 *   listed in `neverSuggest`. Pinyin against Wade-Giles and a dropped
 *   Turkish diacritic count as two spellings.
 * - `quote-without-speaker`: a quote of three or more words whose speaker a
 *   reader cannot tell; `at` is the opening mark and first words. A speaker
 *   in the sentence before, a "told X" or "in a statement" form, or the
 *   paragraph's subject counts as attribution. Titles and scare quotes are
 *   not quotes.
 * - `unbalanced-quotes`: `at` is the unmatched mark with the words after it.
 *   A paragraph that ends inside a quote continued by the next paragraph's
 *   opening mark is correct wire style, and `6'10"` is a height.
 * - `dangling-attribution`: "according to" with no source, or "said." with
 *   no subject. "according to plan" is not attribution.
 * - `dateline-form`: the house dateline is a plain place (`TEHRAN`,
 *   `NEW DELHI`): no date, dash, colon, agency tag, and not repeated at the
 *   start of paragraph 1.
 * - `headline-too-long`: `at` is the headline's opening words.
 * `holdout-stories.test.ts` checks that every `at` occurs verbatim; it never
 * runs the rules.
 */
import type { LabelledFaultStory } from './labelled-faults.types.ts';

export const HOLDOUT_STORIES: readonly LabelledFaultStory[] = [
  {
    id: 'h01-persian-envoy-two-spellings',
    headline: 'Iran names new envoy to lead water talks with Afghanistan',
    dek: 'The veteran diplomat will chair the Helmand commission, which has not met since spring.',
    dateline: 'TEHRAN',
    paragraphs: [
      'Iran on Sunday appointed Mohammad Reza Ghasemi, a former ambassador to Kabul, to lead its side of the commission that shares the waters of the Helmand River with Afghanistan.',
      'Ghasemi, 61, served in Kabul for four years and later ran the foreign ministry’s department for neighbouring states. He replaces an envoy who retired in June.',
      '“The river does not know where the border is, and our talks should not forget it,” Ghasemi told state television after the appointment was announced.',
      'The commission has not met since April. Farmers in Sistan and Baluchestan province say reservoirs near Zabol fell to a fifth of their capacity over the summer.',
      'Mohammad Reza Qasemi is expected to travel to Kabul before the end of the month, a foreign ministry spokesman said. The spokesman gave no date for a first session.',
      'Analysts in Tehran said the choice of a career diplomat rather than an engineer suggested the government wanted to settle the question of flows before technical details. Qasemi has not said whether he will keep the current team of hydrologists.',
    ],
    faults: [
      {
        rule: 'name-spelled-two-ways',
        at: ['Mohammad Reza Ghasemi', 'Ghasemi', 'Mohammad Reza Qasemi', 'Qasemi'],
        expectSuggestion: 'Mohammad Reza Ghasemi',
      },
    ],
  },
  {
    id: 'h02-arabic-oil-clean',
    headline: 'Iraq’s southern oil exports hold steady despite pipeline repairs',
    dek: 'The Basra Oil Company says tankers are loading on schedule at two offshore terminals.',
    dateline: 'BASRA',
    paragraphs: [
      'Crude exports from Iraq’s southern terminals averaged 3.3 million barrels a day in November, unchanged from October, despite repairs to a section of the main pipeline to the coast.',
      'Adel Abdel-Karim al-Saadi, director general of the Basra Oil Company, said two single-point moorings had taken the extra load while the damaged section was replaced.',
      '“We planned this work for a year, and the tankers did not have to wait a single day,” al-Saadi told reporters at the company’s headquarters.',
      'Saadi said the repaired section would be tested under pressure next week. The company expects to resume normal pumping by mid-December, according to its monthly report.',
      'The Basra Oil Company is the largest producer in the country. Most of its crude is sold to refiners in India and China.',
    ],
    faults: [],
    neverSuggest: ['Basra Oil Company'],
  },
  {
    id: 'h03-russian-court-two-spellings-dangling',
    headline: 'Moscow court adjourns fraud trial of former shipyard director',
    dek: 'The defence asked for more time to examine 40 volumes of evidence.',
    dateline: 'MOSCOW',
    paragraphs: [
      'A Moscow court on Tuesday adjourned until January the fraud trial of Aleksandr Volkonsky, the former director of a shipyard on the Baltic coast, after his lawyers said they had not been given time to read the case file.',
      'Prosecutors accuse Volkonsky of inflating the cost of two ferry contracts by 1.2 billion roubles. He denies the charges.',
      'Judge Tatyana Orlova gave the defence three weeks. “The file runs to forty volumes, and my client has seen eleven of them,” defence lawyer Mikhail Zhukov told the court.',
      'The shipyard’s new management has repaid part of the disputed sum to the state, according to.',
      'Alexander Volkonskiy has been under house arrest since March. Volkonsky’s family has offered a flat in central Moscow as bail, which the court has twice refused.',
    ],
    faults: [
      {
        rule: 'name-spelled-two-ways',
        at: ['Aleksandr Volkonsky', 'Volkonsky', 'Alexander Volkonskiy'],
        expectSuggestion: 'Aleksandr Volkonsky',
      },
      { rule: 'dangling-attribution', at: ['according to.'] },
    ],
  },
  {
    id: 'h04-chinese-swimming-qingdao-tsingtao',
    headline: 'Teenager breaks national record at Qingdao swimming meet',
    dek: 'Zhang Yuting, 16, took almost a second off the 200 metres butterfly mark.',
    dateline: 'QINGDAO',
    paragraphs: [
      'Zhang Yuting, 16, broke the Chinese record in the women’s 200 metres butterfly on Saturday at the national winter championships in Qingdao.',
      'Her time of 2:05.14 took 0.9 seconds off the mark set eight years ago. The meet, sponsored by Tsingtao Brewery, is the last selection event before the world championships.',
      'Her coach, Liu Jianhua, said she had changed her breathing pattern over the summer. “She used to breathe every stroke on the last length. Now she breathes every second stroke, and the time comes from there.”',
      'Zhang said she had not looked at the scoreboard until she touched the wall. “I thought I was third,” she told reporters, laughing.',
      'The championships continue until Thursday at the Qingdao Olympic Sailing Centre’s new indoor pool.',
    ],
    faults: [],
    neverSuggest: ['Tsingtao Brewery'],
  },
  {
    id: 'h05-hindi-film-director-two-spellings',
    headline: 'Indian director’s monsoon drama wins top prize in Busan',
    dek: 'The film follows a moneylender’s clerk through one flooded season in Bihar.',
    dateline: 'BUSAN',
    paragraphs: [
      'Anurag Srivastava’s “The Monsoon Ledger” won the main prize at the Busan International Film Festival on Friday, the first Indian film to do so in a decade.',
      'The jury called the film “patient” and praised its use of non-professional actors from villages along the Kosi River.',
      'Anurag Shrivastava, 38, shot the film over two monsoon seasons with a crew of nine. Srivastava said he had spent three years finding the money.',
      'Most of the budget came from a cooperative of 200 farmers in Purnea district, each of whom put in a few thousand rupees.',
      '“Nobody wanted a film about a clerk in the rain.”',
      'The film will be released in Indian cinemas in February. Srivastava’s previous feature, a documentary about salt workers in Gujarat, was shown at several European festivals.',
    ],
    faults: [
      {
        rule: 'name-spelled-two-ways',
        at: ['Anurag Srivastava', 'Srivastava', 'Anurag Shrivastava'],
        expectSuggestion: 'Anurag Srivastava',
      },
      { rule: 'quote-without-speaker', at: ['“Nobody wanted a film'] },
    ],
  },
  {
    id: 'h06-arabic-storm-dateline-date',
    headline: 'Winter storm closes Alexandria port for second day',
    dek: 'Waves of up to five metres kept ships at anchor outside the harbour.',
    dateline: 'ALEXANDRIA, Egypt, Jan. 14 –',
    paragraphs: [
      'Egyptian authorities kept Alexandria’s port closed for a second day on Wednesday as a winter storm drove waves of up to five metres against the coast.',
      'Mahmoud el-Sayed, a forecaster at the Egyptian Meteorological Authority, said winds would ease by Thursday evening. Sayed said rain in the city had already passed the monthly average.',
      'Streets in the el-Max district were flooded to knee height. Fishermen hauled their boats onto the corniche.',
      '“We have seen worse, but not this early in the winter,” said Hamdi Fawzy, who has fished from el-Max for thirty years.',
      'The port authority said 17 ships were waiting at anchor. Dekheila, the second harbour west of the city, was also closed.',
    ],
    faults: [{ rule: 'dateline-form', at: ['ALEXANDRIA, Egypt, Jan. 14 –'] }],
  },
  {
    id: 'h07-persian-person-and-institute',
    headline: 'Tehran economist warns of bread subsidy costs',
    dek: 'A study for the Nouri Institute puts the bill at a third of the development budget.',
    dateline: 'TEHRAN',
    paragraphs: [
      'The cost of Iran’s bread subsidy will reach a third of the government’s development budget next year unless flour prices are allowed to rise, an economist said on Monday.',
      'Kamal Nouri, who led the study for the Nouri Institute, a research body founded by his late father, said bakeries were buying subsidised flour at a tenth of its market price.',
      '“The subsidy was meant for bread, and it is now feeding cattle,” Nouri told a conference at Tehran University.',
      'The Nouri Institute has published studies of fuel and electricity prices since 2009. Its reports are often cited in parliament.',
      'Kamal Noori said a gradual increase over three years would cost the poorest families less than a sudden one. Nouri said the institute would publish its model next month so that other economists could test it.',
    ],
    faults: [
      {
        rule: 'name-spelled-two-ways',
        at: ['Kamal Nouri', 'Kamal Noori'],
        expectSuggestion: 'Kamal Nouri',
      },
    ],
    neverSuggest: ['Nouri Institute'],
  },
  {
    id: 'h08-russian-science-house-spelling',
    headline: 'Siberian lake cores show a thousand years of wildfire',
    dek: 'Charcoal layers in Lake Teletskoye record fires going back to the eleventh century.',
    dateline: 'NOVOSIBIRSK',
    paragraphs: [
      'Sediment cores from a lake in the Altai mountains hold a record of wildfires stretching back a thousand years, Russian scientists reported on Thursday.',
      'The team, led by Ekaterina Belova of the Institute of Geology and Mineralogy in Novosibirsk, counted charcoal particles in 2,000 thin layers of mud from Lake Teletskoye.',
      'Belova said fires had become more frequent in two periods: the thirteenth century and the last fifty years.',
      'Yekaterina Belova presented the results at a conference in Novosibirsk. Ekaterina Belova said the team would drill a second lake in Tuva next summer.',
      'Other researchers said the record would help test climate models. Fire records of this length are rare in Siberia, where most lakes froze to the bottom during the last ice age.',
    ],
    houseSpellings: ['Yekaterina Belova'],
    faults: [
      {
        rule: 'name-spelled-two-ways',
        at: ['Ekaterina Belova', 'Yekaterina Belova'],
        expectSuggestion: 'Yekaterina Belova',
      },
    ],
  },
  {
    id: 'h09-arabic-island-and-channel',
    headline: 'Gulf broadcaster opens studio on Marjan Island',
    dek: 'The al-Marjan channel will move its morning programmes to the resort island.',
    dateline: 'RAS AL KHAIMAH',
    paragraphs: [
      'The al-Marjan television channel opened a new studio on Marjan Island on Tuesday, moving its morning programmes out of Dubai for the first time.',
      'Mansour al-Hamadi, the channel’s managing director, said the island had lower rents and better light. Hamadi said 40 staff would work there by March.',
      'Al-Marjan was founded in 2011 and broadcasts in Arabic and English. Marjan Island is a group of four artificial islands off the coast of Ras al Khaimah.',
      '“Our viewers wake up with the sea behind the presenters now.”',
      'The channel plans to add a weekend news bulletin next year, a spokeswoman said.',
    ],
    faults: [
      { rule: 'quote-without-speaker', at: ['“Our viewers wake up'] },
    ],
    neverSuggest: ['Marjan Island', 'al-Marjan'],
  },
  {
    id: 'h10-arabic-unit-holiday-district',
    headline: 'Military band leads Nasr Day parade through Nasr City',
    dek: 'Thousands lined Cairo’s eastern district for the annual celebration.',
    dateline: 'CAIRO',
    paragraphs: [
      'The band of the al-Nasr Brigade led the annual Nasr Day parade through the Nasr City district of Cairo on Thursday, watched by thousands of families.',
      'The Nasr Brigade’s band has played at the parade since 1975. Its drum major, Sergeant Ashraf Ragab, has marched in 22 of them.',
      '“My father marched here, and now my son watches me,” Ragab said before the start.',
      'Nasr Day marks the crossing of the Suez Canal in October 1973. Nasr City was laid out in the 1960s as a new district for government offices.',
      'Traffic police closed Abbas el-Akkad Street for five hours. Shops along the route stayed open late, according to the district council.',
    ],
    faults: [],
    neverSuggest: ['Nasr Brigade', 'Nasr Day', 'Nasr City', 'al-Nasr Brigade'],
  },
  {
    id: 'h11-hindi-court-judge-the-dangling',
    headline: 'Allahabad High Court orders review of hospital fees',
    dek: 'Private hospitals in Uttar Pradesh must publish their prices for common operations.',
    dateline: 'PRAYAGRAJ',
    paragraphs: [
      'The Allahabad High Court on Wednesday ordered the Uttar Pradesh government to review the fees charged by private hospitals for 20 common operations.',
      'Justice Rajesh Chaudhary said patients had a right to know the price of a procedure before they were admitted. Justice Rajesh Choudhary gave the state health department 90 days to report back.',
      'The case was brought by a group of patients from Lucknow and Kanpur. Their lawyer, Meenakshi Tiwari, said one family had been charged three times the quoted price for a knee replacement.',
      '“Families sell land to pay these bills, and they deserve to see the bill first,” Tiwari told reporters outside the court.',
      'Private hospitals have raised prices by a fifth in two years, according to the.',
      'Chaudhary adjourned the hearing to March.',
    ],
    faults: [
      {
        rule: 'name-spelled-two-ways',
        at: ['Rajesh Chaudhary', 'Chaudhary', 'Rajesh Choudhary'],
        expectSuggestion: 'Rajesh Chaudhary',
      },
      { rule: 'dangling-attribution', at: ['according to the.'] },
    ],
  },
  {
    id: 'h12-arabic-football-unbalanced',
    headline: 'Al-Hilal reach Asian final after penalty shootout',
    dek: 'The Riyadh club beat their Japanese opponents 5-4 on penalties.',
    dateline: 'RIYADH',
    paragraphs: [
      'Al-Hilal reached the final of the Asian Champions League on Tuesday, beating their Japanese opponents 5-4 on penalties after a 1-1 draw.',
      'Rakan al-Mutairi scored the winning kick. The 19-year-old had come on as a substitute in the last minute of extra time.',
      '“The coach told me to wait for the goalkeeper to move, and I waited, al-Mutairi said after the match.',
      'Hilal have won the competition four times. Their coach said the players would have two days off before the league match against al-Nassr on Saturday.',
      'The final will be played over two legs in May.',
    ],
    faults: [{ rule: 'unbalanced-quotes', at: ['“The coach told me to wait'] }],
    neverSuggest: ['al-Nassr'],
  },
  {
    id: 'h13-russian-energy-colon-dateline',
    headline: 'Russian gas producer delays Arctic plant by a year',
    dek: 'Severneft blames a shortage of turbines for the new schedule.',
    dateline: 'MOSCOW:',
    paragraphs: [
      'Severneft, the Russian gas producer, said on Friday that its liquefied natural gas plant on the Yamal peninsula would start a year later than planned because turbines had not been delivered.',
      'Fyodor Kuzmin, the company’s chief executive, told shareholders the first train would now start production in 2028.',
      '“We have the gas, we have the ships, and we are waiting for machines,” Kuzmin said.',
      'Fedor Kuzmin said the company was testing turbines from a domestic maker. Kuzmin said the tests would finish in the spring.',
      'Severneft’s shares fell 3 per cent in Moscow trading after Fyodor Kuzmin’s remarks.',
    ],
    faults: [
      { rule: 'dateline-form', at: ['MOSCOW:'] },
      {
        rule: 'name-spelled-two-ways',
        at: ['Fyodor Kuzmin', 'Fedor Kuzmin'],
        expectSuggestion: 'Fyodor Kuzmin',
      },
    ],
  },
  {
    id: 'h14-chinese-diplomat-wade-giles',
    headline: 'China and Brazil sign deal on soybean inspections',
    dek: 'The agreement should shorten the time cargoes wait in Chinese ports.',
    dateline: 'BEIJING',
    paragraphs: [
      'China and Brazil signed an agreement on Monday that lets Brazilian inspectors certify soybean cargoes before they leave port, cutting the time ships wait on arrival in China.',
      'Wang Xiaoming, a deputy minister of agriculture, signed for China. Wang said cargoes now waited an average of six days for inspection.',
      'Brazil’s agriculture minister told reporters in Beijing that exporters had asked for the change for years. “This is a technical deal, but for a farmer in Mato Grosso it is money,” he said.',
      'Wang Hsiao-ming said the first certified cargoes would arrive in Qingdao and Dalian in March.',
      'China bought about 70 per cent of Brazil’s soybean exports last year, Wang Xiaoming said.',
    ],
    faults: [
      {
        rule: 'name-spelled-two-ways',
        at: ['Wang Xiaoming', 'Wang Hsiao-ming'],
        expectSuggestion: 'Wang Xiaoming',
      },
    ],
  },
  {
    id: 'h15-persian-poetry-festival',
    headline: 'Shiraz festival marks Hafez anniversary with night readings',
    dek: 'Readers took turns at the poet’s tomb until dawn.',
    dateline: 'SHIRAZ',
    paragraphs: [
      'Hundreds of people gathered at the Hafezieh, the tomb of the fourteenth-century poet Hafez in Shiraz, on Saturday night for readings that lasted until dawn.',
      'The Hafez Festival, which organised the readings, had signed up 300 people to read a poem each. The youngest was nine.',
      '“The garden was so full that people read from the steps outside.”',
      'Arash Kamrani, a musician from Isfahan, played the setar between readings. Kamrani has performed at the festival for twelve years.',
      'One reader, a retired teacher, said she had learned her first Hafez poem from her grandmother. “Every family in this city has a poem that belongs to it.”',
      'The festival continues with concerts in the city until Friday.',
    ],
    faults: [{ rule: 'quote-without-speaker', at: ['“The garden was so full'] }],
    neverSuggest: ['Hafezieh', 'Hafez Festival'],
  },
  {
    id: 'h16-hindi-cyclone-odisha-house',
    headline: 'Cyclone Dana weakens after landfall on eastern coast',
    dek: 'More than a million people spent the night in shelters.',
    dateline: 'BHUBANESWAR',
    paragraphs: [
      'Cyclone Dana weakened into a deep depression on Friday after crossing the coast of Orissa overnight with winds of 110 km an hour.',
      'More than a million people in Odisha and West Bengal had been moved to shelters. No deaths were reported.',
      'Manorama Mohanty, director of the India Meteorological Department’s office in Bhubaneswar, said rain would continue over northern Orissa until Sunday.',
      '“Evacuation is what saves lives here, and people no longer argue about leaving,” Mohanty said.',
      'Power was cut in four coastal districts. Repairs would take at least two days, according to a.',
    ],
    houseSpellings: ['Odisha'],
    faults: [
      { rule: 'name-spelled-two-ways', at: ['Orissa', 'Odisha'], expectSuggestion: 'Odisha' },
      { rule: 'dangling-attribution', at: ['according to a.'] },
    ],
  },
  {
    id: 'h17-turkish-diacritics',
    headline: 'Turkish textile exporter buys Portuguese rival',
    dek: 'The deal makes the Bursa group one of Europe’s largest towel makers.',
    dateline: 'ISTANBUL',
    paragraphs: [
      'Yıldız Tekstil, a towel maker based in Bursa, agreed on Wednesday to buy a Portuguese rival for 140 million euros.',
      'Şükrü Yıldız, the company’s chairman and grandson of its founder, said the purchase would give the group factories inside the European Union.',
      '“Our customers want towels in a week, not in a month,” Yıldız told reporters in Istanbul.',
      'Sukru Yildiz said all 600 jobs at the Portuguese plant would be kept.',
      'The deal still needs approval from competition authorities in Brussels.',
    ],
    faults: [
      {
        rule: 'name-spelled-two-ways',
        at: ['Şükrü Yıldız', 'Sukru Yildiz'],
        expectSuggestion: 'Şükrü Yıldız',
      },
    ],
    neverSuggest: ['Yıldız Tekstil'],
  },
  {
    id: 'h18-korean-science-multiparagraph-quote',
    headline: 'Korean lab grows rice that needs less water',
    dek: 'Field trials showed yields held up with a third less irrigation.',
    dateline: 'SEOUL',
    paragraphs: [
      'A South Korean research team has bred a rice variety that keeps its yield with a third less water, the Rural Development Administration said on Tuesday.',
      'Kim Ji-won, who led the breeding programme, said the plants grow deeper roots in their first three weeks. She described the results at a briefing in Jeonju:',
      '“We tested it for four summers, including the dry one two years ago. The yield dropped by four per cent, and the usual varieties dropped by twenty.',
      '“Farmers will not change seed for a promise. They will change it when their neighbour’s field looks better than theirs.”',
      'The variety will be offered to farmers in South Jeolla province next spring.',
    ],
    faults: [],
  },
  {
    id: 'h19-russian-basketball-inch-mark',
    headline: 'Russian centre signs three-year deal in Istanbul',
    dek: 'The 22-year-old was the league’s best shot-blocker last season.',
    dateline: 'ISTANBUL',
    paragraphs: [
      'Nikita Sergeyev, the 6\'10" Russian centre, signed a three-year contract with an Istanbul club on Monday.',
      'Sergeyev blocked 2.4 shots a game last season, the most in the league. The club did not disclose the fee.',
      '"He changes the game without scoring," the club\'s coach said. "Opponents stop driving to the basket.',
      'Nikita Sergeev, 22, grew up in Yekaterinburg and played two seasons in Spain.',
      'He will join the team for its pre-season camp in August.',
    ],
    faults: [
      {
        rule: 'name-spelled-two-ways',
        at: ['Nikita Sergeyev', 'Sergeyev', 'Nikita Sergeev'],
        expectSuggestion: 'Nikita Sergeyev',
      },
      { rule: 'unbalanced-quotes', at: ['"Opponents stop driving'] },
    ],
  },
  {
    id: 'h20-arabic-libya-nisba-and-town',
    headline: 'Libyan council agrees to reopen coastal road',
    dek: 'Trucks will be allowed through checkpoints west of Tripoli from next week.',
    dateline: 'TRIPOLI',
    paragraphs: [
      'A military council from the town of Zintan agreed on Thursday to reopen the coastal road west of Tripoli to commercial traffic from next week.',
      'Abdelhakim al-Zintani, who heads the Zintan Military Council, said trucks would be inspected at two checkpoints instead of seven.',
      '“Our people have lived on this road for generations, and they want it open,” Abdul Hakim al-Zintani said after a meeting with traders.',
      'Abdelhakim al-Zintani said the council had agreed the terms with the municipality of Zuwara. Zintani said the road would be patrolled at night.',
      'The road has been closed to trucks since May. Traders in Zintan say prices of flour and cooking gas have doubled since then.',
    ],
    faults: [
      {
        rule: 'name-spelled-two-ways',
        at: ['Abdelhakim al-Zintani', 'Abdul Hakim al-Zintani'],
        expectSuggestion: 'Abdelhakim al-Zintani',
      },
    ],
    neverSuggest: ['Zintan', 'Zintan Military Council'],
  },
  {
    id: 'h21-persian-court-statement-dangling',
    headline: 'Iran’s top court upholds ruling in water rights dispute',
    dek: 'Farmers in Isfahan province keep their share of the Zayandeh Rud.',
    dateline: 'ISFAHAN',
    paragraphs: [
      'Iran’s Supreme Court has upheld a ruling that guarantees farmers in eastern Isfahan province a fixed share of the Zayandeh Rud river, ending a case that began in 2019.',
      'The farmers’ association welcomed the decision in a statement: “This ruling puts in writing what our grandfathers were promised.”',
      'The provincial water company had argued that cities and industry should come first in dry years. The company will comply with the ruling, according to',
      'Zahra Hosseini, a lawyer for the farmers, said the ruling set out how much water must reach the fields in each month of the growing season.',
      '“We will count every cubic metre,” Hosseini told the Isna news agency.',
    ],
    faults: [{ rule: 'dangling-attribution', at: ['will comply with the ruling, according to'] }],
  },
  {
    id: 'h22-gulf-gas-quote',
    headline: 'Qatar signs 27-year gas supply deal with Italian utility',
    dek: 'Deliveries from the North Field expansion start in 2027.',
    dateline: 'DOHA',
    paragraphs: [
      'Qatar’s state energy company signed a 27-year agreement on Sunday to supply an Italian utility with one million tonnes a year of liquefied natural gas from its North Field expansion.',
      'The North Field is the world’s largest gas field. Iran, which shares it, calls its side South Pars.',
      'Fahad al-Mannai, an executive vice-president of the Qatari company, signed the deal in Doha with the utility’s chief executive.',
      'Italy has replaced most of its Russian pipeline gas with imports from Algeria, Azerbaijan and Qatar.',
      '“Long contracts are back in fashion in Europe, whatever people said two years ago.”',
    ],
    faults: [{ rule: 'quote-without-speaker', at: ['“Long contracts are back'] }],
  },
  {
    id: 'h23-russian-ballet-house-bolshoi',
    headline: 'Bolshoi dancer returns to the stage after knee surgery',
    dek: 'Anastasia Gorelova danced Giselle for the first time in eighteen months.',
    dateline: 'MOSCOW',
    paragraphs: [
      'Anastasia Gorelova returned to the Bolshoi stage on Saturday night in the title role of Giselle, eighteen months after surgery on her left knee.',
      'The audience called her back nine times. Gorelova, 31, joined the Bolshoy company from its academy in 2013.',
      '“I did not know if I would dance the second act again,” she told reporters at the stage door. “Tonight I knew.”',
      'The Bolshoi Theatre said she would dance three more performances this season.',
    ],
    houseSpellings: ['Bolshoi'],
    faults: [{ rule: 'name-spelled-two-ways', at: ['Bolshoy', 'Bolshoi'], expectSuggestion: 'Bolshoi' }],
  },
  {
    id: 'h24-hindi-cricket-agency-dateline',
    headline: 'Yadav century puts Mumbai in control of Ranji final',
    dek: 'The left-hander scored 142 on a turning pitch.',
    dateline: 'MUMBAI (Reuters)',
    paragraphs: [
      'Suryakant Yadav scored 142 to put Mumbai in control of the Ranji Trophy final against Vidarbha at the Wankhede Stadium on Thursday.',
      'Suryakanth Yadav batted for almost six hours on a pitch that turned from the first morning. Yadav hit 14 fours and two sixes.',
      'Mumbai finished the second day on 388 for seven, a lead of 163. Vidarbha’s spinner Harsh Dubey took four wickets.',
      '“The ball was gripping, so I played late and waited for the loose one,” Yadav said at the close of play.',
      'Mumbai have won the trophy 42 times. Suryakant Yadav has played in four of their finals.',
    ],
    faults: [
      { rule: 'dateline-form', at: ['MUMBAI (Reuters)'] },
      {
        rule: 'name-spelled-two-ways',
        at: ['Suryakant Yadav', 'Suryakanth Yadav'],
        expectSuggestion: 'Suryakant Yadav',
      },
    ],
  },
  {
    id: 'h25-russian-diplomat-sergei-sergey',
    headline: 'Russia and Norway agree new fishing quotas for Barents Sea',
    dek: 'Cod quotas fall by a fifth for the third year running.',
    dateline: 'TROMSO',
    paragraphs: [
      'Russia and Norway agreed on Friday to cut the cod quota in the Barents Sea by 20 per cent next year, the third reduction in a row.',
      'Sergei Lavrinenko, who led the Russian delegation, said scientists from both countries had agreed that stocks were falling.',
      '“We argue about many things, but not about fish counts,” Lavrinenko told reporters after the talks in Tromso.',
      'Sergey Lavrinenko said the two sides would meet again in October. The haddock quota was left unchanged, a Norwegian fisheries ministry official said.',
      'The joint fisheries commission has met every year since 1976. Sergei Lavrinenko has attended eleven of its sessions.',
    ],
    faults: [
      {
        rule: 'name-spelled-two-ways',
        at: ['Sergei Lavrinenko', 'Sergey Lavrinenko'],
        expectSuggestion: 'Sergei Lavrinenko',
      },
    ],
  },
  {
    id: 'h26-chinese-business-clean',
    headline: 'Shenzhen battery maker opens first European plant',
    dek: 'The Hungarian factory will make cells for three car brands.',
    dateline: 'DEBRECEN',
    paragraphs: [
      'A Shenzhen battery maker opened its first European factory on Thursday in the Hungarian city of Debrecen, where it will make cells for three carmakers.',
      'Chen Lihua, the company’s vice-president for Europe, said the plant would employ 1,200 people by the end of next year.',
      'Chen described the first production line as “a test of our patience”. She said the second line would start in the summer.',
      'Hungary’s foreign minister attended the opening. He told reporters that the country wanted to be “the battery capital of Europe”.',
      'Production from the plant went according to plan in its trial month, the company said.',
    ],
    faults: [],
  },
  {
    id: 'h27-persian-caspian-floods-gilan',
    headline: 'Floods cut roads in Iran’s Caspian provinces',
    dek: 'Rescuers reached villages in the mountains above Rasht by helicopter.',
    dateline: 'RASHT',
    paragraphs: [
      'Heavy rain caused flooding in Iran’s northern provinces of Gilan and Mazandaran on Monday, cutting roads to dozens of mountain villages.',
      'The Red Crescent said helicopters had taken food and blankets to eleven villages above Rasht, the capital of Guilan.',
      'Rivers in Gilan rose two metres in six hours. In Masal county, a bridge on the main road collapsed.',
      '“The water took the bridge and half of the road with it.”',
      'Schools in both provinces will stay closed on Tuesday.',
    ],
    faults: [
      { rule: 'name-spelled-two-ways', at: ['Gilan', 'Guilan'], expectSuggestion: 'Gilan' },
      { rule: 'quote-without-speaker', at: ['“The water took the bridge'] },
    ],
  },
  {
    id: 'h28-arabic-astronomer-and-observatory',
    headline: 'Jordanian astronomer spots comet from desert observatory',
    dek: 'The comet will be visible with binoculars in late February.',
    dateline: 'AMMAN',
    paragraphs: [
      'A Jordanian astronomer has found a new comet in images taken at an observatory in the Wadi Rum desert, the International Astronomical Union confirmed on Wednesday.',
      'Leila Haddad found the faint object while checking images for asteroids at the Haddad Observatory, which her grandfather built in 1988.',
      '“I thought it was a smudge on the lens until it moved,” Haddad told Jordanian television.',
      'Leila Hadad said the comet would be visible with binoculars in late February, low in the western sky after sunset.',
      'The comet will carry her name. Haddad is the first astronomer in Jordan to find one.',
    ],
    faults: [
      {
        rule: 'name-spelled-two-ways',
        at: ['Leila Haddad', 'Leila Hadad'],
        expectSuggestion: 'Leila Haddad',
      },
    ],
    neverSuggest: ['Haddad Observatory'],
  },
  {
    id: 'h29-arabic-court-long-headline-quotes',
    headline:
      'Cairo economic court fines three property developers for late delivery of flats in the new administrative capital and orders refunds',
    dek: 'Buyers had waited up to four years for their keys.',
    dateline: 'CAIRO',
    paragraphs: [
      'A Cairo economic court on Sunday fined three property developers a total of 60 million pounds for delivering flats in the new administrative capital years late.',
      'The court ordered the developers to refund buyers who no longer want their flats. About 400 families brought the case.',
      '“We paid the last instalment in 2021 and we are still renting.”',
      'The developers’ lawyers said the delays were caused by the cost of steel and cement after the currency was devalued. They said they would appeal.',
      'Outside the court, buyers hugged each other. “Four years of waiting, and today somebody listened.”',
    ],
    faults: [
      {
        rule: 'headline-too-long',
        at: ['Cairo economic court fines three property developers'],
      },
      { rule: 'quote-without-speaker', at: ['“We paid the last instalment'] },
      { rule: 'quote-without-speaker', at: ['“Four years of waiting'] },
    ],
  },
  {
    id: 'h30-persian-wrestling-house-rezaei',
    headline: 'Iranian wrestler wins world title in Belgrade',
    dek: 'Amir Rezaei beat the defending champion in the 97kg final.',
    dateline: 'BELGRADE',
    paragraphs: [
      'Amir Rezaee won the 97kg freestyle title at the world wrestling championships in Belgrade on Sunday, beating the defending champion 4-2.',
      'Rezaee scored the winning takedown with 20 seconds left. He had lost to the same opponent in the Asian final in April.',
      'Amir Rezaei, 24, is from Sari in Mazandaran province, where wrestling halls are as common as football pitches.',
      'His coach spoke after the medal ceremony. “He lost in April and he came back with a plan, not with anger.”',
      'Iran finished the championships with three gold medals.',
    ],
    houseSpellings: ['Amir Rezaei'],
    faults: [
      {
        rule: 'name-spelled-two-ways',
        at: ['Amir Rezaee', 'Rezaee', 'Amir Rezaei'],
        expectSuggestion: 'Amir Rezaei',
      },
    ],
  },
  {
    id: 'h31-arabic-singer-historic',
    headline: 'Cairo museum reopens with restored recordings of Umm Kulthum',
    dek: 'Visitors can hear a 1967 concert in full for the first time in decades.',
    dateline: 'CAIRO',
    paragraphs: [
      'A museum dedicated to Umm Kulthum reopened in Cairo on Monday after two years of work, with restored recordings of concerts the singer gave in the 1960s.',
      'Engineers cleaned 120 reels of tape. The longest recording, of a concert in Paris in 1967, runs for almost five hours.',
      'The museum’s director, Hala Mansour, said the tapes had been stored in a basement that flooded twice. “Some reels had to be dried one metre at a time,” she said.',
      'Oum Kalthoum, who died in 1975, remains the best-selling Arab singer of the last century. Umm Kulthum’s funeral drew millions of people into the streets of Cairo.',
      'The museum is in the grounds of the Manasterly Palace on Rhoda Island.',
    ],
    faults: [
      {
        rule: 'name-spelled-two-ways',
        at: ['Umm Kulthum', 'Oum Kalthoum'],
        expectSuggestion: 'Umm Kulthum',
      },
    ],
  },
  {
    id: 'h32-hindi-solar-clean',
    headline: 'Rajasthan solar park reaches full capacity',
    dek: 'The Thar desert park now powers about 1.5 million homes.',
    dateline: 'JAISALMER',
    paragraphs: [
      'A solar park in the Thar desert reached its full capacity of 2,000 megawatts on Tuesday, making it one of the largest in Asia.',
      'Priya Raghunathan, who manages the park for the state power company, said the last 300 megawatts had been connected a month early.',
      '“Dust is our biggest enemy here, not the heat,” Raghunathan told reporters. Robots clean the panels every night.',
      'The park supplies power to about 1.5 million homes, according to the Rajasthan energy department.',
    ],
    faults: [],
  },
  {
    id: 'h33-dateline-in-lead-the-hague',
    headline: 'Iran and Switzerland renew protecting-power agreement',
    dek: 'Bern will keep representing US interests in Tehran.',
    dateline: 'TEHRAN',
    paragraphs: [
      'TEHRAN – Switzerland will continue to represent US interests in Iran under an agreement renewed on Wednesday, Iran’s foreign ministry said.',
      'The Swiss embassy in Tehran has acted as a protecting power since 1980. It handles consular matters for American citizens in Iran.',
      'The foreign ministry said the renewal had been signed in The Hague, where officials from both countries were attending a meeting of the chemical weapons watchdog. Delegates met in the Hague on the sidelines.',
      'Swiss officials confirmed the renewal. “Our role is technical, and both sides want it to continue,” a Swiss foreign ministry spokesman told reporters in Bern.',
    ],
    faults: [{ rule: 'dateline-form', at: ['TEHRAN –'] }],
  },
  {
    id: 'h34-russian-space-baikonur',
    headline: 'Soyuz crew lands safely after six months in orbit',
    dek: 'Two Russian cosmonauts and an American astronaut returned from the space station.',
    dateline: 'ZHEZKAZGAN',
    paragraphs: [
      'A Soyuz capsule carrying two Russian cosmonauts and an American astronaut landed on the steppe of Kazakhstan on Friday after 183 days on the International Space Station.',
      'The crew had launched from the Baikonur Cosmodrome in June. Roscosmos said all three were in good health.',
      'Search teams reached the capsule within fifteen minutes. Recovery crews from Baykonur helped the crew out of the hatch and into reclining chairs.',
      '“It smells of grass and it is wonderful.”',
      'The crew will fly to Moscow and Houston on Saturday for medical checks.',
    ],
    houseSpellings: ['Baikonur'],
    faults: [
      { rule: 'name-spelled-two-ways', at: ['Baikonur', 'Baykonur'], expectSuggestion: 'Baikonur' },
      { rule: 'quote-without-speaker', at: ['“It smells of grass'] },
    ],
  },
  {
    id: 'h35-arabic-business-dangling-and-proper',
    headline: 'Saudi airline orders 40 narrow-body jets',
    dek: 'The order is the carrier’s largest since it was founded.',
    dateline: 'JEDDAH',
    paragraphs: [
      'A Saudi low-cost airline ordered 40 narrow-body jets on Tuesday, its largest order since it started flying in 2017.',
      'The jets will be delivered between 2028 and 2033, according to the airline’s filing with the Saudi stock exchange. The list price of the order is about 4 billion dollars, according to',
      'Khalid al-Harbi, the airline’s chief executive, said the new jets would serve routes to Central Asia and Africa. “Half our new routes are places our passengers have never flown to directly,” al-Harbi told Arab News.',
      'Harbi said the airline would hire 600 pilots over five years.',
      'Saudi Arabia wants to triple the number of visitors to the kingdom by the end of the decade.',
    ],
    faults: [{ rule: 'dangling-attribution', at: ['about 4 billion dollars, according to'] }],
  },
  {
    id: 'h36-chinese-typhoon-unbalanced',
    headline: 'Typhoon forces evacuation of fishing ports in Fujian',
    dek: 'Thousands of boats were called back to harbour.',
    dateline: 'FUZHOU',
    paragraphs: [
      'Authorities in the Chinese province of Fujian evacuated 140,000 people from coastal areas on Sunday as Typhoon Haikui approached with winds of 150 km an hour.',
      'More than 20,000 fishing boats were called back to port. Ferries between Xiamen and the islands of Kinmen were cancelled.',
      'Lin Guoqiang, a harbour master in Xiamen, said boats had started returning on Friday. “We fill the harbour three rows deep when a storm comes,” he said.',
      'The typhoon is expected to make landfall on Monday morning. The provincial weather bureau said the storm was "the strongest to approach this coast in five years.',
      'Schools and factories in six cities will stay closed.',
    ],
    faults: [{ rule: 'unbalanced-quotes', at: ['"the strongest to approach'] }],
  },
  {
    id: 'h37-persian-quotes-traps-clean',
    headline: 'Isfahan carpet weavers win UNESCO recognition',
    dek: 'The craft joins the list of intangible heritage after a three-year application.',
    dateline: 'ISFAHAN',
    paragraphs: [
      'The carpet weaving of Isfahan was added to UNESCO’s list of intangible cultural heritage on Wednesday, after an application prepared over three years.',
      'Maryam Soltani has woven carpets in the city for forty years. She learned from her mother, who learned from hers. “A good carpet takes a year, and you remember every month of it.”',
      'The city’s weavers’ guild said in a statement that the recognition “belongs to the women who kept the looms working when nobody paid for it”.',
      'Soltani’s workshop has six looms. Her youngest apprentice, Negar Amini, is 19.',
      '“I came for a summer and I stayed,” Amini told a visiting UNESCO delegation last year.',
    ],
    faults: [],
  },
  {
    id: 'h38-russian-hermitage-the-clean',
    headline: 'Hermitage puts restored Dutch paintings back on display',
    dek: 'Eleven canvases spent three years in the museum’s restoration studios.',
    dateline: 'ST PETERSBURG',
    paragraphs: [
      'The Hermitage Museum in St Petersburg put eleven restored Dutch paintings back on display on Saturday after three years in its restoration studios.',
      'Restorers removed layers of yellowed varnish from the canvases, which include two landscapes by Jacob van Ruisdael.',
      'Natalya Krylova, who heads the museum’s painting restoration studio, said one canvas had been cut down by a previous owner. Krylova said the missing strip would not be repainted.',
      '“We show what survived, and we tell visitors what did not,” she told reporters in the gallery.',
      'Hermitage staff said visitor numbers had risen by a tenth this year. The paintings hang in the museum’s Tent Hall.',
    ],
    faults: [],
  },
  {
    id: 'h39-hindi-chinese-border-talks-mixed',
    headline: 'India and China hold new round of border talks',
    dek: 'Commanders met for eleven hours at a border point in Ladakh.',
    dateline: 'NEW DELHI',
    paragraphs: [
      'Indian and Chinese military commanders held a new round of talks on Monday at the Chushul-Moldo border meeting point in Ladakh, India’s defence ministry said.',
      'The Indian side was led by Lieutenant General Vikram Rathore. The talks lasted eleven hours.',
      'A joint statement said both sides had agreed to “keep up the momentum”. It gave no details of any agreement on patrols.',
      '“These talks move slowly, but they move,” Rathore told reporters in Leh on Tuesday. “Nobody walked out.',
      'India and China have held more than twenty rounds of talks since 2020.',
    ],
    faults: [{ rule: 'unbalanced-quotes', at: ['“Nobody walked out.'] }],
  },
  {
    id: 'h40-arabic-iraq-marsh-said-dangling',
    headline: 'Water returns to Iraq’s southern marshes after wet winter',
    dek: 'Buffalo herders who left during the drought are coming back.',
    dateline: 'CHIBAYISH',
    paragraphs: [
      'Heavy rain this winter has refilled large parts of the Mesopotamian marshes in southern Iraq, and herders who left during four years of drought are returning with their buffalo.',
      'Jassim al-Asadi, an engineer with the group Nature Iraq, said water covered about 60 per cent of the central marshes, up from a fifth last year.',
      'Asadi said the recovery could be reversed in a single dry summer. “We were lucky with the rain, and luck is not a water policy.”',
      'The catch in Chibayish has doubled since January. The marshes could support 5,000 families again by summer, said.',
      '“The reeds are back to the height of a man.”',
    ],
    faults: [
      { rule: 'dangling-attribution', at: ['by summer, said.'] },
      { rule: 'quote-without-speaker', at: ['“The reeds are back'] },
    ],
  },
  {
    id: 'h41-ukraine-grain-kyiv-kiev-dash-dateline',
    headline: 'Ukraine’s grain exports rise as Danube ports expand',
    dek: 'Shipments through Izmail and Reni reached a record in November.',
    dateline: 'KYIV —',
    paragraphs: [
      'Ukraine exported 5.8 million tonnes of grain in November, the most in a single month for two years, as ports on the Danube handled a growing share of shipments, the agriculture ministry in Kyiv said on Monday.',
      'Oleksandr Hrytsenko, head of the ministry’s export department, said the ports of Izmail and Reni had added twelve new berths since the summer.',
      '“Every berth we add is another ship a day,” Hrytsenko told a briefing in Kiev.',
      'The port of Izmail will work around the clock from January. “Night loading starts on the first Monday of the month.” The port authority confirmed the date in a statement.',
      'Wheat made up about half of November’s exports. Maize and barley made up most of the rest.',
      '“Prices for farmers have finally recovered to where they were before the war.”',
    ],
    houseSpellings: ['Kyiv'],
    faults: [
      { rule: 'dateline-form', at: ['KYIV —'] },
      { rule: 'name-spelled-two-ways', at: ['Kyiv', 'Kiev'], expectSuggestion: 'Kyiv' },
      { rule: 'quote-without-speaker', at: ['“Prices for farmers have'] },
    ],
  },
  {
    id: 'h42-persian-river-talks-long-dateline',
    headline: 'Iran and Turkey agree to share data on shared rivers',
    dek: 'Engineers from both countries will exchange daily flow readings.',
    dateline: 'GENEVA, Switzerland, where the talks were held behind closed doors',
    paragraphs: [
      'Iran and Turkey agreed on Thursday to exchange daily readings from gauging stations on the rivers they share, after two days of talks hosted by Switzerland.',
      'The two delegations also agreed to study a report titled “A Framework for Shared Rivers” prepared by Swiss hydrologists.',
      'Hamid Taherian, who led the Iranian delegation, said the data would be shared through a website that both governments could read. “If we read the same numbers, we argue less,” he said. The Turkish delegation called the talks “useful”.',
      'Lake Urmia, in north-western Iran, has shrunk by more than half since the 1990s. No agreement on dam releases was announced.',
      '“The water in Lake Urmia has nowhere else to come from.”',
      'The next round is expected in Ankara in the spring, said.',
    ],
    faults: [
      { rule: 'dateline-form', at: ['GENEVA, Switzerland, where the talks were held behind closed doors'] },
      { rule: 'quote-without-speaker', at: ['“The water in Lake Urmia'] },
      { rule: 'dangling-attribution', at: ['in the spring, said.'] },
    ],
  },
  {
    id: 'h43-urdu-hindi-qawwali-nizamuddin',
    headline: 'Qawwali singers fill Delhi shrine for winter festival',
    dek: 'The festival at the Nizamuddin Dargah drew crowds late into the night.',
    dateline: 'NEW DELHI',
    paragraphs: [
      'Thousands of people crowded into the courtyard of the Nizamuddin Dargah in New Delhi on Thursday night for the opening of a winter festival of qawwali, the devotional music of South Asia’s Sufi shrines.',
      'The shrine holds the tomb of the thirteenth-century saint Nizamuddin Auliya. The neighbourhood around it, Nizamuddin West, grew up around the shrine over seven centuries.',
      'The Nizami Bandhu brothers, whose family has sung at the shrine for generations, opened with “Chhap Tilak Sab Chheeni”, a poem by Amir Khusrau.',
      'Visitors who arrived by train at Hazrat Nizamuddin station walked through lanes lit by strings of bulbs.',
      '“People come for one song and they stay until morning.”',
      'Ghulam Sabir, the eldest of the brothers, told reporters the group had added younger singers this year. “My voice is older than the microphones,” he said.',
    ],
    faults: [{ rule: 'quote-without-speaker', at: ['“People come for one song'] }],
    neverSuggest: ['Nizamuddin Dargah', 'Nizamuddin Auliya', 'Nizamuddin West', 'Hazrat Nizamuddin station', 'Nizami Bandhu'],
  },
  {
    id: 'h44-russian-chinese-chess-stray-quote',
    headline: 'Chinese grandmaster wins rapid chess title in Kazan',
    dek: 'Li Mingzhe beat the favourite in a playoff.',
    dateline: 'KAZAN',
    paragraphs: [
      'Li Mingzhe of China won the rapid chess tournament in Kazan on Sunday, beating the Russian favourite Gleb Artamonov in a two-game playoff.',
      'Artamonov had led for most of the event. The final game lasted 94 moves and ended in a draw."',
      'Li called his opening a “quiet” choice. “I wanted a long game, because long games are where he gets impatient,” he told the organisers’ broadcast.',
      'Artamonov said he had no complaints. "I played the playoff badly. He played it well.',
      '"Next year I will prepare for the playoff as well as the tournament."',
      'The tournament is part of a series of rapid events played in six cities.',
    ],
    faults: [{ rule: 'unbalanced-quotes', at: ['ended in a draw."'] }],
  },
];
