/**
 * Labelled evaluation data for the transliteration key, written from
 * real-world wire, government and newspaper usage (English, and a few
 * French/German wire spellings where they reach English copy). Labelled
 * before the rules were tuned and not edited to fit them: some groups are
 * expected to fail (Gamal/Jamal, Mecca/Makkah) and are counted as misses.
 *
 * `split`: rules were tuned looking at 'tune' entries only; 'holdout'
 * entries are reported separately so the figures show how the rules
 * generalise to names they were not fitted on.
 */
export type Split = 'tune' | 'holdout';

export interface NameGroup {
  spellings: string[];
  split: Split;
}
export interface DistinctPair {
  names: [string, string];
  note: string;
  split: Split;
}

const GROUPS: string[][] = [
  ['Khamenei', 'Khamenehi'],
  ['Nasrallah', 'Nasrullah'],
  ['Rouhani', 'Rohani'],
  ['Zarif', 'Zareef'],
  ['Ahmadinejad', 'Ahmadinezhad', 'Ahmadinedjad'],
  ['Tchaikovsky', 'Chaikovsky', 'Tschaikowsky', 'Tchaikovski'],
  ['Yeltsin', 'Eltsin', 'Jelzin'],
  ['Gorbachev', 'Gorbachov', 'Gorbatchev', 'Gorbatschow'],
  ['Khrushchev', 'Khrushchov', 'Khrouchtchev'],
  ['Sergei', 'Sergey', 'Serguei'],
  ['Mikhail', 'Mihail', 'Michail'],
  ['Osama', 'Usama'],
  ['Qatar', 'Katar'],
  ['Koran', 'Quran', "Qur'an"],
  ['Hussein', 'Husayn', 'Hussain', 'Husain', 'Hossein'],
  ['Abdullah', 'Abdallah', 'Abdulla'],
  ['Yusuf', 'Youssef', 'Yousef', 'Yousuf', 'Yusef'],
  ['Omar', 'Umar'],
  ['Nouri', 'Nuri'],
  ['Muqtada', 'Moqtada'],
  ['al-Sadr', 'as-Sadr', 'Al Sadr'],
  ['Mahmoud', 'Mahmud', 'Mahmood'],
  ['Erdogan', 'Erdoğan'],
  ['Assad', 'Asad', 'al-Assad'],
  ['Bashar', 'Bachar'],
  ['Hafez', 'Hafiz'],
  ['Sisi', 'el-Sisi', 'al-Sisi'],
  ['Mubarak', 'Moubarak'],
  ['Hosni', 'Husni'],
  ['Morsi', 'Mursi', 'Morsy'],
  ['Nasser', 'Naser', 'Nasir'],
  ['Fallujah', 'Falluja', 'Faluja'],
  ['Basra', 'Basrah'],
  ['Riyadh', 'Riyad', 'Riad'],
  ['Jeddah', 'Jiddah', 'Jedda', 'Jidda'],
  ['Mecca', 'Makkah', 'Mekka'],
  ['Sheikh', 'Shaikh', 'Shaykh', 'Cheikh'],
  ['Faisal', 'Feisal', 'Faysal'],
  ['Zaid', 'Zayd', 'Zeid'],
  ['Saeed', 'Said', "Sa'id", 'Saied'],
  ['Kais', 'Qais', 'Qays'],
  ['Ziad', 'Ziyad', 'Zyad'],
  ['Jamal', 'Gamal'],
  ['Khaled', 'Khalid'],
  ['Walid', 'Waleed', 'Oualid'],
  ['Tariq', 'Tarek', 'Tarik', 'Tareq'],
  ['Rafik', 'Rafiq', 'Rafic'],
  ['Kareem', 'Karim'],
  ['Taliban', 'Taleban'],
  ['Kandahar', 'Qandahar'],
  ['Mujahideen', 'Mujahedin', 'Mujahidin'],
  ['Hamid', 'Hamed'],
  ['Ayatollah', 'Ayatullah'],
  ['Ismail', 'Ismael', 'Esmail'],
  ['Ibrahim', 'Ebrahim', 'Ibraheem'],
  ['Raisi', 'Raeesi', 'Raeisi'],
  ['Soleimani', 'Suleimani', 'Sulaimani'],
  ['Suleiman', 'Sulayman', 'Soliman'],
  ['Laden', 'Ladin'],
  ['Zawahiri', 'Zawahri'],
  ['Qaeda', 'Qaida', "Qa'ida"],
  ['Houthi', 'Huthi'],
  ['Sanaa', "Sana'a"],
  ['Hodeidah', 'Hudaydah', 'Hodeida'],
  ['Dmitry', 'Dmitri', 'Dmitriy'],
  ['Zelensky', 'Zelenskyy', 'Zelenskiy', 'Zelenskii'],
  ['Kyiv', 'Kiev'],
  ['Kharkiv', 'Kharkov'],
  ['Odesa', 'Odessa'],
  ['Navalny', 'Navalnyy', 'Nawalny'],
  ['Shoigu', 'Shoygu'],
  ['Prigozhin', 'Prigojine'],
  ['Kadyrov', 'Kadirov'],
  ['Tatyana', 'Tatiana'],
  ['Natalya', 'Natalia', 'Nataliya'],
  ['Yevgeny', 'Evgeny', 'Evgeniy', 'Yevgeniy'],
  ['Alexei', 'Alexey', 'Aleksei', 'Alexej'],
  ['Nikolai', 'Nikolay', 'Nicolai'],
  ['Fyodor', 'Fedor', 'Feodor'],
  ['Tehran', 'Teheran'],
  ['Isfahan', 'Esfahan'],
  ['Mashhad', 'Mashad'],
  ['Qom', 'Qum', 'Ghom'],
  ['Haniyeh', 'Haniya', 'Haniyya'],
  ['Yahya', 'Yehia'],
  ['Ramallah', 'Ramalla'],
  ['Khan Younis', 'Khan Yunis', 'Khan Yunus'],
  ['Deir al-Balah', 'Deir el-Balah'],
  ['Jabalia', 'Jabalya', 'Jabaliya'],
  ['Moussa', 'Musa', 'Mousa'],
  ['Sharif', 'Shareef', 'Cherif'],
  ['Mustafa', 'Moustafa', 'Mostafa'],
  ['Javad', 'Jawad'],
  ['Mehdi', 'Mahdi'],
  ['Mohsen', 'Muhsin'],
  ['Ghalibaf', 'Qalibaf'],
  ['Fatemeh', 'Fatima', 'Fatimah'],
];

const PAIRS: Array<[string, string, string]> = [
  ['Ali', 'Alawi', 'different names'],
  ['Sunni', 'Sanaa', 'sect vs city'],
  ['Karim', 'Kazim', 'different names'],
  ['Malik', 'Maliki', 'given name vs surname'],
  ['Tehran', 'Tahrir', 'city vs square'],
  ['Hamas', 'Hamza', 'movement vs given name'],
  ['Amman', 'Oman', 'city vs country'],
  ['Ahmed', 'Ahmadi', 'given name vs surname'],
  ['Mahmoud', 'Muhammad', 'different names'],
  ['Rafah', 'Rafiq', 'city vs given name'],
  ['Said', 'Sayyid', 'Sa‘id vs Sayyid'],
  ['Hamid', 'Hamad', 'different names, differ only in a middle vowel'],
  ['Khalid', 'Khalil', 'different names'],
  ['Nasser', 'Nasr', 'different names'],
  ['Omar', 'Amr', 'different names'],
  ['Aziz', 'Azzam', 'different names'],
  ['Hama', 'Homs', 'different cities'],
  ['Idlib', 'Irbid', 'different cities'],
  ['Zayed', 'Zaid', 'different names'],
  ['Fatima', 'Fatah', 'given name vs party'],
  ['Rashid', 'Rashad', 'different names, differ only in a middle vowel'],
  ['Nabil', 'Nabila', 'masculine vs feminine'],
  ['Amin', 'Amini', 'given name vs surname'],
  ['Samir', 'Samira', 'masculine vs feminine'],
  ['Sudan', 'Sidon', 'country vs city'],
  ['Khamenei', 'Khomeini', 'different people'],
  ['Sergei', 'Sergio', 'Russian vs Italian name'],
  ['Maria', 'Mariam', 'different names'],
  ['Hussein', 'Husseini', 'given name vs surname'],
  ['Gaza', 'Ghazi', 'place vs given name'],
  ['Iran', 'Oran', 'country vs Algerian city'],
  ['Navalny', 'Navalnaya', 'masculine vs feminine surname'],
  ['Ali', 'Alia', 'masculine vs feminine'],
  ['Khan', 'Han', 'Pashto/Urdu vs Chinese/Korean surname'],
  ['Saleh', 'Salah', 'different names'],
  ['Hadi', 'Hamdi', 'different names'],
  ['Bakr', 'Bakri', 'given name vs surname'],
  ['Karim', 'Karima', 'masculine vs feminine'],
  ['Kirkuk', 'Karak', 'Iraqi city vs Jordanian town'],
];

const split = (i: number): Split => (i % 2 === 0 ? 'tune' : 'holdout');

export const LABELLED_GROUPS: readonly NameGroup[] = GROUPS.map((spellings, i) => ({ spellings, split: split(i) }));

export const DISTINCT_PAIRS: readonly DistinctPair[] = PAIRS.map(([a, b, note], i) => ({ names: [a, b], note, split: split(i) }));
