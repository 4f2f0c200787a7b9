/**
 * The demo's catalogue: the series, venues, topics, partner organisations and people
 * that the demo events refer to by slug. People in past events are the public speakers
 * of the organisation's archive; people in upcoming events are invented.
 */

export const series = {
  'one-hour-of-human-rights': {
    en: {
      name: 'One Hour of Human Rights',
      description: 'A morning seminar at our head office in Stockholm: one guest, one country, one hour. Most are streamed live and can be watched afterwards.',
    },
    sv: {
      name: 'En timme om mänskliga rättigheter',
      description: 'Ett morgonseminarium på vårt huvudkontor i Stockholm: en gäst, ett land, en timme. De flesta sänds direkt och går att se i efterhand.',
    },
  },
} as const;
export type SeriesSlug = keyof typeof series;

export const venues = {
  'head-office': { name: "Defenders' House", address: 'Försvarargatan 4', city: 'Stockholm', countryCode: 'SE' },
  myntkabinettet: { name: 'Myntkabinettet (The Royal Coin Cabinet)', address: 'Slottsbacken 6', city: 'Stockholm', countryCode: 'SE' },
  'meeting-house-sarajevo': { name: 'Meeting House Sarajevo', address: 'Obala Kulina bana 12', city: 'Sarajevo', countryCode: 'BA' },
} as const;
export type VenueSlug = keyof typeof venues;

export const topics = {
  'freedom-of-expression': { en: 'Freedom of expression', sv: 'Yttrandefrihet' },
  'media-freedom': { en: 'Media freedom', sv: 'Mediefrihet' },
  'internet-freedom': { en: 'Internet freedom', sv: 'Internetfrihet' },
  'freedom-of-assembly': { en: 'Freedom of assembly and association', sv: 'Mötes- och föreningsfrihet' },
  'human-rights-defenders': { en: 'Human rights defenders', sv: 'Människorättsförsvarare' },
  'lgbti-rights': { en: 'LGBTI rights', sv: 'Hbtqi-personers rättigheter' },
  'rule-of-law': { en: 'Rule of law', sv: 'Rättsstatens principer' },
  'disability-rights': { en: 'Disability rights', sv: 'Rättigheter för personer med funktionsnedsättning' },
  'land-and-housing': { en: 'Land and housing rights', sv: 'Rätt till mark och bostad' },
  democracy: { en: 'Democracy and transition', sv: 'Demokrati och övergång' },
  'discrimination-and-minorities': { en: 'Discrimination and minorities', sv: 'Diskriminering och minoriteter' },
} as const;
export type TopicSlug = keyof typeof topics;

export const partners = {
  ostgruppen: { name: 'Östgruppen' },
  yihr: { name: 'Youth Initiative for Human Rights' },
  'ti-bih': { name: 'Transparency International Bosnia and Herzegovina' },
  'promo-lex': { name: 'Promo-LEX Association' },
  adrf: { name: 'Albanian Disability Rights Foundation' },
  'swedish-institute': { name: 'Swedish Institute' },
} as const;
export type PartnerSlug = keyof typeof partners;

interface PersonData {
  name: string;
  en: string;
  sv: string;
}

const peopleData = {
  // Past events: the public speakers of the archive.
  'ales-bialiatski': { name: 'Ales Bialiatski', en: 'Chair, Viasna Human Rights Centre, Belarus', sv: 'Ordförande, människorättscentret Viasna, Belarus' },
  'emin-milli': { name: 'Emin Milli', en: 'Writer and journalist, Azerbaijan', sv: 'Författare och journalist, Azerbajdzjan' },
  'arthit-suriyawongkul': { name: 'Arthit Suriyawongkul', en: 'Thai Netizen Network', sv: 'Thai Netizen Network' },
  'tomas-ojea-quintana': {
    name: 'Tomás Ojea Quintana',
    en: 'UN Special Rapporteur on the situation of human rights in Myanmar',
    sv: 'FN:s särskilda rapportör för de mänskliga rättigheterna i Myanmar',
  },
  'ion-manole': { name: 'Ion Manole', en: 'Executive Director, Promo-LEX Association, Moldova', sv: 'Verksamhetschef, Promo-LEX, Moldavien' },
  'siarhei-androsenka': { name: 'Siarhei Androsenka', en: 'LGBT activist, Gay Belarus', sv: 'Hbt-aktivist, Gay Belarus' },
  'vugar-goyajev': { name: 'Vugar Goyajev', en: 'Presenter of our report on Azerbaijan', sv: 'Presenterar vår rapport om Azerbajdzjan' },
  'benedicte-berner': { name: 'Benedicte Berner', en: 'Civil Rights Defenders', sv: 'Civil Rights Defenders' },
  'borka-pavicevic': { name: 'Borka Pavićević', en: 'Centre for Cultural Decontamination, Serbia', sv: 'Centrum för kulturell dekontaminering, Serbien' },
  'tanja-petovar': { name: 'Tanja Petovar', en: 'Human rights lawyer, Serbia', sv: 'Människorättsjurist, Serbien' },
  'jan-urban': { name: 'Jan Urban', en: 'Journalist, Czech Republic', sv: 'Journalist, Tjeckien' },
  'miklos-haraszti': { name: 'Miklós Haraszti', en: 'Writer, Hungary', sv: 'Författare, Ungern' },
  'blerta-cani-drenofci': {
    name: 'Blerta Çani Drenofci',
    en: 'Executive Director, Albanian Disability Rights Foundation',
    sv: 'Verksamhetschef, Albanian Disability Rights Foundation',
  },
  'ee-sarom': { name: 'Ee Sarom', en: 'Sahmakum Teang Tnaut (STT), Cambodia', sv: 'Sahmakum Teang Tnaut (STT), Kambodja' },
  'anastasia-smirnova': { name: 'Anastasia Smirnova', en: 'LGBT activist, St Petersburg', sv: 'Hbt-aktivist, S:t Petersburg' },
  'alexandra-semenova': { name: 'Alexandra Semenova', en: 'LGBT activist, St Petersburg', sv: 'Hbt-aktivist, S:t Petersburg' },
  'robert-hardh': { name: 'Robert Hårdh', en: 'Executive Director, Civil Rights Defenders', sv: 'Chef, Civil Rights Defenders' },
  'dennis-tollborg': { name: 'Dennis Töllborg', en: 'Professor, author of the report', sv: 'Professor, rapportens författare' },
  'oksana-chelysheva': {
    name: 'Oksana Chelysheva',
    en: 'Russian-Chechen Friendship Society; columnist, Novaya Gazeta',
    sv: 'Rysk-tjetjenska vänskapsförbundet; kolumnist i Novaja Gazeta',
  },
  'usam-baysaev': { name: 'Usam Baysaev', en: 'Memorial, Russia', sv: 'Memorial, Ryssland' },
  'ingmar-oldberg': {
    name: 'Ingmar Oldberg',
    en: 'Russia expert, Swedish Institute of International Affairs',
    sv: 'Rysslandsexpert, Utrikespolitiska institutet',
  },
  'martin-uggla': { name: 'Martin Uggla', en: 'Chair, Östgruppen', sv: 'Ordförande, Östgruppen' },
  'thomas-olsson': { name: 'Thomas Olsson', en: 'Lawyer', sv: 'Advokat' },
  'laue-traberg-smidt': { name: 'Laue Traberg Smidt', en: 'Lawyer, Denmark', sv: 'Advokat, Danmark' },
  'anna-wigenmark': { name: 'Anna Wigenmark', en: 'Lawyer, Civil Rights Defenders', sv: 'Jurist, Civil Rights Defenders' },
  'madelaine-seidlitz': { name: 'Madelaine Seidlitz', en: 'Lawyer, Amnesty International', sv: 'Jurist, Amnesty International' },
  'gosta-hulten': { name: 'Gösta Hultén', en: 'Journalist, Charta 2008', sv: 'Journalist, Charta 2008' },

  // Upcoming events: invented people with invented affiliations.
  'maja-lindgren': { name: 'Maja Lindgren', en: 'Programme officer, media freedom (demo)', sv: 'Handläggare för mediefrihet (demo)' },
  'tomas-ekberg': { name: 'Tomas Ekberg', en: 'Digital security trainer (demo)', sv: 'Utbildare i digital säkerhet (demo)' },
  'nadia-verhoeven': { name: 'Nadia Verhoeven', en: 'Researcher in video documentation (demo)', sv: 'Forskare i videodokumentation (demo)' },
  'lukas-brandt': { name: 'Lukas Brandt', en: 'Open-source investigator (demo)', sv: 'Utredare med öppna källor (demo)' },
  'elin-sjoberg': { name: 'Elin Sjöberg', en: 'Host of the series (demo)', sv: 'Programledare för serien (demo)' },
  'sara-dahl': { name: 'Sara Dahl', en: 'Film critic (demo)', sv: 'Filmkritiker (demo)' },
  'petra-novak': { name: 'Petra Novak', en: 'Disability rights lawyer (demo)', sv: 'Jurist inom funktionsrätt (demo)' },
  'hanna-bjork': { name: 'Hanna Björk', en: 'Protection programme officer (demo)', sv: 'Handläggare för skyddsprogrammet (demo)' },
} as const satisfies Record<string, PersonData>;

export const people: Record<PersonSlug, PersonData> = peopleData;
export type PersonSlug = keyof typeof peopleData;
