import type { DemoEvent } from './types.js';

/** The open sessions of the demo editions: ordinary public events, linked from their edition by slug. */
export const CONFERENCE_OPEN_SESSION_SLUGS = {
  2013: 'defenders-days-2013-open-session',
  2015: 'defenders-days-2015-open-session',
  next: 'defenders-days-next-open-session',
} as const;

/** Days after the load day that the demo's next edition starts; its open session is on its last day. */
export const NEXT_EDITION_IN_DAYS = 180;
export const NEXT_EDITION_DAYS = 4;

/**
 * Written in our own words from the facts in the seeds: the first edition in April 2013 on
 * the anniversary of Martin Luther King's death, the 2015 conference ending with the award
 * ceremony. The next edition's session is invented.
 */
export const conferenceOpenSessions: DemoEvent[] = [
  {
    slug: CONFERENCE_OPEN_SESSION_SLUGS[2013],
    type: 'conference',
    when: { date: '2013-04-04', start: '17:00', end: '20:00' },
    countries: ['SE'],
    topics: ['human-rights-defenders'],
    texts: {
      en: {
        title: "Defenders' Days 2013: the open session",
        summary: 'The public part of the first Defenders’ Days, with the first Defender of the Year award.',
        body: 'Our first conference for human rights defenders at risk opens its doors to everyone for one evening. Its date, 4 April, is the anniversary of the day Martin Luther King was killed in 1968.\n\nThe evening brings the situation of defenders in some of the most repressive countries to a wider audience, and ends with the first Defender of the Year award.',
      },
      sv: {
        title: 'Defenders’ Days 2013: den öppna delen',
        summary: 'Den offentliga delen av den första Defenders’ Days, med det första priset Årets försvarare.',
        body: 'Vår första konferens för människorättsförsvarare i riskzonen öppnar dörrarna för alla under en kväll. Datumet, den 4 april, är årsdagen av mordet på Martin Luther King 1968.\n\nKvällen berättar för en bredare publik om försvararnas situation i några av de mest repressiva länderna och avslutas med det första priset Årets försvarare.',
      },
    },
  },
  {
    slug: CONFERENCE_OPEN_SESSION_SLUGS[2015],
    type: 'conference',
    when: { date: '2015-04-10', start: '17:00', end: '20:00' },
    countries: ['SE', 'VN'],
    topics: ['human-rights-defenders', 'freedom-of-expression'],
    texts: {
      en: {
        title: "Defenders' Days 2015: the award ceremony",
        summary: 'The third Defenders’ Days ends in a public ceremony at Eric Ericsonhallen in central Stockholm.',
        body: 'After four days of trainings and panels for invited defenders, the conference ends in public: the ceremony of the Defender of the Year award at Eric Ericsonhallen.\n\nThis year the award goes to a blogger from Vietnam who coordinates a network of bloggers there. A report on the situation of defenders in her country is presented at the ceremony.',
      },
      sv: {
        title: 'Defenders’ Days 2015: prisceremonin',
        summary: 'Den tredje Defenders’ Days avslutas med en offentlig ceremoni i Eric Ericsonhallen i centrala Stockholm.',
        body: 'Efter fyra dagar av utbildningar och paneler för inbjudna försvarare avslutas konferensen offentligt: med utdelningen av priset Årets försvarare i Eric Ericsonhallen.\n\nI år går priset till en bloggare från Vietnam som samordnar ett nätverk av bloggare där. En rapport om försvararnas situation i hennes land presenteras vid ceremonin.',
      },
    },
  },
  {
    slug: CONFERENCE_OPEN_SESSION_SLUGS.next,
    type: 'conference',
    when: { inDays: NEXT_EDITION_IN_DAYS + NEXT_EDITION_DAYS - 1, start: '17:00', end: '20:00' },
    venue: 'head-office',
    // The open session takes registrations like any public event: 120 seats, a waiting list.
    registration: { capacity: 120, waitlist: true },
    countries: ['SE'],
    topics: ['human-rights-defenders'],
    texts: {
      en: {
        title: "Defenders' Days: the open session and the award ceremony",
        summary: 'The public evening of the next Defenders’ Days: conversations with defenders, and the Defender of the Year award.',
        body: 'The closed part of the conference is for invited defenders only. This evening is for everyone: defenders who took part share what they work on, and the year’s Defender of the Year receives the award.\n\nThe programme of the evening will be published here closer to the date.',
      },
      sv: {
        title: 'Defenders’ Days: den öppna delen och prisceremonin',
        summary: 'Den offentliga kvällen under nästa Defenders’ Days: samtal med försvarare och priset Årets försvarare.',
        body: 'Konferensens slutna del är bara för inbjudna försvarare. Den här kvällen är för alla: försvarare som deltar berättar om sitt arbete, och årets pristagare tar emot priset Årets försvarare.\n\nKvällens program publiceras här närmare datumet.',
      },
    },
  },
];
