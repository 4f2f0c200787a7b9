import type { DemoEvent } from './types.js';

/** Past public events, 2013–2015, retold in our own words from the programme archive. */
export const past2013to2015: DemoEvent[] = [
  {
    slug: 'the-path-to-democracy',
    type: 'panel',
    when: { date: '2013-03-07', start: '14:00', end: '16:00' },
    venue: 'head-office',
    countries: ['RS', 'HU', 'CZ'],
    topics: ['democracy', 'media-freedom'],
    people: [
      ['borka-pavicevic', 'panellist'],
      ['tanja-petovar', 'panellist'],
      ['jan-urban', 'panellist'],
      ['miklos-haraszti', 'panellist'],
      ['benedicte-berner', 'moderator'],
    ],
    texts: {
      en: {
        title: 'The path to democracy: Serbia, Hungary and the Czech Republic',
        summary:
          'More than twenty years after the fall of communism, four panellists take stock of democracy in three countries and ask what the past can teach us.',
        body: "Serbia, Hungary and the Czech Republic each left one-party rule behind, by very different routes. Free elections turned out to be the easy part. Independent courts, free media and institutions that people trust have taken far longer, and in places they are slipping back.\n\nOn the panel: Borka Pavićević and Tanja Petovar (Serbia), Jan Urban (Czech Republic) and Miklós Haraszti (Hungary), each drawing on their own country's experience. Benedicte Berner moderates.",
      },
      sv: {
        title: 'Vägen till demokrati: Serbien, Ungern och Tjeckien',
        summary:
          'Mer än tjugo år efter kommunismens fall gör fyra paneldeltagare en lägesbedömning av demokratin i tre länder och frågar vad historien kan lära oss.',
        body: 'Serbien, Ungern och Tjeckien lämnade alla enpartistyret bakom sig, men på mycket olika vägar. Fria val visade sig vara den enkla delen. Oberoende domstolar, fria medier och institutioner som människor litar på har tagit betydligt längre tid, och på sina håll går utvecklingen bakåt.\n\nI panelen: Borka Pavićević och Tanja Petovar (Serbien), Jan Urban (Tjeckien) och Miklós Haraszti (Ungern), som var och en utgår från erfarenheterna i sitt eget land. Benedicte Berner är moderator.',
      },
    },
  },
  {
    slug: 'azerbaijan-no-sweet-songs-for-defenders',
    type: 'seminar',
    series: 'one-hour-of-human-rights',
    when: { date: '2013-05-14', start: '09:00', end: '10:00' },
    venue: 'head-office',
    recordingUrl: 'https://video.example.org/one-hour/2013-05-14-azerbaijan-report',
    countries: ['AZ'],
    topics: ['human-rights-defenders', 'freedom-of-expression'],
    people: [['vugar-goyajev', 'speaker']],
    document: { en: 'Report: Human rights defenders in Azerbaijan (2013)', sv: 'Rapport: Människorättsförsvarare i Azerbajdzjan (2013)' },
    texts: {
      en: {
        title: 'No sweet songs for defenders: our report on Azerbaijan',
        summary:
          'A year after Baku hosted the Eurovision Song Contest, the pressure on civil society in Azerbaijan is harsher than ever. Vugar Goyajev presents our new report on human rights defenders in the country.',
        body: 'In May 2012, television audiences across Europe, Sweden included, watched the song contest from Baku. Away from the stage, journalists, lawyers and activists were being harassed, arrested and smeared.\n\nThe cameras have moved on; the pressure has not. Our report, released at this seminar, shows how the authorities use criminal charges, travel bans and smear campaigns against those who speak out.\n\nVugar Goyajev presents the findings and our recommendations to the government of Azerbaijan, the EU and Sweden. The report can be downloaded from this page.',
      },
      sv: {
        title: 'Inga ljuva toner för försvararna: vår rapport om Azerbajdzjan',
        summary:
          'Ett år efter att Baku var värd för Eurovision Song Contest är trycket på Azerbajdzjans civilsamhälle hårdare än någonsin. Vugar Goyajev presenterar vår nya rapport om människorättsförsvarare i landet.',
        body: 'I maj 2012 följde tv-tittare i hela Europa, även i Sverige, schlagerfinalen från Baku. Bortom scenen trakasserades, greps och smutskastades journalister, jurister och aktivister.\n\nKamerorna har försvunnit, men trycket finns kvar. Vår rapport, som släpps på seminariet, visar hur myndigheterna använder åtal, reseförbud och smutskastningskampanjer mot dem som säger ifrån.\n\nVugar Goyajev presenterar resultaten och våra rekommendationer till Azerbajdzjans regering, EU och Sverige. Rapporten kan laddas ner från den här sidan.',
      },
    },
  },
  {
    slug: 'russia-civil-society-under-pressure',
    type: 'seminar',
    series: 'one-hour-of-human-rights',
    when: { date: '2013-09-18', start: '09:00', end: '10:00' },
    venue: 'head-office',
    countries: ['RU'],
    topics: ['freedom-of-assembly', 'discrimination-and-minorities', 'lgbti-rights'],
    texts: {
      en: {
        title: "Civil society under pressure in Putin's Russia",
        summary:
          'A string of new laws has made independent work in Russia ever harder. We look at the legislation and at the rising hostility towards minorities, migrants and LGBT people.',
        body: "Organisations funded from abroad must now call themselves foreign agents, taking part in an unauthorised protest can cost a year's wages, and a federal ban on so-called gay propaganda came into force this summer. Each law narrows the space a little; together they make independent work precarious.\n\nHostility towards ethnic minorities, migrants and LGBT people is widespread in Russian society and too often encouraged from above. We discuss how Russian organisations are coping and what solidarity from abroad can look like.",
      },
      sv: {
        title: 'Ett civilsamhälle som kvävs i Putins Ryssland',
        summary:
          'En rad nya lagar har gjort oberoende arbete i Ryssland allt svårare. Vi tittar på lagstiftningen och på den växande fientligheten mot minoriteter, migranter och hbt-personer.',
        body: 'Organisationer med utländsk finansiering måste nu kalla sig utländska agenter, den som deltar i en otillåten demonstration kan få böter motsvarande en årslön, och i somras trädde ett federalt förbud mot så kallad homosexuell propaganda i kraft. Varje lag krymper utrymmet lite grann; tillsammans gör de oberoende arbete osäkert.\n\nFientligheten mot etniska minoriteter, migranter och hbt-personer är utbredd i det ryska samhället och uppmuntras alltför ofta ovanifrån. Vi diskuterar hur ryska organisationer klarar sig och hur solidaritet utifrån kan se ut.',
      },
    },
  },
  {
    slug: 'belarus-lgbt-activist-in-exile',
    type: 'seminar',
    series: 'one-hour-of-human-rights',
    when: { date: '2013-11-13', start: '09:00', end: '10:00' },
    venue: 'head-office',
    countries: ['BY'],
    topics: ['lgbti-rights', 'freedom-of-assembly'],
    people: [['siarhei-androsenka', 'speaker']],
    texts: {
      en: {
        title: 'Forced into exile: an LGBT activist from Belarus',
        summary:
          'When activists applied to have Gay Belarus officially registered, the authorities answered with interrogations, raids and searches. Siarhei Androsenka tells his story.',
        body: 'Seventy-one people from all over Belarus put their names to the application to register Gay Belarus. The reply did not come by post. Signatories were summoned for questioning, police searched gay clubs in both Vitebsk and Minsk, and some activists had their bags searched at the border. At least one was beaten at a police station.\n\nSiarhei Androsenka became one of the main targets and in the end had to leave the country. He talks about life for LGBT people in Belarus today and about carrying on the work from exile.',
      },
      sv: {
        title: 'Tvingad i exil: en hbt-aktivist från Belarus',
        summary:
          'När aktivister ansökte om att registrera organisationen Gay Belarus svarade myndigheterna med förhör, razzior och visitationer. Siarhei Androsenka berättar sin historia.',
        body: 'Sjuttioen personer från hela Belarus skrev under ansökan om att registrera Gay Belarus. Svaret kom inte med posten. De som skrivit under kallades till förhör, polisen gjorde razzior mot gayklubbar i Minsk och Vitsebsk och några aktivister fick sina väskor genomsökta vid gränsen. Minst en misshandlades på en polisstation.\n\nSiarhei Androsenka blev en av de främsta måltavlorna och tvingades till slut lämna landet. Han berättar om hur hbt-personer har det i Belarus i dag och om att fortsätta arbetet från exil.',
      },
    },
  },
  {
    slug: 'russia-before-sochi',
    type: 'seminar',
    series: 'one-hour-of-human-rights',
    when: { date: '2014-01-29', start: '09:00', end: '10:00' },
    venue: 'head-office',
    image: 'circles',
    countries: ['RU'],
    topics: ['freedom-of-expression', 'freedom-of-assembly'],
    texts: {
      en: {
        title: 'Russia before Sochi: behind the charm offensive',
        summary:
          "Ahead of the Winter Olympics, a pardon and an amnesty freed some of Russia's best-known prisoners. We look at those still behind bars and at the record the Games are meant to overshadow.",
        body: 'In December, Mikhail Khodorkovsky and two members of Pussy Riot walked free, a move widely read as a gesture to critics before the Olympics. It made headlines around the world.\n\nFar fewer headlines were written about the people who remain in prison, among them demonstrators from Bolotnaya Square in May 2012, or about the laws on protest, foreign funding and "gay propaganda" that stay in force. This seminar looks behind the pictures from Sochi.',
      },
      sv: {
        title: 'Ryssland inför Sotji: bakom charmoffensiven',
        summary:
          'Inför vinter-OS släpptes några av Rysslands mest kända fångar genom benådning och amnesti. Vi tittar på dem som fortfarande sitter inlåsta och på det som spelen ska överskugga.',
        body: 'I december släpptes Michail Chodorkovskij och två medlemmar i Pussy Riot, något som allmänt tolkades som en gest mot kritikerna inför OS. Det blev rubriker över hela världen.\n\nBetydligt färre rubriker handlade om dem som sitter kvar i fängelse, bland andra demonstranter från Bolotnajatorget i maj 2012, eller om lagarna om demonstrationer, utländsk finansiering och ”homosexuell propaganda” som fortfarande gäller. Seminariet tittar bakom bilderna från Sotji.',
      },
    },
  },
  {
    slug: 'transnistria-rule-of-law',
    type: 'seminar',
    series: 'one-hour-of-human-rights',
    when: { date: '2014-03-12', start: '09:00', end: '10:00' },
    venue: 'head-office',
    recordingUrl: 'https://video.example.org/one-hour/2014-03-12-transnistria',
    countries: ['MD'],
    topics: ['rule-of-law', 'human-rights-defenders'],
    partners: ['promo-lex'],
    people: [['ion-manole', 'speaker']],
    texts: {
      en: {
        title: 'Transnistria: human rights in an unrecognised territory',
        summary:
          'In the breakaway region between Moldova and Ukraine, the authorities act with near total impunity. Ion Manole of Promo-LEX presents an assessment of the human rights situation.',
        body: 'Transnistria broke away from Moldova in the early 1990s, and no UN member state recognises it. That leaves its residents in a legal grey zone: the courts, police and security services answer to no one outside the region, and victims have few places to turn.\n\nPromo-LEX monitors and documents abuses in the region and takes cases to the European Court of Human Rights. Ion Manole, its executive director, describes the most serious violations and what could be done to end the impunity.',
      },
      sv: {
        title: 'Transnistrien: mänskliga rättigheter i ett icke erkänt område',
        summary:
          'I utbrytarregionen mellan Moldavien och Ukraina agerar makthavarna i stort sett ostraffat. Ion Manole från Promo-LEX presenterar en bedömning av läget för de mänskliga rättigheterna.',
        body: 'Transnistrien bröt sig loss från Moldavien i början av 1990-talet och erkänns inte av något FN-land. Det lämnar invånarna i en rättslig gråzon: domstolar, polis och säkerhetstjänst står inte till svars inför någon utanför regionen, och de som drabbas har få ställen att vända sig till.\n\nPromo-LEX bevakar och dokumenterar övergrepp i regionen och driver fall till Europadomstolen. Ion Manole, organisationens verksamhetschef, berättar om de allvarligaste kränkningarna och om vad som kan göras för att bryta straffriheten.',
      },
    },
  },
  {
    slug: 'myanmar-breakfast-with-tomas-ojea-quintana',
    type: 'breakfast-seminar',
    when: { date: '2014-03-20', start: '08:00', end: '09:30' },
    venue: 'head-office',
    recordingUrl: 'https://video.example.org/breakfast/2014-03-20-myanmar',
    countries: ['MM'],
    topics: ['democracy', 'rule-of-law'],
    people: [['tomas-ojea-quintana', 'speaker']],
    texts: {
      en: {
        title: 'Myanmar after the first reforms: breakfast with Tomás Ojea Quintana',
        summary:
          'The UN Special Rapporteur on Myanmar has just returned from his last visit to the country. Over breakfast he discusses the reforms, the challenges ahead and what the international community can do.',
        body: 'Since 2008, Tomás Ojea Quintana has reported to the United Nations on human rights in Myanmar. He sees the current reforms as a real step towards democracy, and he is just as clear about what is still missing.\n\nAt this breakfast seminar he gives his view of the road ahead and asks what governments and international organisations can do to keep the reforms on track.\n\nBreakfast is served from 08:00.',
      },
      sv: {
        title: 'Myanmar efter de första reformerna: frukost med Tomás Ojea Quintana',
        summary:
          'FN:s särskilda rapportör för Myanmar har just kommit hem från sitt sista besök i landet. Över frukosten berättar han om reformerna, utmaningarna framåt och vad omvärlden kan göra.',
        body: 'Sedan 2008 har Tomás Ojea Quintana rapporterat till FN om de mänskliga rättigheterna i Myanmar. Han ser de pågående reformerna som ett verkligt steg mot demokrati, men är lika tydlig med vad som fortfarande saknas.\n\nPå frukostseminariet ger han sin bild av vägen framåt och frågar vad regeringar och internationella organisationer kan göra för att reformerna inte ska stanna av.\n\nFrukost serveras från kl. 08.00.',
      },
    },
  },
  {
    slug: 'thailand-internet-freedom-after-the-coup',
    type: 'seminar',
    series: 'one-hour-of-human-rights',
    when: { date: '2014-08-28', start: '09:00', end: '10:00' },
    venue: 'head-office',
    image: 'network',
    recordingUrl: 'https://video.example.org/one-hour/2014-08-28-thailand',
    countries: ['TH'],
    topics: ['internet-freedom', 'freedom-of-expression'],
    people: [['arthit-suriyawongkul', 'speaker']],
    texts: {
      en: {
        title: 'Internet freedom in Thailand after the coup',
        summary:
          'Three months after the military takeover, political gatherings are banned and the media are censored. Arthit Suriyawongkul of Thai Netizen Network on how defenders can work under these conditions.',
        body: 'Since the army seized power in May, politicians and activists have been detained, and websites and broadcasters have been blocked or told to fall into line. Online, people now think twice about what they share and with whom.\n\nArthit Suriyawongkul is an Internet activist and human rights defender with Thai Netizen Network. He describes the state of free expression in Thailand today and the practical ways activists protect themselves and the people they are in touch with.',
      },
      sv: {
        title: 'Internetfriheten i Thailand efter kuppen',
        summary:
          'Tre månader efter militärkuppen är politiska sammankomster förbjudna och medierna censureras. Arthit Suriyawongkul från Thai Netizen Network berättar hur försvarare kan arbeta under de här förhållandena.',
        body: 'Sedan armén tog makten i maj har politiker och aktivister gripits, och webbplatser och tv-kanaler har blockerats eller fått order om att rätta sig i ledet. På nätet tänker människor nu efter både en och två gånger innan de delar något, och med vem.\n\nArthit Suriyawongkul är internetaktivist och människorättsförsvarare i Thai Netizen Network. Han berättar om läget för yttrandefriheten i Thailand i dag och om de praktiska sätt aktivister skyddar sig själva och dem de har kontakt med.',
      },
    },
  },
  {
    slug: 'azerbaijan-a-voice-in-exile',
    type: 'seminar',
    series: 'one-hour-of-human-rights',
    when: { date: '2014-10-08', start: '09:00', end: '10:00' },
    venue: 'head-office',
    recordingUrl: 'https://video.example.org/one-hour/2014-10-08-azerbaijan-exile',
    countries: ['AZ'],
    topics: ['human-rights-defenders', 'freedom-of-expression', 'media-freedom'],
    people: [['emin-milli', 'speaker']],
    texts: {
      en: {
        title: "A voice in exile for Azerbaijan's imprisoned defenders",
        summary:
          'Emin Milli was sentenced to two and a half years in prison for criticising his government. Now in exile, he speaks about the crackdown on human rights defenders in Azerbaijan.',
        body: "Emin Milli wrote critical articles about those in power in Azerbaijan and was sentenced to two and a half years in prison for it. Today he lives abroad and works to show the world what the government would rather keep hidden.\n\nThis summer several of the country's best-known defenders were arrested, among them people who have been our guests in Stockholm. Emin talks about the wave of arrests, the people now behind bars and what the international community should demand.",
      },
      sv: {
        title: 'En röst i exil för Azerbajdzjans fängslade försvarare',
        summary:
          'Emin Milli dömdes till två och ett halvt års fängelse för att ha kritiserat landets regering. Nu lever han i exil och berättar om tillslaget mot människorättsförsvarare i Azerbajdzjan.',
        body: 'Emin Milli skrev kritiska artiklar om makthavarna i Azerbajdzjan och dömdes för det till två och ett halvt års fängelse. I dag bor han utomlands och arbetar för att visa världen det som regeringen helst vill dölja.\n\nI somras greps flera av landets mest kända människorättsförsvarare, bland dem personer som har varit våra gäster i Stockholm. Emin berättar om gripandevågen, om dem som nu sitter fängslade och om vad omvärlden borde kräva.',
      },
    },
  },
  {
    slug: 'video-sprint-western-balkans',
    type: 'open-call',
    when: { date: '2014-10-13', start: '09:00', endDate: '2014-10-19', end: '18:00' },
    timeZone: 'Europe/Belgrade',
    countries: ['XK', 'AL', 'BA', 'RS'],
    topics: ['freedom-of-expression', 'media-freedom'],
    partners: ['yihr', 'swedish-institute'],
    texts: {
      en: {
        title: 'Open call: video sprint in the Western Balkans',
        summary:
          'Young activists and filmmakers in Kosovo, Albania, Bosnia and Herzegovina and Serbia were invited to apply for an intensive week of making short human rights films together.',
        body: 'A video sprint is a short, focused workshop: small teams go from idea to finished film in a few days, helped by experienced trainers. In October 2014, sprints were held in Serbia, Kosovo, Albania and Bosnia and Herzegovina.\n\nThe sprints were a joint effort with our partners at Youth Initiative for Human Rights in Serbia. They belonged to Video for Change, a project funded through the Creative Force programme of the Swedish Institute.\n\nThe call for applications is closed.',
      },
      sv: {
        title: 'Öppen inbjudan: videosprint på västra Balkan',
        summary:
          'Unga aktivister och filmare i Kosovo, Albanien, Bosnien och Hercegovina och Serbien bjöds in att söka till en intensiv vecka där de gjorde korta filmer om mänskliga rättigheter tillsammans.',
        body: 'En videosprint är en kort och koncentrerad workshop där små lag går från idé till färdig film på några dagar, med hjälp av erfarna handledare. I oktober 2014 hölls sprintar i Serbien, Kosovo, Albanien och Bosnien och Hercegovina.\n\nVi ordnade sprintarna tillsammans med Youth Initiative for Human Rights Serbia inom projektet Video for Change, med stöd från Svenska institutets program Creative Force.\n\nAnsökningstiden har gått ut.',
      },
    },
  },
  {
    slug: 'meet-ales-bialiatski',
    type: 'seminar',
    series: 'one-hour-of-human-rights',
    when: { date: '2014-10-24', start: '09:00', end: '10:00' },
    venue: 'head-office',
    image: 'band',
    recordingUrl: 'https://video.example.org/one-hour/2014-10-24-ales-bialiatski',
    countries: ['BY', 'RU', 'UA'],
    topics: ['human-rights-defenders'],
    partners: ['ostgruppen'],
    people: [['ales-bialiatski', 'speaker']],
    texts: {
      en: {
        title: "Meet Ales Bialiatski, Belarus' leading human rights defender",
        summary:
          'Ales Bialiatski was released in June, having spent 1,052 days behind bars, and is again leading Viasna. Together with Östgruppen we invite you to hear him on Belarus and its relations with Russia and Ukraine.',
        body: "Ales Bialiatski spent almost three years in prison after a trial widely seen as punishment for Viasna's work. When he was amnestied on 21 June 2014, he went straight back to it.\n\nAt this seminar, organised with Östgruppen, he describes the situation in Belarus today, what the war in eastern Ukraine means for the country, and how Minsk balances between Moscow and Kyiv.\n\nEarlier this year, while still in prison, he received our Defender of the Year award.",
      },
      sv: {
        title: 'Möt Ales Bialiatski, Belarus främsta människorättsförsvarare',
        summary:
          'Ales Bialiatski släpptes i juni efter 1 052 dagar i fängelse och leder åter Viasna. Tillsammans med Östgruppen bjuder vi in till ett samtal om Belarus och landets förhållande till Ryssland och Ukraina.',
        body: 'Ales Bialiatski satt nästan tre år i fängelse efter en rättegång som allmänt sågs som ett straff för Viasnas arbete. När han fick amnesti den 21 juni 2014 gick han direkt tillbaka till det.\n\nPå seminariet, som vi ordnar tillsammans med Östgruppen, berättar han om läget i Belarus i dag, vad kriget i östra Ukraina betyder för landet och hur Minsk balanserar mellan Moskva och Kiev.\n\nTidigare i år, medan han fortfarande satt fängslad, tilldelades han vårt pris Årets försvarare.',
      },
    },
  },
  {
    slug: 'republika-srpska-public-order-law',
    type: 'discussion',
    when: { date: '2015-03-24', start: '11:00', end: '13:00' },
    timeZone: 'Europe/Sarajevo',
    venue: 'meeting-house-sarajevo',
    countries: ['BA'],
    topics: ['freedom-of-expression', 'media-freedom', 'freedom-of-assembly'],
    texts: {
      en: {
        title: 'A public order law in Republika Srpska: protecting the public or the authorities?',
        summary:
          'Republika Srpska has adopted a new Law on Public Peace and Order. Join a public debate on what it means for independent media, civil society and free speech in the entity and in Bosnia and Herzegovina as a whole.',
        body: 'The law gives the police new powers over public gatherings and over what people publish, including on social networks. Its supporters say it is about keeping order; its critics fear it will be used against journalists and anyone who questions those in power.\n\nWe invite journalists, lawyers, activists and everyone interested to a public debate on how the law will be applied, what it means for freedom of expression, and whether it can be challenged.',
      },
    },
  },
];
