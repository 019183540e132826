import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Doc } from '../../articles/index.ts';
import { runChecks } from '../index.ts';

const doc = (...paras: string[]): Doc => ({ type: 'doc', content: paras.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) });
const quotes = (...paras: string[]): string[] =>
  runChecks({ headline: 'Story', dek: 'A dek.', dateline: 'Tehran', body: doc(...paras) })
    .filter((f) => f.ruleId === 'quote-without-speaker')
    .map((f) => ('block' in f.range ? paras[f.range.block].slice(f.range.start, f.range.end) : ''));

const ORPHAN = '“Nobody told us the tap water was unsafe to drink.”';

describe('quote-without-speaker: a quote paragraph of its own beside an institution', () => {
  it('flags it when the paragraph after is an institution speaking', () => {
    for (const next of [
      'The utility said it had sent text messages to every household.',
      'The city’s heritage committee said the façade would be kept.',
      'Police said there had been no accidents since the cold set in.',
      'Prices have fallen by a fifth, the farmers’ union said.',
    ]) assert.deepEqual(quotes('Residents were angry.', ORPHAN, next), [ORPHAN], next);
  });

  it('flags it when the paragraph before is an institution speaking', () => {
    assert.deepEqual(quotes('The municipality said the line cost 14 million dinars.', ORPHAN), [ORPHAN]);
    assert.deepEqual(quotes('Jazeera carried 4.5 million passengers, according to its annual report.', ORPHAN), [ORPHAN]);
  });

  it('does not flag it when a person speaks beside it', () => {
    for (const next of [
      'The mayor said the budget reflected months of consultation.',
      'Hamedi said the closures would be lifted by 2 p.m.',
      'The utility’s director, Karim Nasser, said letters had gone to every house.',
      'A ministry spokesman said letters had gone to every house.',
      '“She has been like that since she was eight,” her father said.',
    ]) assert.deepEqual(quotes('Residents were angry.', ORPHAN, next), [], next);
    assert.deepEqual(quotes('Their supervisor, Rakesh Chaudhary, said it sent alerts by text message.', ORPHAN), []);
  });

  it('an unclosed quote is left to unbalanced-quotes when any attribution follows', () => {
    assert.deepEqual(quotes('“The heat does not read the calendar.', 'The ministry said the ban would be reviewed.'), []);
  });
});

describe('quote-without-speaker: a noun of saying with its source', () => {
  it('“…” That was the promise from the mayor: attributed', () => {
    assert.deepEqual(quotes('“Every classroom will be heated before the first snow.” That was the promise from the mayor, Amin al-Mamari.'), []);
    assert.deepEqual(quotes('“Every classroom will be heated before the first snow.”', 'That was the verdict of one teacher at the school.'), []);
  });
  it('but a promise with no source is no speaker', () => {
    const q = '“Every classroom will be heated before the first snow.”';
    assert.deepEqual(quotes(q, 'The promise was repeated at the opening.'), [q]);
  });
});

describe('quote-without-speaker: a partial quote in the passive', () => {
  it('has been described as “…” with no one describing it is reported, above the default threshold', () => {
    const p = 'The terminal, designed by a Turkish firm, has been described as “the most beautiful airport building in Central Asia”.';
    assert.deepEqual(quotes(p), ['“the most beautiful airport building in Central Asia”']);
  });
  it('but not with an agent or a medium after it, nor in the active voice', () => {
    assert.deepEqual(quotes('The cubs have been called “the most photographed animals in Siberia” on Russian social media.'), []);
    assert.deepEqual(quotes('The terminal has been described as “the most beautiful building in Central Asia” by its architects.'), []);
    assert.deepEqual(quotes('Critics called the building’s cost “a luxury for a country with crumbling rural roads”.'), []);
  });
  it('the subject of a verb of saying is found past an appositive and a date, not in it', () => {
    const next = 'Orlov, a two-time champion, said the youngster had played well.';
    assert.deepEqual(quotes('All three finished on seven points.', ORPHAN, next), []);
    assert.deepEqual(quotes('Residents were angry.', ORPHAN, 'Flights resume by March, the airline said.'), [ORPHAN]);
  });
});

describe('quote-without-speaker: phrasings from tune-2', () => {
  const fieldQuotes = (headline: string, dek: string, ...paras: string[]): string[] =>
    runChecks({ headline, dek, dateline: 'Tehran', body: doc(...paras) })
      .filter((f) => f.ruleId === 'quote-without-speaker' && 'field' in f.range)
      .map((f) => ('field' in f.range ? (f.range.field === 'headline' ? headline : dek).slice(f.range.start, f.range.end) : ''));

  it('a headline or dek quote needs its speaker in the field or its words quoted in the body', () => {
    const body = ['Hail stripped the orchards on Sunday.', 'The state will pay compensation, the minister said.'];
    assert.deepEqual(fieldQuotes('‘We lost the whole harvest’: hail strips orchards', 'A dek.', ...body), ['‘We lost the whole harvest’']);
    assert.deepEqual(fieldQuotes('Orchards stripped', '“The city floods because the water has nowhere to go.”', ...body), ['“The city floods because the water has nowhere to go.”']);
    // Quoted in the body, with a speaker there; or said in the field; or a title, a scare quote, an apostrophe.
    assert.deepEqual(fieldQuotes('‘We lost the whole harvest’: hail strips orchards', 'A dek.', '“We lost the whole harvest in ten minutes,” said Gurpreet Singh.'), []);
    assert.deepEqual(fieldQuotes('‘We were told nothing,’ say villagers', 'A dek.', ...body), []);
    assert.deepEqual(fieldQuotes('Museum shows ‘The Night Train To Tabriz’', 'Shiraz readers gather at Hafez’s tomb for the ‘poet’s day’.', ...body), []);
  });

  it('the words quoted in the body must themselves have a speaker', () => {
    assert.deepEqual(fieldQuotes('‘We lost the whole harvest’: hail hits', 'A dek.', 'Hail fell.', '“We lost the whole harvest.”', 'Prices rose.'), ['‘We lost the whole harvest’']);
  });

  it('he, she or they with no one before it to stand for', () => {
    const he = '“We will sell every leaf we pick,” he said.';
    assert.deepEqual(quotes('Tea growers began picking.', 'Rizespor, the town’s football club, gave its players a day off.', he), [he.slice(0, 34)]);
    const they = '“We have waited for this line since our first year,” they said.';
    assert.deepEqual(quotes('The line opened.', 'Some of the finds will go on display, Sukru Celik said.', they), [they.slice(0, 52)]);
    // With an antecedent: a name, a person noun, people for `they`.
    assert.deepEqual(quotes('The line opened.', 'Rıza Demir picks tea above Çayeli.', he), []);
    assert.deepEqual(quotes('The line opened.', 'The governor spoke at the station.', he), []);
    assert.deepEqual(quotes('The line opened.', 'Students queued from dawn at the station.', they), []);
  });

  it('the paragraph after speaks for a quote only in its first sentence', () => {
    assert.deepEqual(
      quotes('The festival opened.', ORPHAN, 'Her film is one of ten in competition. Jury president Lee Hye-jin said the jury would watch every film twice.'),
      [ORPHAN],
    );
    assert.deepEqual(quotes('The festival opened.', ORPHAN, 'Jury president Lee Hye-jin said the jury would watch every film twice.'), []);
  });

  it('`had asked the city for late boats` is a request, not a speaker', () => {
    assert.deepEqual(quotes('Ferries run until 11 p.m.', ORPHAN, 'Bars near the Galata Tower had asked the city for late boats.'), [ORPHAN]);
    assert.deepEqual(quotes('Ferries run until 11 p.m.', ORPHAN, 'The mayor asked whether anyone had been told.'), []);
  });

  it('the subject of the paragraph before speaks for a quote paragraph after it', () => {
    assert.deepEqual(quotes('Syed Akbar Hussaini, 72, still lights the wood fires at 4 a.m. His sons run the kitchen.', '“Gas is faster, but the rice knows the difference.”'), []);
  });

  it('a partial quote in a sentence with no one in it is shown; with someone, it stays under the threshold', () => {
    const p = 'The new carpet will be “as close to the lost one as anyone alive can make it”.';
    assert.deepEqual(quotes('The weavers finished.', p), ['“as close to the lost one as anyone alive can make it”']);
    assert.deepEqual(quotes('The weavers finished.', 'The jury praised its “patience and its steady hands”.'), []);
  });
});

describe('quote-without-speaker: phrasings from tune-3 (a set no rule had seen)', () => {
  const SPEAKER = 'Farzaneh Ghaffari, the chief curator, said a second hall would open in 2028.';

  it('a neighbour paragraph speaks only for a quote no narration separates from it', () => {
    const quote = '“This collection belongs to the people who wove it.”';
    // After narration in its own paragraph, the quote is no longer beside the curator's paragraph.
    assert.deepEqual(quotes(SPEAKER, `Entry is free on Fridays for students. ${quote}`), [quote]);
    assert.deepEqual(quotes(SPEAKER, quote), []);
    // The same on the other side: a quote with narration around it is not the next paragraph's.
    assert.deepEqual(quotes('The hall opened in 1950.', `${quote} The hall will host two concerts a week.`, SPEAKER), [quote]);
    assert.deepEqual(quotes('The hall opened in 1950.', quote, SPEAKER), []);
  });

  it('but a one-sentence lead-in ending in a colon belongs to its quote', () => {
    assert.deepEqual(quotes(SPEAKER, 'The hall has burned before: “Every time, we rebuilt it in a month.”'), []);
  });

  it('a named person as the subject of a sentence of the quote’s own paragraph speaks for it', () => {
    assert.deepEqual(quotes('About 200 painters still work in the old city.', '“My father painted film stars, I paint tigers.” Syed Ahmed Hossain, 62, has painted panels since 1979.'), []);
    // `In Bihar, where …` opens with a preposition, not a name.
    const q = '“Half the women who come to us have never had their blood tested.”';
    assert.deepEqual(quotes('The clinics opened in May.', `${q} In Bihar, where most pregnant women are anaemic, that gap is closing.`), [q]);
  });

  it('a participle of saying used as an adjective is no attribution', () => {
    const q = '“We told the director twice. Both times we were told to mind our own work.”';
    assert.deepEqual(quotes('The court sat on Thursday.', `The case began when a tanker did not match its declared cargo. ${q}`), [q]);
  });

  it('quoted words followed by what they are name a thing', () => {
    assert.deepEqual(quotes('Trams appear in many films, among them “The city that never stops”, a 1960s comedy.'), []);
    assert.deepEqual(quotes('The hall opened in 1950.', '“We will be back next year”, a steward said.'), []);
  });
});

describe('quote-without-speaker: who he or she can be (tune-3)', () => {
  const q = '“Nobody should sit in a corridor for six hours,”';

  it('a portfolio word is no one: `the health directorate said` is not a he', () => {
    assert.deepEqual(quotes('Clinics will open at night, the provincial health directorate said.', `Waiting times reached six hours. ${q} he said.`), [q]);
  });

  it('a name with a generic word is a place or a body, not a person', () => {
    assert.deepEqual(quotes('Scientists at Jeju National University recorded warmer water.', `${q} he said.`), [q]);
  });

  it('a surname that is the subject of a verb of saying, or a name with an article, is a person', () => {
    assert.deepEqual(quotes('The festival runs for five nights.', `Pandey told reporters it would return next year. ${q} he said.`), []);
    assert.deepEqual(quotes('The port handled a record.', `Khalid al-Mansouri runs the operator. ${q} he said.`), []);
  });

  it('two people as the subject of the sentence before leave he or she with no one', () => {
    assert.deepEqual(quotes('The trial opened on Monday.', `Petrenko and Lapin both asked the judge for a timetable. ${q} he said.`), [q]);
    assert.deepEqual(quotes('The trial opened on Monday.', `Petrenko asked the judge for a timetable. ${q} he said.`), []);
  });
});
