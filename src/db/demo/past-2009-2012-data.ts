import type { DemoEvent } from './types.js';

/** Past public events, 2009–2012, retold in our own words from the programme archive. */
export const past2009to2012: DemoEvent[] = [
  {
    slug: 'north-caucasus-defenders-silenced',
    type: 'seminar',
    series: 'one-hour-of-human-rights',
    when: { date: '2009-10-14', start: '15:00', end: '16:30' },
    venue: 'myntkabinettet',
    countries: ['RU'],
    topics: ['human-rights-defenders'],
    people: [['robert-hardh', 'host']],
    notice: {
      en: "This month's seminar moves to the afternoon, 15:00, and to Myntkabinettet (The Royal Coin Cabinet), Slottsbacken 6.",
      sv: 'Månadens seminarium flyttas till eftermiddagen, kl. 15.00, och till Myntkabinettet, Slottsbacken 6.',
      daysBefore: 9,
    },
    texts: {
      en: {
        title: 'Silenced defenders in the North Caucasus',
        summary:
          "Since the summer, defenders in the North Caucasus have worked under ever more serious threats. This month's seminar asks what has changed and what Sweden and the EU can do.",
        body: 'The killing of Natalia Estemirova in July 2009 was a turning point. In the months since, colleagues in Chechnya and the neighbouring republics have reported more harassment, and several people have been killed.\n\nWe discuss who is behind the pressure, how the organisations that remain manage to keep working, and which kinds of support from abroad actually help.\n\nPlease note the unusual time and place: this month we meet in the afternoon at Myntkabinettet on Slottsbacken, not at our office.',
      },
      sv: {
        title: 'Tystade försvarare i Nordkaukasien',
        summary:
          'Sedan i somras arbetar människorättsförsvarare i Nordkaukasien under allt grövre hot. Månadens seminarium handlar om vad som har förändrats och vad Sverige och EU kan göra.',
        body: 'Mordet på Natalja Estemirova i juli 2009 blev en vändpunkt. Under månaderna som följt har kollegor i Tjetjenien och grannrepublikerna rapporterat om fler trakasserier, och flera människor har dödats.\n\nVi diskuterar vem som ligger bakom trycket, hur de organisationer som finns kvar lyckas fortsätta sitt arbete och vilket stöd utifrån som faktiskt gör skillnad.\n\nObservera den ovanliga tiden och platsen: den här månaden ses vi på eftermiddagen på Myntkabinettet vid Slottsbacken, inte på vårt kontor.',
      },
    },
  },
  {
    slug: 'terrorist-fear-and-the-rule-of-law',
    type: 'panel',
    when: { date: '2009-11-14', start: '13:00', end: '16:00' },
    venue: 'head-office',
    countries: ['SE', 'DK', 'US'],
    topics: ['rule-of-law'],
    people: [
      ['thomas-olsson', 'panellist'],
      ['laue-traberg-smidt', 'panellist'],
      ['anna-wigenmark', 'panellist'],
      ['madelaine-seidlitz', 'panellist'],
      ['gosta-hulten', 'panellist'],
    ],
    texts: {
      en: {
        title: 'Fear of terrorism and the rule of law: Guantanamo after Bush',
        summary: 'A public meeting on anti-terrorism laws and what they do to fair trials, with lawyers who have defended people caught up in them.',
        body: 'A new US administration has promised to close the detention camp at Guantanamo Bay, but the legal thinking behind it lives on, in Europe too. Terrorist lists, frozen assets and secret evidence have found their way into ordinary law.\n\nLawyers from Sweden and Denmark who have represented clients accused of links to terrorist organisations describe what these cases look like from the defence bench. A journalist and two human rights lawyers join them to ask where the line between security and arbitrary power should be drawn.',
      },
    },
  },
  {
    slug: 'sweden-the-eu-and-russia',
    type: 'discussion',
    when: { date: '2009-12-03', start: '18:00', end: '20:00' },
    venue: 'head-office',
    countries: ['RU', 'SE'],
    topics: ['human-rights-defenders', 'democracy'],
    partners: ['ostgruppen'],
    people: [
      ['oksana-chelysheva', 'panellist'],
      ['usam-baysaev', 'panellist'],
      ['ingmar-oldberg', 'panellist'],
      ['robert-hardh', 'panellist'],
      ['martin-uggla', 'moderator'],
    ],
    texts: {
      en: {
        title: 'Sweden, the EU and Russia: a policy for human rights?',
        summary:
          'A journalist, a Memorial researcher and a Russia expert discuss how Sweden and the EU should deal with Moscow while defenders are under attack.',
        body: "Memorial has just been awarded the European Parliament's Sakharov Prize, in the same year that one of its best-known researchers was murdered. Does European policy towards Russia reflect that reality?\n\nOksana Chelysheva writes for Novaya Gazeta and is active in the Russian-Chechen Friendship Society. Usam Baysaev documents abuses for Memorial. Ingmar Oldberg follows Russian foreign policy as a researcher. Robert Hårdh joins them, and Martin Uggla of Östgruppen leads the conversation.\n\nThere will be time for questions from the audience.",
      },
      sv: {
        title: 'Sverige, EU och Ryssland – en politik för mänskliga rättigheter?',
        summary:
          'En journalist, en medarbetare på Memorial och en Rysslandsexpert diskuterar hur Sverige och EU bör hantera Moskva när människorättsförsvarare angrips.',
        body: 'Memorial har just tilldelats Europaparlamentets Sacharovpris, samma år som en av organisationens mest kända medarbetare mördades. Speglar Europas Rysslandspolitik den verkligheten?\n\nOksana Tjelysjeva skriver för Novaja Gazeta och är aktiv i Rysk-tjetjenska vänskapsförbundet. Usam Bajsajev dokumenterar övergrepp för Memorial. Ingmar Oldberg följer rysk utrikespolitik som forskare. Med i samtalet är också Robert Hårdh, och Martin Uggla från Östgruppen leder diskussionen.\n\nDet blir tid för frågor från publiken.',
      },
    },
  },
  {
    slug: 'kosovo-state-of-constriction',
    type: 'seminar',
    series: 'one-hour-of-human-rights',
    when: { date: '2010-06-10', start: '09:00', end: '10:00' },
    venue: 'head-office',
    countries: ['XK'],
    topics: ['rule-of-law', 'freedom-of-expression'],
    partners: ['yihr'],
    texts: {
      en: {
        title: 'Kosovo two years on: a state of constriction?',
        summary:
          'A report by Youth Initiative for Human Rights in Kosovo and us asks whether people in the young state feel free to speak and act on their convictions.',
        body: 'Kosovo declared independence in 2008. Two years later, we and Youth Initiative for Human Rights in Kosovo took a close look at how its institutions work in practice: the courts, the police, the media and the public administration.\n\nThe report, called "State of Constriction", asks a simple question: do citizens feel free to follow their own conscience and judgement? At this seminar we present its answer and what we think needs to change.',
      },
    },
  },
  {
    slug: 'swedish-police-internal-investigations',
    type: 'seminar',
    when: { date: '2010-09-09', start: '14:00', end: '16:00' },
    venue: 'head-office',
    countries: ['SE'],
    topics: ['rule-of-law'],
    people: [
      ['dennis-tollborg', 'speaker'],
      ['robert-hardh', 'panellist'],
    ],
    texts: {
      en: {
        title: 'Who investigates the police? Internal investigations in Sweden',
        summary:
          'Professor Dennis Töllborg presents his study of how the Swedish police investigate complaints against their own officers. Robert Hårdh comments.',
        body: 'When someone reports a police officer for a crime, it is often colleagues from the same authority who look into it. Can such an investigation ever be seen as independent?\n\nDennis Töllborg has gone through a large number of cases and describes what he found. Robert Hårdh responds from a human rights perspective and discusses what an independent system could look like.\n\nThe seminar is open to everyone, but please let us know if you are coming.',
      },
      sv: {
        title: 'Vem granskar polisen? Internutredningar i Sverige',
        summary: 'Professor Dennis Töllborg presenterar sin studie av hur svensk polis utreder anmälningar mot de egna leden. Robert Hårdh kommenterar.',
        body: 'När någon anmäler en polis för brott är det ofta kollegor inom samma myndighet som utreder. Kan en sådan utredning någonsin uppfattas som oberoende?\n\nDennis Töllborg har gått igenom ett stort antal ärenden och berättar vad han hittade. Robert Hårdh kommenterar ur ett människorättsperspektiv och diskuterar hur en oberoende ordning skulle kunna se ut.\n\nSeminariet är öppet för alla, men meddela oss gärna om du kommer.',
      },
    },
  },
  {
    slug: 'western-balkans-civil-society-conference',
    type: 'conference',
    when: { date: '2011-11-22', start: '09:00', endDate: '2011-11-23', end: '17:00' },
    timeZone: 'Europe/Sarajevo',
    venue: 'meeting-house-sarajevo',
    image: 'stripes',
    countries: ['BA', 'RS', 'XK', 'AL', 'ME', 'MK'],
    topics: ['media-freedom', 'democracy', 'rule-of-law'],
    partners: ['ti-bih'],
    texts: {
      en: {
        title: 'Civil society, citizens and media in the Western Balkans: challenges as an opportunity',
        summary:
          'A regional conference over two days in Sarajevo, co-organised by Transparency International Bosnia and Herzegovina and us, for journalists, activists and organisations from across the region.',
        body: 'Independent journalists and civic groups across the Western Balkans face much the same pressures: political influence over the media, corruption, and public funding that seldom reaches critical voices. They also share hard-won experience of what works.\n\nOver two days, participants from Bosnia and Herzegovina, Serbia, Kosovo, Albania and neighbouring countries compare notes and look for ways to work together across borders.\n\nThe programme mixes panel debates with smaller working groups on investigative journalism, access to information and citizen engagement.',
      },
      sv: {
        title: 'Civilsamhälle, medborgare och medier på västra Balkan: utmaningar som möjligheter',
        summary:
          'En regional konferens i två dagar i Sarajevo, som vi ordnar tillsammans med Transparency International Bosnien och Hercegovina, för journalister, aktivister och organisationer från hela regionen.',
        body: 'Oberoende journalister och medborgarorganisationer på västra Balkan möter ungefär samma påtryckningar: politiskt inflytande över medierna, korruption och offentliga pengar som sällan når kritiska röster. De delar också erfarenheter av vad som faktiskt fungerar.\n\nUnder två dagar jämför deltagare från Bosnien och Hercegovina, Serbien, Kosovo, Albanien och grannländerna sina erfarenheter och letar efter sätt att samarbeta över gränserna.\n\nProgrammet blandar paneldebatter med mindre arbetsgrupper om granskande journalistik, tillgång till allmänna handlingar och medborgarengagemang.',
      },
    },
  },
  {
    slug: 'propaganda-laws-against-lgbt-activism',
    type: 'seminar',
    series: 'one-hour-of-human-rights',
    when: { date: '2012-05-25', start: '09:00', end: '10:00' },
    venue: 'head-office',
    recordingUrl: 'https://video.example.org/one-hour/2012-05-25-propaganda-laws',
    countries: ['RU'],
    topics: ['lgbti-rights', 'freedom-of-expression'],
    people: [
      ['anastasia-smirnova', 'speaker'],
      ['alexandra-semenova', 'speaker'],
    ],
    texts: {
      en: {
        title: 'Propaganda laws against LGBT activism in Russia',
        summary:
          "St Petersburg has banned 'propaganda' for homosexuality, after Ryazan, Arkhangelsk and Kostroma. Two activists explain where the laws come from and what they mean for their work.",
        body: 'The new regional laws are vaguely worded, and that is part of the point: almost any public statement about the lives of gay and lesbian people can be treated as an offence. There is already talk of a similar law for the whole of Russia.\n\nAnastasia Smirnova and Alexandra Semenova are LGBT activists in St Petersburg. They describe the campaign behind the laws, how the first cases have been handled, and how activists are changing the way they work.',
      },
      sv: {
        title: 'Propagandalagar mot hbt-aktivism i Ryssland',
        summary:
          'S:t Petersburg har förbjudit ”propaganda” för homosexualitet, efter Rjazan, Archangelsk och Kostroma. Två aktivister berättar hur lagarna kom till och vad de betyder för deras arbete.',
        body: 'De nya regionala lagarna är vagt formulerade, och det är en del av poängen: nästan vilket offentligt uttalande som helst om homosexuellas liv kan behandlas som ett brott. Det talas redan om en liknande lag för hela Ryssland.\n\nAnastasia Smirnova och Alexandra Semenova är hbt-aktivister i S:t Petersburg. De berättar om kampanjen bakom lagarna, hur de första fallen har hanterats och hur aktivisterna ställer om sitt arbete.',
      },
    },
  },
  {
    slug: 'cambodia-free-the-15',
    type: 'seminar',
    series: 'one-hour-of-human-rights',
    when: { date: '2012-09-05', start: '09:00', end: '10:00' },
    venue: 'head-office',
    countries: ['KH'],
    topics: ['human-rights-defenders', 'land-and-housing'],
    people: [['ee-sarom', 'speaker']],
    texts: {
      en: {
        title: 'Cambodia: land rights defenders behind bars',
        summary:
          'Fifteen people who had protested against forced evictions in Phnom Penh were arrested in May. Ee Sarom of Sahmakum Teang Tnaut opens the autumn season of the series.',
        body: 'For years, residents of Phnom Penh have protested peacefully against evictions and the unlawful seizure of their land. In May, police arrested fifteen of them. Within days, thirteen had been sentenced to two and a half years in prison after a trial that fell far short of fair-trial standards.\n\nEe Sarom works with Sahmakum Teang Tnaut, which supports urban communities threatened with eviction. He talks about the campaign to free the fifteen and about the growing risks for everyone in Cambodia who stands up for land and housing rights.',
      },
      sv: {
        title: 'Kambodja: försvarare av rätten till mark bakom galler',
        summary:
          'I maj greps femton personer som protesterat mot tvångsvräkningar i Phnom Penh. Ee Sarom från Sahmakum Teang Tnaut inleder seriens höstsäsong.',
        body: 'I flera år har invånare i Phnom Penh protesterat fredligt mot vräkningar och mot att deras mark tas ifrån dem utan laglig grund. I maj grep polisen femton av dem. Inom några dagar hade tretton dömts till två och ett halvt års fängelse efter en rättegång som var långt ifrån rättvis.\n\nEe Sarom arbetar på Sahmakum Teang Tnaut, som stöttar stadsdelar som hotas av vräkning. Han berättar om kampanjen för att få de femton frisläppta och om de växande riskerna för alla i Kambodja som försvarar rätten till mark och bostad.',
      },
    },
  },
  {
    slug: 'albania-a-dedicated-fight-for-dignity',
    type: 'seminar',
    series: 'one-hour-of-human-rights',
    when: { date: '2012-09-26', start: '09:00', end: '10:00' },
    venue: 'head-office',
    recordingUrl: 'https://video.example.org/one-hour/2012-09-26-disability-rights-albania',
    countries: ['AL'],
    topics: ['disability-rights'],
    partners: ['adrf'],
    people: [['blerta-cani-drenofci', 'speaker']],
    texts: {
      en: {
        title: 'A dedicated fight for dignity: disability rights in Albania',
        summary:
          'Albania took part in the Paralympics for the first time this summer, yet people with disabilities still meet barriers every day. Blerta Çani Drenofci talks about the work to change that.',
        body: 'In Albania, disability is still often treated as a family misfortune rather than a question of rights. Inaccessible buildings, schools that turn children away and little support in daily life keep many people out of public life.\n\nBlerta Çani Drenofci leads the Albanian Disability Rights Foundation, which works on legislation, accessibility and the right to live independently. She describes what has improved, what has not, and where support from abroad makes a difference.',
      },
      sv: {
        title: 'En envis kamp för värdighet: funktionsrätt i Albanien',
        summary:
          'I somras deltog Albanien för första gången i Paralympics, men personer med funktionsnedsättning möter fortfarande hinder varje dag. Blerta Çani Drenofci berättar om arbetet för att ändra på det.',
        body: 'I Albanien ses en funktionsnedsättning fortfarande ofta som en olycka för familjen snarare än som en rättighetsfråga. Otillgängliga byggnader, skolor som nekar barn plats och bristande stöd i vardagen håller många utanför samhällslivet.\n\nBlerta Çani Drenofci leder Albanian Disability Rights Foundation, som arbetar med lagstiftning, tillgänglighet och rätten att leva självständigt. Hon berättar om vad som har blivit bättre, vad som står still och var stöd utifrån gör skillnad.',
      },
    },
  },
  {
    slug: 'human-rights-in-putins-new-term',
    type: 'panel',
    when: { date: '2012-10-17', start: '09:00', end: '10:30' },
    venue: 'head-office',
    countries: ['RU'],
    topics: ['human-rights-defenders', 'freedom-of-assembly'],
    texts: {
      en: {
        title: "Human rights in Putin's new term",
        summary:
          'Since Vladimir Putin returned to the presidency in May, new laws have narrowed the space for civil society. Experts on the North Caucasus discuss what this means for the region.',
        body: "Within months of the inauguration, parliament had tightened the rules on street protests, required foreign-funded organisations to call themselves 'foreign agents' and made defamation a crime again. Meanwhile, reports of abductions and torture keep coming from the North Caucasus.\n\nOur panel of researchers and practitioners who follow the region closely looks at how the new laws and the violence in the North Caucasus feed into each other, and what that means for the people who document abuses there.",
      },
      sv: {
        title: 'Mänskliga rättigheter under Putins nya mandatperiod',
        summary:
          'Sedan Vladimir Putin återvände som president i maj har nya lagar krympt utrymmet för civilsamhället. Experter på Nordkaukasien diskuterar vad det betyder för regionen.',
        body: 'Inom några månader efter installationen hade parlamentet skärpt reglerna för demonstrationer, tvingat organisationer med utländsk finansiering att kalla sig ”utländska agenter” och åter gjort förtal till ett brott. Samtidigt fortsätter rapporterna om bortföranden och tortyr i Nordkaukasien.\n\nVår panel av forskare och praktiker som följer regionen på nära håll diskuterar hur de nya lagarna och våldet i Nordkaukasien förstärker varandra, och vad det betyder för dem som dokumenterar övergreppen.',
      },
    },
  },
];
