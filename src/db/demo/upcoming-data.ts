import type { DemoEvent } from './types.js';

/** Slugs tests and docs may rely on. */
export const DEMO_SLUGS = {
  /** upcoming, in the series, moved to another venue: carries a change notice */
  notice: 'reporting-from-exile',
  /** upcoming, hybrid, with a live stream */
  liveStream: 'from-phone-to-proof',
  /** past, English only: the Swedish page falls back to English */
  englishOnly: 'terrorist-fear-and-the-rule-of-law',
  /** draft: never on a public surface */
  draft: 'draft-next-season-programme',
  /** cancelled and hidden: never on a public surface */
  hidden: 'cancelled-hidden-roundtable',
  /** past, with a report attached */
  withDocument: 'azerbaijan-no-sweet-songs-for-defenders',
  /** upcoming, registration open: 40 seats, none taken */
  registrationOpen: 'the-empty-chair-defenders-who-cannot-travel',
  /** upcoming, registration full: 12 seats taken, 3 on the waiting list */
  registrationFull: 'digital-security-clinic',
} as const;

/**
 * Upcoming events, dated relative to the day the demo is loaded so they stay upcoming.
 * Themes follow the archive; the events and the people in them are invented.
 */
export const upcoming: DemoEvent[] = [
  {
    slug: DEMO_SLUGS.notice,
    type: 'seminar',
    series: 'one-hour-of-human-rights',
    when: { inDays: 10, start: '09:00', end: '10:00' },
    venue: 'myntkabinettet',
    image: 'shelter',
    countries: ['AZ', 'BY', 'RU'],
    topics: ['media-freedom', 'internet-freedom', 'human-rights-defenders'],
    people: [
      ['maja-lindgren', 'speaker'],
      ['tomas-ekberg', 'speaker'],
      ['elin-sjoberg', 'host'],
    ],
    notice: {
      en: 'New venue: so many people want to come that this seminar has moved from our office to Myntkabinettet (The Royal Coin Cabinet), Slottsbacken 6. The time is unchanged.',
      sv: 'Ny plats: intresset är så stort att seminariet har flyttats från vårt kontor till Myntkabinettet, Slottsbacken 6. Tiden är oförändrad.',
    },
    texts: {
      en: {
        title: 'Reporting from exile: keeping sources safe',
        summary:
          'Many journalists from Azerbaijan, Belarus and Russia now cover their countries from abroad. How do they protect the people at home who still talk to them?',
        body: 'Exile gives a journalist some safety, but the sources stay behind. A careless message, a leaked contact list or a photo that reveals where it was taken can put someone in danger.\n\nMaja Lindgren works on media freedom and has followed several newsrooms in exile closely. Tomas Ekberg trains journalists in digital security. Together they go through the habits and tools that make the biggest difference, and the most common mistakes.\n\nElin Sjöberg hosts. The seminar is in English, with time for questions.',
      },
      sv: {
        title: 'Att rapportera från exil: så skyddas källorna',
        summary:
          'Många journalister från Azerbajdzjan, Belarus och Ryssland bevakar i dag sina länder från utlandet. Hur skyddar de människorna på hemmaplan som fortfarande vågar prata med dem?',
        body: 'Exilen ger journalisten en viss trygghet, men källorna finns kvar hemma. Ett slarvigt meddelande, en läckt kontaktlista eller en bild som avslöjar var den är tagen kan sätta någon i fara.\n\nMaja Lindgren arbetar med mediefrihet och har följt flera redaktioner i exil på nära håll. Tomas Ekberg utbildar journalister i digital säkerhet. Tillsammans går de igenom de vanor och verktyg som gör störst skillnad, och de vanligaste misstagen.\n\nElin Sjöberg leder samtalet. Seminariet hålls på engelska och det finns tid för frågor.',
      },
    },
  },
  {
    slug: DEMO_SLUGS.liveStream,
    type: 'panel',
    when: { inDays: 17, start: '14:00', end: '15:30' },
    venue: 'head-office',
    online: true,
    liveStreamUrl: 'https://live.example.org/defenders-days/from-phone-to-proof',
    topics: ['human-rights-defenders', 'freedom-of-expression'],
    people: [
      ['nadia-verhoeven', 'panellist'],
      ['lukas-brandt', 'panellist'],
      ['elin-sjoberg', 'moderator'],
    ],
    texts: {
      en: {
        title: 'From phone to proof: video as evidence of human rights abuses',
        summary: 'A panel on filming abuses so that the footage holds up later, in the news and in court. Join us in Stockholm or follow online.',
        body: 'Almost every protest and police operation is filmed by someone. But a shaky clip without date, place or context is easy to dismiss, and the person who filmed it can be identified and put at risk.\n\nNadia Verhoeven researches how video is used to document abuses, and Lukas Brandt verifies footage using open sources. They discuss how to record, store and share video safely and in a way others can check, and when it is wiser not to publish at all.\n\nYou are welcome at our office in Stockholm, or follow the live stream from this page when the panel starts.',
      },
      sv: {
        title: 'Från mobil till bevis: video som bevis för övergrepp',
        summary:
          'Ett panelsamtal om hur man filmar övergrepp så att materialet håller senare, i nyheterna och i domstol. Var med på plats i Stockholm eller följ samtalet på nätet.',
        body: 'Nästan varje demonstration och polisinsats filmas av någon. Men ett skakigt klipp utan datum, plats eller sammanhang är lätt att avfärda, och den som filmade kan identifieras och hamna i fara.\n\nNadia Verhoeven forskar om hur video används för att dokumentera övergrepp, och Lukas Brandt granskar filmmaterial med hjälp av öppna källor. De diskuterar hur man spelar in, sparar och delar video säkert och så att andra kan kontrollera den, och när det är klokare att inte publicera alls.\n\nVälkommen till vårt kontor i Stockholm, eller följ direktsändningen från den här sidan när panelen börjar.',
      },
    },
  },
  {
    slug: 'film-evening-a-home-in-phnom-penh',
    type: 'screening',
    when: { inDays: 24, start: '18:00', end: '20:30' },
    venue: 'head-office',
    countries: ['KH'],
    topics: ['land-and-housing', 'human-rights-defenders'],
    people: [['sara-dahl', 'moderator']],
    texts: {
      en: {
        title: 'Film evening: the fight for a home in Phnom Penh',
        summary:
          'We screen a documentary about residents who organise against eviction, followed by a conversation about land rights and the risks activists take.',
        body: 'The film follows one neighbourhood over several years as developers move in and families are pushed out. Some residents give up; others start to protest, document and negotiate, and pay a price for it.\n\nAfter the screening, film critic Sara Dahl leads a conversation about the film and about how people abroad can support land and housing activists in Cambodia and elsewhere.\n\nDoors open at 17:30. The film has English subtitles.',
      },
      sv: {
        title: 'Filmkväll: kampen för ett hem i Phnom Penh',
        summary: 'Vi visar en dokumentär om invånare som organiserar sig mot vräkning, följd av ett samtal om rätten till mark och de risker aktivisterna tar.',
        body: 'Filmen följer ett bostadsområde under flera år medan exploatörerna flyttar in och familjer trängs ut. En del invånare ger upp; andra börjar protestera, dokumentera och förhandla, och får betala ett pris för det.\n\nEfter visningen leder filmkritikern Sara Dahl ett samtal om filmen och om hur man utifrån kan stötta dem som kämpar för rätten till mark och bostad i Kambodja och på andra håll.\n\nDörrarna öppnar kl. 17.30. Filmen har engelsk text.',
      },
    },
  },
  {
    slug: 'disability-rights-western-balkans-breakfast',
    type: 'breakfast-seminar',
    when: { inDays: 31, start: '08:00', end: '09:30' },
    venue: 'head-office',
    countries: ['AL', 'BA', 'RS', 'XK'],
    topics: ['disability-rights', 'rule-of-law'],
    people: [
      ['petra-novak', 'speaker'],
      ['elin-sjoberg', 'host'],
    ],
    texts: {
      en: {
        title: 'Disability rights in the Western Balkans: from law to everyday life',
        summary:
          'Most countries in the region have ratified the UN Convention on the Rights of Persons with Disabilities. Over breakfast we ask what has actually changed for the people it is meant to protect.',
        body: 'On paper, much has improved: new laws on accessibility, inclusive education and non-discrimination. In practice, many people with disabilities still live in institutions, children are still turned away from ordinary schools, and public buildings remain out of reach.\n\nPetra Novak is a lawyer who takes disability rights cases. She looks at which legal strategies have brought real change and where organisations of people with disabilities need more support.\n\nBreakfast is served from 07:45. The venue is step-free and has a hearing loop.',
      },
      sv: {
        title: 'Funktionsrätt på västra Balkan: från lag till vardag',
        summary:
          'De flesta länder i regionen har ratificerat FN:s konvention om rättigheter för personer med funktionsnedsättning. Över frukosten frågar vi vad som faktiskt har förändrats för dem den ska skydda.',
        body: 'På papperet har mycket blivit bättre: nya lagar om tillgänglighet, inkluderande skola och skydd mot diskriminering. I praktiken bor många personer med funktionsnedsättning fortfarande på institution, barn nekas fortfarande plats i vanliga skolor och offentliga byggnader är fortfarande svåra att ta sig in i.\n\nPetra Novak är jurist och driver mål om funktionsrätt. Hon går igenom vilka juridiska strategier som har lett till verklig förändring och var funktionsrättsorganisationerna behöver mer stöd.\n\nFrukost serveras från kl. 07.45. Lokalen är tillgänglig utan trappsteg och har hörslinga.',
      },
    },
  },
  {
    slug: DEMO_SLUGS.registrationFull,
    type: 'seminar',
    when: { inDays: 20, start: '17:30', end: '19:30' },
    venue: 'head-office',
    topics: ['internet-freedom', 'human-rights-defenders'],
    people: [['tomas-ekberg', 'host']],
    registration: { capacity: 12, waitlist: true, registrants: 15 },
    texts: {
      en: {
        title: 'Digital security clinic: a safer phone in one evening',
        summary:
          'A small, hands-on evening with a digital security trainer. Bring your own phone and leave with safer settings, encrypted messaging and a backup you can trust.',
        body: 'Many of the defenders we work with say the same thing: the phone is their most important tool and their biggest risk. This clinic is a practical start for anyone who handles sensitive information, in Sweden or abroad.\n\nTomas Ekberg trains journalists and activists in digital security. In small groups he goes through screen locks, app permissions, encrypted messaging and backups, and what to do if a phone is lost or taken at a border.\n\nThe clinic is kept small so that everyone gets help with their own device. When all places are taken you can join the waiting list: if someone cancels, the first person waiting gets the place and a mail.',
      },
      sv: {
        title: 'Digital säkerhet på kvällstid: en säkrare mobil på en kväll',
        summary:
          'En liten och praktisk kväll med en utbildare i digital säkerhet. Ta med din egen mobil och gå hem med säkrare inställningar, krypterade meddelanden och en säkerhetskopia du kan lita på.',
        body: 'Många av de försvarare vi arbetar med säger samma sak: mobilen är deras viktigaste verktyg och deras största risk. Kvällen är en praktisk start för alla som hanterar känsliga uppgifter, i Sverige eller utomlands.\n\nTomas Ekberg utbildar journalister och aktivister i digital säkerhet. I små grupper går han igenom skärmlås, behörigheter för appar, krypterade meddelanden och säkerhetskopior, och vad man gör om mobilen försvinner eller tas vid en gräns.\n\nGruppen är liten så att alla får hjälp med sin egen telefon. När alla platser är tagna kan du ställa dig på väntelistan: om någon avbokar får den som står först platsen och ett mejl.',
      },
    },
  },
  {
    slug: DEMO_SLUGS.registrationOpen,
    type: 'breakfast-seminar',
    series: 'one-hour-of-human-rights',
    when: { inDays: 38, start: '08:00', end: '09:00' },
    venue: 'head-office',
    countries: ['AZ', 'BY'],
    topics: ['human-rights-defenders', 'freedom-of-assembly'],
    people: [
      ['hanna-bjork', 'speaker'],
      ['elin-sjoberg', 'host'],
    ],
    registration: { capacity: 40, waitlist: true },
    texts: {
      en: {
        title: 'The empty chair: defenders who are not allowed to travel',
        summary:
          'Travel bans, confiscated passports and open court cases keep many human rights defenders from meeting colleagues abroad. Over breakfast we ask what the rest of us can do about it.',
        body: 'At our conference we sometimes leave a chair empty on the stage. It stands for a colleague who could not come: someone in prison, or someone whose government would not let them leave the country.\n\nHanna Björk works on the protection of defenders at risk. She describes how travel bans are used to cut activists, lawyers and journalists off from their networks, and what embassies, donors and partner organisations can do to keep them connected, from remote participation to raising individual cases with the authorities.\n\nElin Sjöberg hosts. Breakfast is served from 07:45. Seats are limited, so please register.',
      },
      sv: {
        title: 'Den tomma stolen: försvarare som inte får resa',
        summary:
          'Reseförbud, beslagtagna pass och pågående rättegångar hindrar många människorättsförsvarare från att träffa kollegor utomlands. Över frukosten frågar vi vad vi andra kan göra åt det.',
        body: 'På vår konferens lämnar vi ibland en stol tom på scenen. Den står för en kollega som inte kunde komma: någon som sitter i fängelse, eller någon vars regering inte lät hen lämna landet.\n\nHanna Björk arbetar med skydd av hotade försvarare. Hon berättar hur reseförbud används för att skära av aktivister, advokater och journalister från deras nätverk, och vad ambassader, givare och partnerorganisationer kan göra för att hålla kontakten, från deltagande på distans till att lyfta enskilda fall med myndigheterna.\n\nElin Sjöberg leder samtalet. Frukost serveras från kl. 07.45. Antalet platser är begränsat, så anmäl dig gärna.',
      },
    },
  },
  {
    slug: DEMO_SLUGS.draft,
    type: 'seminar',
    status: 'draft',
    series: 'one-hour-of-human-rights',
    when: { inDays: 45, start: '09:00', end: '10:00' },
    venue: 'head-office',
    texts: {
      en: {
        title: 'Draft: presenting the next season',
        summary: 'Not yet announced. Speakers to be confirmed.',
        body: 'This event is a draft and must never appear on a public page.',
      },
      sv: {
        title: 'Utkast: nästa säsongs program presenteras',
        summary: 'Ännu inte annonserat. Talare bekräftas senare.',
        body: 'Det här evenemanget är ett utkast och får aldrig synas på en offentlig sida.',
      },
    },
  },
  {
    slug: DEMO_SLUGS.hidden,
    type: 'discussion',
    status: 'cancelled',
    hidden: true,
    when: { inDays: 14, start: '16:00', end: '17:30' },
    venue: 'head-office',
    texts: {
      en: {
        title: 'Cancelled and hidden: roundtable on travel bans',
        summary: 'Cancelled before it was announced, and hidden from every public surface.',
        body: 'This event was cancelled and hidden and must never appear on a public page.',
      },
    },
  },
];
