import { CONFERENCE_OPEN_SESSION_SLUGS } from './conference-events-data.js';
import type { DemoEdition, DemoSession } from './conference-types.js';

type Workshop = {
  key: string;
  track: string;
  room: string;
  language: DemoSession['language'];
  en: string;
  sv: string;
  trainer: string;
  about: { en: string; sv: string };
};

/** The 2018 workshops in two parts: part 1 on the first afternoon, part 2 the next morning, which requires it. */
const twoPartWorkshops: Workshop[] = [
  {
    key: 'digital',
    track: 'security',
    room: 'a',
    language: 'en-ru',
    en: 'Digital security',
    sv: 'Digital säkerhet',
    trainer: 'lena-markovic-holt',
    about: { en: 'Threat models, encrypted messaging and safer phones.', sv: 'Hotmodeller, krypterade meddelanden och säkrare telefoner.' },
  },
  {
    key: 'litigation',
    track: 'law',
    room: 'b',
    language: 'en',
    en: 'Strategic litigation',
    sv: 'Strategisk processföring',
    trainer: 'tomasz-rybak-lind',
    about: {
      en: 'Choosing cases that can change the law, at home and in international courts.',
      sv: 'Att välja fall som kan ändra lagen, hemma och i internationella domstolar.',
    },
  },
  {
    key: 'video',
    track: 'communication',
    room: 'c',
    language: 'en',
    en: 'Video campaigning',
    sv: 'Videokampanjer',
    trainer: 'owen-achterberg-sala',
    about: {
      en: 'From a phone recording to a campaign, without exposing the people filmed.',
      sv: 'Från en mobilinspelning till en kampanj, utan att utsätta dem som filmas.',
    },
  },
  {
    key: 'psychosocial',
    track: 'wellbeing',
    room: 'd',
    language: 'ru',
    en: 'Psychosocial security',
    sv: 'Psykosocial säkerhet',
    trainer: 'selma-haddad-ekstrom',
    about: {
      en: 'Stress, fear and burnout as security risks, and how teams can carry them.',
      sv: 'Stress, rädsla och utbrändhet som säkerhetsrisker, och hur en grupp kan bära dem.',
    },
  },
];

const workshopSessions: DemoSession[] = twoPartWorkshops.flatMap((w): DemoSession[] => [
  {
    key: `${w.key}-1`,
    day: 0,
    start: '13:30',
    end: '16:30',
    type: 'workshop',
    language: w.language,
    track: w.track,
    room: w.room,
    visibility: 'public',
    parts: [1, 2],
    capacity: 25,
    texts: { en: { title: w.en, description: w.about.en }, sv: { title: w.sv, description: w.about.sv } },
    people: [[w.trainer, 'trainer', false]],
  },
  {
    key: `${w.key}-2`,
    day: 1,
    start: '09:00',
    end: '12:00',
    type: 'workshop',
    language: w.language,
    track: w.track,
    room: w.room,
    visibility: 'public',
    parts: [2, 2],
    requires: `${w.key}-1`,
    capacity: 25,
    texts: { en: { title: w.en, description: w.about.en }, sv: { title: w.sv, description: w.about.sv } },
    people: [[w.trainer, 'trainer', false]],
  },
]);

export const edition2018: DemoEdition = {
  year: 2018,
  dates: { start: '2018-04-09', end: '2018-04-12' },
  figures: { defenders: 200, countries: 45, continents: 5 },
  texts: {
    en: {
      theme: 'Tools for defenders at risk',
      summary: 'The first edition held two years after the one before: about 200 defenders from 45 countries.',
      body: 'Workshops ran in parallel tracks, several of them in two parts over two days, in English, in Russian, or in English with Russian interpretation. They covered digital security, strategic litigation, video campaigning, gender perspectives, psychosocial security and innovation.\n\nThe programme below shows the sessions the organisers have made public.',
    },
    sv: {
      theme: 'Verktyg för försvarare i riskzonen',
      summary: 'Den första konferensen två år efter den förra: omkring 200 försvarare från 45 länder.',
      body: 'Workshopparna gick i parallella spår, flera av dem i två delar under två dagar, på engelska, på ryska eller på engelska med tolkning till ryska. De handlade om digital säkerhet, strategisk processföring, videokampanjer, genusperspektiv, psykosocial säkerhet och innovation.\n\nProgrammet nedan visar de programpunkter som arrangörerna har gjort offentliga.',
    },
  },
  tracks: [
    { key: 'security', en: 'Security', sv: 'Säkerhet' },
    { key: 'law', en: 'Law and advocacy', sv: 'Juridik och påverkan' },
    { key: 'communication', en: 'Communication', sv: 'Kommunikation' },
    { key: 'wellbeing', en: 'Well-being', sv: 'Välmående' },
  ],
  rooms: [
    { key: 'plenary', name: 'Plenary hall', capacity: 250, visibility: 'public' },
    { key: 'a', name: 'Workshop room A', capacity: 25 },
    { key: 'b', name: 'Workshop room B', capacity: 25 },
    { key: 'c', name: 'Workshop room C', capacity: 25 },
    { key: 'd', name: 'Workshop room D', capacity: 25 },
  ],
  sessions: [
    {
      day: 0,
      start: '10:00',
      end: '11:00',
      type: 'keynote',
      room: 'plenary',
      visibility: 'public',
      texts: { en: { title: 'Opening of Defenders’ Days 2018' }, sv: { title: 'Invigning av Defenders’ Days 2018' } },
    },
    {
      day: 0,
      start: '11:30',
      end: '12:30',
      type: 'presentation',
      room: 'plenary',
      visibility: 'public',
      texts: { en: { title: 'How the workshops work' }, sv: { title: 'Så fungerar workshopparna' } },
    },
    ...workshopSessions,
    {
      day: 1,
      start: '12:00',
      end: '13:30',
      type: 'break',
      visibility: 'public',
      texts: { en: { title: 'Lunch' }, sv: { title: 'Lunch' } },
    },
    {
      day: 1,
      start: '13:30',
      end: '16:30',
      type: 'workshop',
      language: 'en-ru',
      track: 'law',
      room: 'b',
      visibility: 'public',
      texts: {
        en: { title: 'Gender perspectives in human rights work', description: 'Seeing how risks and remedies differ for women and LGBTI defenders.' },
        sv: {
          title: 'Genusperspektiv i människorättsarbetet',
          description: 'Att se hur risker och skydd skiljer sig för kvinnor och hbtqi-personer som försvarar rättigheter.',
        },
      },
      people: [['ines-kallio-moreau', 'trainer', false]],
    },
    {
      day: 1,
      start: '13:30',
      end: '16:30',
      type: 'workshop',
      language: 'en',
      track: 'communication',
      room: 'c',
      visibility: 'public',
      texts: {
        en: { title: 'Innovation against human rights violations', description: 'New tools and unusual alliances that have worked for defenders.' },
        sv: {
          title: 'Innovation mot kränkningar av mänskliga rättigheter',
          description: 'Nya verktyg och oväntade allianser som har fungerat för försvarare.',
        },
      },
    },
    {
      day: 1,
      start: '13:30',
      end: '16:30',
      type: 'training',
      language: 'ru',
      track: 'wellbeing',
      room: 'd',
      texts: {
        en: { title: 'Stress and interrogation', description: 'Preparing for arrest and questioning, with role play.' },
        sv: { title: 'Stress och förhör', description: 'Att förbereda sig för gripande och förhör, med rollspel.' },
      },
      people: [['ruslan-vetrov-dahl', 'trainer', false]],
    },
    {
      day: 2,
      start: '09:00',
      end: '10:30',
      type: 'panel',
      room: 'plenary',
      visibility: 'public',
      texts: { en: { title: 'Panel: protecting defenders at risk' }, sv: { title: 'Panel: skydd för försvarare i riskzonen' } },
    },
    {
      day: 2,
      start: '11:00',
      end: '12:30',
      type: 'workshop',
      language: 'en-ru',
      track: 'security',
      room: 'a',
      texts: { en: { title: 'Travelling and crossing borders safely' }, sv: { title: 'Att resa och passera gränser säkert' } },
      people: [['nadira-qasimova-berg', 'trainer', false]],
    },
    {
      day: 2,
      start: '14:00',
      end: '14:30',
      type: 'commemoration',
      room: 'plenary',
      visibility: 'public',
      texts: { en: { title: 'The empty chair: colleagues who could not come' }, sv: { title: 'Den tomma stolen: kolleger som inte kunde komma' } },
    },
    {
      day: 3,
      start: '18:00',
      end: '20:00',
      part: 'open',
      type: 'ceremony',
      room: 'plenary',
      texts: { en: { title: 'The Defender of the Year award ceremony' }, sv: { title: 'Ceremonin för priset Årets försvarare' } },
    },
  ],
  emptyChairs: [
    {
      name: 'Aidana Serikova-Lund',
      countryCode: 'KZ',
      reason: 'travel-ban',
      note: { en: 'Stopped at the border on her way here.', sv: 'Stoppades vid gränsen på väg hit.' },
      safeToShow: true,
      agreed: false,
    },
    {
      name: 'Giorgi Abashidze-Moss',
      countryCode: 'AZ',
      reason: 'imprisoned',
      note: { en: 'Detained a week before the conference.', sv: 'Greps en vecka före konferensen.' },
      safeToShow: false,
      agreed: false,
    },
  ],
};

/** The next edition, dated from the load day: announced, its programme still a draft that only staff see. */
export const nextEdition: DemoEdition = {
  year: 'next',
  dates: 'next',
  venue: 'head-office',
  programmeStatus: 'draft',
  openSession: CONFERENCE_OPEN_SESSION_SLUGS.next,
  call: {
    role: 'trainer',
    deadlineInDays: 45,
    texts: {
      en: {
        title: 'Call for trainers: digital safety and documentation',
        body: 'We look for trainers who can run a hands-on workshop in the closed part: keeping devices and accounts safe, or documenting violations so that the evidence holds. Workshops run in two parts of 90 minutes, in English, Russian or both with interpretation.\n\nTell us briefly what you would teach and to whom you have taught it. We answer every application after the deadline.',
      },
      sv: {
        title: 'Utlysning för utbildare: digital säkerhet och dokumentation',
        body: 'Vi söker utbildare som kan hålla en praktisk workshop i den slutna delen: att skydda enheter och konton, eller att dokumentera övergrepp så att bevisen håller. Workshopparna hålls i två delar om 90 minuter, på engelska, ryska eller båda med tolkning.\n\nBerätta kort vad du vill lära ut och för vilka du har undervisat. Vi svarar alla sökande efter sista dagen.',
      },
    },
  },
  texts: {
    en: {
      theme: 'Staying safe, staying connected',
      summary: 'The next Defenders’ Days: four days of workshops for invited defenders, and an open evening for everyone.',
      body: 'Invitations to the closed part go out to defenders and stakeholders directly; defenders do not apply. Trainers can answer the open call for trainers. The open session and the award ceremony are open to everyone, with registration.\n\nThe programme is being prepared and will be published here.',
    },
    sv: {
      theme: 'Att vara trygg och hålla kontakten',
      summary: 'Nästa Defenders’ Days: fyra dagar av workshoppar för inbjudna försvarare och en öppen kväll för alla.',
      body: 'Inbjudningar till den slutna delen skickas direkt till försvarare och andra inbjudna; försvarare ansöker inte. Utbildare kan svara på utlysningen för utbildare. Den öppna delen och prisceremonin är öppna för alla, med anmälan.\n\nProgrammet håller på att tas fram och publiceras här.',
    },
  },
  tracks: [
    { key: 'security', en: 'Security', sv: 'Säkerhet' },
    { key: 'advocacy', en: 'Advocacy', sv: 'Påverkan' },
  ],
  rooms: [
    { key: 'hall', name: 'Hall', capacity: 120, visibility: 'public' },
    { key: 'one', name: 'Room 1', capacity: 20 },
  ],
  sessions: [
    {
      day: 0,
      start: '10:00',
      end: '11:00',
      type: 'keynote',
      room: 'hall',
      visibility: 'public',
      texts: { en: { title: 'Opening (draft)' }, sv: { title: 'Invigning (utkast)' } },
    },
    {
      key: 'digital-1',
      day: 0,
      start: '13:00',
      end: '16:00',
      type: 'workshop',
      language: 'en-ru',
      track: 'security',
      room: 'one',
      visibility: 'public',
      parts: [1, 2],
      texts: { en: { title: 'Digital security for newcomers (draft)' } },
      people: [['lena-markovic-holt', 'trainer', false]],
    },
    {
      day: 1,
      start: '09:00',
      end: '12:00',
      type: 'workshop',
      language: 'en-ru',
      track: 'security',
      room: 'one',
      visibility: 'public',
      parts: [2, 2],
      requires: 'digital-1',
      texts: { en: { title: 'Digital security for newcomers (draft)' } },
      people: [['lena-markovic-holt', 'trainer', false]],
    },
    {
      day: 1,
      start: '13:00',
      end: '16:00',
      type: 'workshop',
      language: 'en',
      track: 'advocacy',
      room: 'one',
      texts: { en: { title: 'Briefing diplomats (draft)' } },
      people: [['tomasz-rybak-lind', 'trainer', false]],
    },
  ],
};
