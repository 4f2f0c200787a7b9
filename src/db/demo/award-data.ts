import type { Db } from '../database.js';
import { makeAwardRecipient, makeAwardReport } from '../factories.js';

/**
 * The Defender of the Year recipients named in the product brief, in our own words. They
 * are public figures and the award a public fact; the texts say no more about them than
 * the seed documents do (names, countries, organisations, what the award was for, where
 * it was presented). Each gets a one-page placeholder PDF as its country report, so the
 * download can be tried; no photos.
 */

interface DemoRecipientText {
  motivation: string;
  ceremony: string;
}

export interface DemoRecipient {
  year: number;
  name: string;
  countryCode: string;
  organisation: string;
  editionYear: number;
  texts: { en: DemoRecipientText; sv: DemoRecipientText };
}

export const demoAwardRecipients: readonly DemoRecipient[] = [
  {
    year: 2013,
    name: 'Nataša Kandić',
    countryCode: 'RS',
    organisation: '',
    editionYear: 2013,
    texts: {
      en: {
        motivation:
          'Nataša Kandić is the first recipient of the Defender of the Year award, for her human rights work in Serbia.\n\nLike every recipient since, she was chosen for work done without violence, carried on despite the risks it brings.',
        ceremony:
          'The award was presented in Stockholm at the first Defenders’ Days, held from 2 to 5 April 2013, together with a report on the situation of human rights defenders in Serbia.',
      },
      sv: {
        motivation:
          'Nataša Kandić är den första som fått priset Årets försvarare, för sitt arbete för mänskliga rättigheter i Serbien.\n\nLiksom alla pristagare sedan dess valdes hon för ett arbete utan våld, som hon fortsätter trots riskerna.',
        ceremony:
          'Priset delades ut i Stockholm under den första konferensen Defenders’ Days, 2–5 april 2013, tillsammans med en rapport om situationen för människorättsförsvarare i Serbien.',
      },
    },
  },
  {
    year: 2014,
    name: 'Ales Bialiatski',
    countryCode: 'BY',
    organisation: 'Viasna Human Rights Centre',
    editionYear: 2014,
    texts: {
      en: {
        motivation:
          'Ales Bialiatski leads the Viasna Human Rights Centre in Belarus. He received the Defender of the Year award while he was still in prison.\n\nAfter 1,052 days behind bars he was amnestied on 21 June 2014, and went straight back to his work as a human rights defender and president of Viasna.',
        ceremony:
          'The award was presented in 2014 while Ales Bialiatski was in prison. A year later he came to Defenders’ Days 2015 himself and gave one of its keynote speeches.',
      },
      sv: {
        motivation:
          'Ales Bialiatski leder människorättscentret Viasna i Belarus. Han fick priset Årets försvarare medan han fortfarande satt i fängelse.\n\nEfter 1 052 dagar bakom galler fick han amnesti den 21 juni 2014 och återvände direkt till sitt arbete som människorättsförsvarare och ordförande för Viasna.',
        ceremony:
          'Priset delades ut 2014 medan Ales Bialiatski satt fängslad. Ett år senare kom han själv till Defenders’ Days 2015 och höll ett av huvudtalen.',
      },
    },
  },
  {
    year: 2015,
    name: 'Nguyễn Ngọc Như Quỳnh',
    countryCode: 'VN',
    organisation: 'Vietnamese Bloggers Network',
    editionYear: 2015,
    texts: {
      en: {
        motivation:
          'Nguyễn Ngọc Như Quỳnh is a blogger who writes openly about human rights abuses in Vietnam, under the pen name Mẹ Nấm (Mother Mushroom).\n\nShe coordinates the Vietnamese Bloggers Network.',
        ceremony: 'The award was presented at the ceremony that closed Defenders’ Days 2015, at Eric Ericsonhallen in central Stockholm.',
      },
      sv: {
        motivation:
          'Nguyễn Ngọc Như Quỳnh är en bloggare som öppet skriver om kränkningar av de mänskliga rättigheterna i Vietnam, under pseudonymen Mẹ Nấm (Mamma Svamp).\n\nHon samordnar det vietnamesiska bloggarnätverket Vietnamese Bloggers Network.',
        ceremony: 'Priset delades ut vid ceremonin som avslutade Defenders’ Days 2015, i Eric Ericsonhallen i centrala Stockholm.',
      },
    },
  },
  {
    year: 2018,
    name: 'Murat Çelikkan',
    countryCode: 'TR',
    organisation: '',
    editionYear: 2018,
    texts: {
      en: {
        motivation: 'Murat Çelikkan received the Defender of the Year award in 2018 for his human rights work in Turkey.',
        ceremony:
          'The award was presented at the open session of Defenders’ Days 2018, which brought together about 200 human rights defenders from 45 countries.',
      },
      sv: {
        motivation: 'Murat Çelikkan fick priset Årets försvarare 2018 för sitt arbete för mänskliga rättigheter i Turkiet.',
        ceremony: 'Priset delades ut under den öppna delen av Defenders’ Days 2018, som samlade omkring 200 människorättsförsvarare från 45 länder.',
      },
    },
  },
];

/** Loads the recipients, published, each with a placeholder country report. */
export async function loadDemoAward(db: Db, mediaRoot: string): Promise<number> {
  for (const r of demoAwardRecipients) {
    const report = await makeAwardReport(db, mediaRoot, `Defender of the Year ${r.year}: demo placeholder for the country report`);
    await makeAwardRecipient(db, {
      year: r.year,
      status: 'published',
      name: r.name,
      countryCode: r.countryCode,
      organisation: r.organisation,
      editionYear: r.editionYear,
      reportId: report.id,
      texts: r.texts,
    });
  }
  return demoAwardRecipients.length;
}
