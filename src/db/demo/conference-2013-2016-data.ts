import { CONFERENCE_OPEN_SESSION_SLUGS } from './conference-events-data.js';
import type { DemoConferencePerson, DemoEdition } from './conference-types.js';

/**
 * People of the demo programmes. The two UN Special Rapporteurs are public figures from the
 * seeds, named on public sessions with their consent to a public profile; every trainer of
 * the closed part is invented and never named publicly.
 */
export const conferencePeople: Record<string, DemoConferencePerson> = {
  'michel-forst': {
    name: 'Michel Forst',
    publicProfile: true,
    affiliation: {
      en: 'UN Special Rapporteur on the situation of human rights defenders',
      sv: 'FN:s särskilda rapportör för människorättsförsvarares situation',
    },
  },
  'maina-kiai': {
    name: 'Maina Kiai',
    publicProfile: true,
    affiliation: {
      en: 'UN Special Rapporteur on the rights to freedom of peaceful assembly and of association',
      sv: 'FN:s särskilda rapportör för mötes- och föreningsfrihet',
    },
  },
  'lena-markovic-holt': { name: 'Lena Marković-Holt', publicProfile: false },
  'tomasz-rybak-lind': { name: 'Tomasz Rybak-Lind', publicProfile: false },
  'nadira-qasimova-berg': { name: 'Nadira Qasimova-Berg', publicProfile: false },
  'owen-achterberg-sala': { name: 'Owen Achterberg-Sala', publicProfile: false },
  'selma-haddad-ekstrom': { name: 'Selma Haddad-Ekström', publicProfile: false },
  'ruslan-vetrov-dahl': { name: 'Ruslan Vetrov-Dahl', publicProfile: false },
  'ines-kallio-moreau': { name: 'Ines Kallio-Moreau', publicProfile: false },
};

export const editions2013to2016: DemoEdition[] = [
  {
    year: 2013,
    dates: { start: '2013-04-02', end: '2013-04-05' },
    openSession: CONFERENCE_OPEN_SESSION_SLUGS[2013],
    texts: {
      en: {
        theme: 'The first Defenders’ Days',
        summary: 'Four days in Stockholm for human rights defenders from some of the world’s most repressive countries.',
        body: 'The first edition set out what the conference still aims for: recognition for defenders at risk, a better understanding of their work, and a place to build skills and networks.\n\nInvited defenders trained in digital security, video campaigning and lobbying, and heard the UN Special Rapporteur on human rights defenders in a panel. The open session was held on 4 April, the anniversary of Martin Luther King’s death.',
      },
      sv: {
        theme: 'Den första Defenders’ Days',
        summary: 'Fyra dagar i Stockholm för människorättsförsvarare från några av världens mest repressiva länder.',
        body: 'Den första konferensen lade fast det som konferensen fortfarande strävar efter: erkännande för försvarare i riskzonen, bättre förståelse för deras arbete och en plats att bygga kunskap och nätverk.\n\nInbjudna försvarare utbildades i digital säkerhet, videokampanjer och påverkansarbete och mötte FN:s särskilda rapportör för människorättsförsvarare i en panel. Den öppna delen hölls den 4 april, årsdagen av mordet på Martin Luther King.',
      },
    },
    tracks: [
      { key: 'training', en: 'Trainings', sv: 'Utbildningar' },
      { key: 'panels', en: 'Panels and talks', sv: 'Paneler och föredrag' },
    ],
    rooms: [
      { key: 'hall', name: 'Main hall', capacity: 200, visibility: 'public' },
      { key: 'small', name: 'Seminar room 2', capacity: 25 },
    ],
    sessions: [
      {
        day: 0,
        start: '10:00',
        end: '11:00',
        type: 'keynote',
        room: 'hall',
        visibility: 'public',
        texts: { en: { title: 'Welcome to Defenders’ Days' }, sv: { title: 'Välkommen till Defenders’ Days' } },
      },
      {
        day: 1,
        start: '09:00',
        end: '12:00',
        type: 'training',
        track: 'training',
        visibility: 'public',
        texts: {
          en: { title: 'Digital security', description: 'Protecting devices, accounts and sources when the state is watching.' },
          sv: { title: 'Digital säkerhet', description: 'Att skydda enheter, konton och källor när staten övervakar.' },
        },
        people: [['lena-markovic-holt', 'trainer', false]],
      },
      {
        day: 1,
        start: '09:00',
        end: '12:00',
        type: 'training',
        track: 'panels',
        visibility: 'public',
        texts: {
          en: { title: 'Lobbying that works', description: 'How to bring a case to diplomats and international bodies.' },
          sv: { title: 'Påverkansarbete som fungerar', description: 'Hur man för fram ett ärende till diplomater och internationella organ.' },
        },
        people: [['tomasz-rybak-lind', 'trainer', false]],
      },
      {
        day: 1,
        start: '13:30',
        end: '16:30',
        type: 'training',
        track: 'training',
        visibility: 'public',
        texts: {
          en: { title: 'Video campaigning', description: 'Filming safely and telling a story that travels.' },
          sv: { title: 'Videokampanjer', description: 'Att filma säkert och berätta så att det når ut.' },
        },
      },
      {
        day: 1,
        start: '13:30',
        end: '16:30',
        type: 'workshop',
        track: 'panels',
        room: 'small',
        texts: {
          en: { title: 'Security planning clinic', description: 'One-to-one advice on each participant’s own situation.' },
          sv: { title: 'Mottagning för säkerhetsplanering', description: 'Enskild rådgivning om varje deltagares egen situation.' },
        },
        people: [['nadira-qasimova-berg', 'trainer', false]],
      },
      {
        day: 2,
        start: '10:00',
        end: '11:30',
        type: 'panel',
        track: 'panels',
        visibility: 'public',
        texts: {
          en: { title: 'Recognising defenders at risk', description: 'With the UN Special Rapporteur on the situation of human rights defenders.' },
          sv: { title: 'Erkännande för försvarare i riskzonen', description: 'Med FN:s särskilda rapportör för människorättsförsvarares situation.' },
        },
      },
      {
        day: 2,
        start: '13:00',
        end: '14:00',
        type: 'presentation',
        track: 'panels',
        visibility: 'public',
        texts: {
          en: { title: 'Escape from a prison camp', description: 'A defector from North Korea tells of the camp he was born in and how he got out.' },
          sv: { title: 'Flykten från ett fångläger', description: 'En avhoppare från Nordkorea berättar om lägret han föddes i och hur han kom ut.' },
        },
      },
      {
        day: 2,
        start: '18:00',
        end: '20:00',
        part: 'open',
        type: 'ceremony',
        room: 'hall',
        texts: {
          en: { title: 'Open session and the Defender of the Year award' },
          sv: { title: 'Öppen del och priset Årets försvarare' },
        },
      },
    ],
  },
  {
    year: 2014,
    dates: null,
    programmeStatus: 'published',
    texts: {
      en: {
        theme: 'The second Defenders’ Days',
        summary: 'The conference met again in Stockholm a year after the first.',
        body: 'The second edition brought defenders back to Stockholm for trainings, panels and networking.\n\nSome of the defenders who came in 2014 could not return the following year: they were in prison for what they had written.',
      },
      sv: {
        theme: 'Den andra Defenders’ Days',
        summary: 'Konferensen samlades igen i Stockholm ett år efter den första.',
        body: 'Den andra konferensen förde tillbaka försvarare till Stockholm för utbildningar, paneler och nätverkande.\n\nNågra av försvararna som kom 2014 kunde inte komma tillbaka året därpå: de satt i fängelse för det de hade skrivit.',
      },
    },
  },
  {
    year: 2015,
    dates: { start: '2015-04-07', end: '2015-04-10' },
    openSession: CONFERENCE_OPEN_SESSION_SLUGS[2015],
    figures: { participants: 250, defenders: 160, countries: 35, continents: 4 },
    texts: {
      en: {
        theme: 'Training, empowerment and networking',
        summary: 'The third edition: over four days, defenders from Cuba to Cambodia trained, debated and met.',
        body: 'Two days of trainings covered digital security, strategic litigation, video campaigning and gender perspectives in human rights work. Panels discussed repressive trends against defenders, Russian repression beyond Russia’s borders, women defenders and the links between business and human rights.\n\nOn 8 April, International Roma Day, the Roma flag was raised at the conference venue. An empty chair on the stage stood for the colleagues who could not come.',
      },
      sv: {
        theme: 'Utbildning, egenmakt och nätverk',
        summary: 'Den tredje konferensen: under fyra dagar utbildade sig, debatterade och möttes försvarare från Kuba till Kambodja.',
        body: 'Två dagar av utbildningar tog upp digital säkerhet, strategisk processföring, videokampanjer och genusperspektiv i människorättsarbetet. Panelerna diskuterade repressiva trender mot försvarare, rysk repression utanför Rysslands gränser, kvinnliga försvarare och kopplingen mellan näringsliv och mänskliga rättigheter.\n\nDen 8 april, den internationella romadagen, hissades romernas flagga vid konferensen. En tom stol på scenen stod för de kolleger som inte kunde komma.',
      },
    },
    tracks: [
      { key: 'a', en: 'Training A', sv: 'Utbildning A' },
      { key: 'b', en: 'Training B', sv: 'Utbildning B' },
    ],
    rooms: [{ key: 'stage', name: 'Main stage', visibility: 'public' }],
    sessions: [
      {
        day: 0,
        start: '10:00',
        end: '11:00',
        type: 'keynote',
        room: 'stage',
        visibility: 'public',
        texts: {
          en: { title: 'Keynote: defenders under pressure worldwide' },
          sv: { title: 'Huvudtal: försvarare under tryck i hela världen' },
        },
        people: [['michel-forst', 'speaker', true]],
      },
      {
        day: 0,
        start: '11:30',
        end: '12:30',
        type: 'keynote',
        room: 'stage',
        visibility: 'public',
        texts: {
          en: { title: 'Keynote by the Defender of the Year 2014' },
          sv: { title: 'Huvudtal av Årets försvarare 2014' },
        },
      },
      ...(
        [
          ['a', 'Digital security', 'Digital säkerhet'],
          ['b', 'Strategic litigation', 'Strategisk processföring'],
        ] as const
      ).map(([track, en, sv]) => ({
        day: 1,
        start: '09:00',
        end: '16:00',
        type: 'training' as const,
        track,
        visibility: 'public' as const,
        texts: { en: { title: en }, sv: { title: sv } },
      })),
      ...(
        [
          ['a', 'Video campaigning', 'Videokampanjer'],
          ['b', 'Gender perspectives in human rights work', 'Genusperspektiv i människorättsarbetet'],
        ] as const
      ).map(([track, en, sv]) => ({
        day: 2,
        start: '09:00',
        end: '16:00',
        type: 'training' as const,
        track,
        visibility: 'public' as const,
        texts: { en: { title: en }, sv: { title: sv } },
      })),
      {
        day: 1,
        start: '16:30',
        end: '17:00',
        type: 'commemoration',
        room: 'stage',
        visibility: 'public',
        texts: {
          en: { title: 'International Roma Day: raising the Roma flag' },
          sv: { title: 'Internationella romadagen: romernas flagga hissas' },
        },
      },
      {
        day: 3,
        start: '10:00',
        end: '11:30',
        type: 'panel',
        room: 'stage',
        visibility: 'public',
        texts: {
          en: { title: 'Panel: repressive trends against defenders worldwide' },
          sv: { title: 'Panel: repressiva trender mot försvarare i världen' },
        },
        people: [['maina-kiai', 'panellist', true]],
      },
      {
        day: 3,
        start: '12:30',
        end: '14:00',
        type: 'panel',
        room: 'stage',
        visibility: 'public',
        texts: {
          en: { title: 'Panel: women defenders and the risks they face' },
          sv: { title: 'Panel: kvinnliga försvarare och riskerna de möter' },
        },
      },
      {
        day: 3,
        start: '18:00',
        end: '20:00',
        part: 'open',
        type: 'ceremony',
        texts: {
          en: { title: 'The Defender of the Year award ceremony', description: 'At Eric Ericsonhallen in central Stockholm.' },
          sv: { title: 'Ceremonin för priset Årets försvarare', description: 'I Eric Ericsonhallen i centrala Stockholm.' },
        },
      },
    ],
    emptyChairs: [
      {
        name: 'Rasul Jafarov',
        countryCode: 'AZ',
        reason: 'imprisoned',
        note: { en: 'Took part in 2014; held in pre-trial detention.', sv: 'Deltog 2014; sitter häktad.' },
        safeToShow: true,
        agreed: true,
      },
      {
        name: 'Khadija Ismayilova',
        countryCode: 'AZ',
        reason: 'imprisoned',
        note: { en: 'Took part in 2014; held in pre-trial detention.', sv: 'Deltog 2014; sitter häktad.' },
        safeToShow: true,
        agreed: true,
      },
      {
        name: 'Natnail Feleke',
        countryCode: 'ET',
        reason: 'imprisoned',
        note: { en: 'Took part in 2014; held in pre-trial detention.', sv: 'Deltog 2014; sitter häktad.' },
        safeToShow: true,
        agreed: true,
      },
    ],
  },
  {
    year: 2016,
    dates: null,
    texts: {
      en: {
        theme: 'The fourth Defenders’ Days',
        summary: 'The last of the yearly editions: from 2016 on, the conference meets every second year.',
        body: 'After four yearly conferences in Stockholm, the organisers decided to hold Defenders’ Days every second year and to support defenders between conferences with remote training.\n\nThe agenda of this edition is not in the archive.',
      },
      sv: {
        theme: 'Den fjärde Defenders’ Days',
        summary: 'Den sista av de årliga konferenserna: från 2016 hålls konferensen vartannat år.',
        body: 'Efter fyra årliga konferenser i Stockholm beslutade arrangörerna att hålla Defenders’ Days vartannat år och att stödja försvarare mellan konferenserna med utbildning på distans.\n\nProgrammet för den här konferensen finns inte i arkivet.',
      },
    },
  },
];
