import type { Db } from '../database.js';
import { makeBootcampConcept, makeBootcampCourse, makePerson } from '../factories.js';

/**
 * The demo's bootcamp: four training concepts, two past courses and one upcoming course open
 * to applications. Courses, trainers and texts are invented for the demo. One trainer has
 * not consented to a public profile, so the course pages show that such a trainer is not named.
 */

const concepts = {
  'digital-security': { en: 'Digital security', sv: 'Digital säkerhet' },
  'strategic-litigation': { en: 'Strategic litigation', sv: 'Strategisk processföring' },
  'video-campaigning': { en: 'Video campaigning', sv: 'Videokampanjer' },
  'psychosocial-security': { en: 'Psychosocial security', sv: 'Psykosocial säkerhet' },
} as const;
type ConceptSlug = keyof typeof concepts;

const trainers = {
  'irina-volkova': { name: 'Irina Volkova', publicProfile: true, en: 'Digital security trainer (demo)', sv: 'Utbildare i digital säkerhet (demo)' },
  'jonas-alm': { name: 'Jonas Alm', publicProfile: true, en: 'Human rights lawyer (demo)', sv: 'Människorättsjurist (demo)' },
  'amara-diallo': { name: 'Amara Diallo', publicProfile: true, en: 'Video producer (demo)', sv: 'Videoproducent (demo)' },
  'karin-holm': { name: 'Karin Holm', publicProfile: false, en: 'Psychologist (demo)', sv: 'Psykolog (demo)' },
} as const;
type TrainerSlug = keyof typeof trainers;

interface DemoCourse {
  slug: string;
  status: 'published' | 'closed';
  /** days from today to the first and the last day */
  days: [number, number];
  language: 'en' | 'en-ru' | 'ru' | 'sv';
  audience: 'invited' | 'applications';
  capacity: number;
  concepts: ConceptSlug[];
  trainers: TrainerSlug[];
  texts: { en: { title: string; description: string }; sv: { title: string; description: string } };
  goals: { en: string; sv: string }[];
}

const courses: DemoCourse[] = [
  {
    slug: 'safer-communication-for-small-organisations',
    status: 'closed',
    days: [-400, -372],
    language: 'en-ru',
    audience: 'invited',
    capacity: 18,
    concepts: ['digital-security'],
    trainers: ['irina-volkova'],
    texts: {
      en: {
        title: 'Safer communication for small organisations',
        description:
          'Four weeks, two online sessions a week. Participants map what their organisation must protect and from whom, then change one habit at a time: devices, accounts, messaging and meetings.\n\nFor staff of small human rights organisations who look after their colleagues’ devices without being IT specialists.',
      },
      sv: {
        title: 'Säkrare kommunikation för små organisationer',
        description:
          'Fyra veckor, två sessioner på distans i veckan. Deltagarna kartlägger vad deras organisation behöver skydda och mot vem, och ändrar sedan en vana i taget: enheter, konton, meddelanden och möten.\n\nFör personal i små människorättsorganisationer som tar hand om kollegornas enheter utan att vara IT-specialister.',
      },
    },
    goals: [
      { en: 'Describe the threats to your own organisation in a simple threat model', sv: 'Beskriva hoten mot den egna organisationen i en enkel hotmodell' },
      {
        en: 'Set up and explain end-to-end encrypted messaging to a colleague',
        sv: 'Installera och förklara totalsträckskrypterade meddelanden för en kollega',
      },
      { en: 'Protect accounts with a password manager and a second factor', sv: 'Skydda konton med en lösenordshanterare och en andra faktor' },
    ],
  },
  {
    slug: 'documenting-abuses-on-video',
    status: 'closed',
    days: [-180, -152],
    language: 'en',
    audience: 'applications',
    capacity: 16,
    concepts: ['video-campaigning', 'strategic-litigation'],
    trainers: ['amara-diallo', 'jonas-alm', 'karin-holm'],
    texts: {
      en: {
        title: 'Documenting abuses on video',
        description:
          'How to film, keep and share video of human rights abuses so that it can support a campaign or a court case without putting the people in it at risk.',
      },
      sv: {
        title: 'Dokumentera övergrepp på video',
        description:
          'Hur man filmar, bevarar och delar video av människorättsövergrepp så att den kan stödja en kampanj eller ett rättsfall utan att utsätta dem som syns för risk.',
      },
    },
    goals: [
      { en: 'Plan a recording with the safety of the people filmed in mind', sv: 'Planera en inspelning med hänsyn till säkerheten för dem som filmas' },
      { en: 'Keep the metadata and chain of custody a court may ask for', sv: 'Bevara de metadata och den beviskedja som en domstol kan fråga efter' },
      { en: 'Edit a short video for a campaign', sv: 'Redigera en kort video för en kampanj' },
    ],
  },
  {
    slug: 'staying-well-under-pressure',
    status: 'published',
    days: [45, 73],
    language: 'en-ru',
    audience: 'applications',
    capacity: 20,
    concepts: ['psychosocial-security', 'digital-security'],
    trainers: ['karin-holm', 'irina-volkova'],
    texts: {
      en: {
        title: 'Staying well under pressure',
        description:
          'Defenders who face threats, surveillance and smear campaigns carry a heavy load. This course treats stress and burnout as a security risk like any other, and gives teams practical ways to notice it and share the load.\n\nOpen to applications: we choose participants so that each group brings together different countries and kinds of work.',
      },
      sv: {
        title: 'Att må bra under press',
        description:
          'Försvarare som möter hot, övervakning och smutskastning bär en tung börda. Kursen behandlar stress och utbrändhet som en säkerhetsrisk bland andra, och ger grupper praktiska sätt att upptäcka den och dela på bördan.\n\nÖppen för ansökningar: vi väljer deltagare så att varje grupp samlar olika länder och olika slags arbete.',
      },
    },
    goals: [
      { en: 'Recognise signs of stress and burnout in yourself and your team', sv: 'Känna igen tecken på stress och utbrändhet hos dig själv och i gruppen' },
      { en: 'Agree on a team routine for difficult days', sv: 'Komma överens om en rutin i gruppen för svåra dagar' },
      { en: 'Link psychosocial and digital security in one safety plan', sv: 'Koppla ihop psykosocial och digital säkerhet i en säkerhetsplan' },
    ],
  },
];

/** YYYY-MM-DD a number of days from `now`. */
const dayFrom = (now: Date, days: number): string => new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);

export async function loadDemoBootcamp(db: Db, now: Date): Promise<number> {
  const conceptIds = new Map<ConceptSlug, number>();
  for (const [slug, names] of Object.entries(concepts) as [ConceptSlug, (typeof concepts)[ConceptSlug]][]) {
    conceptIds.set(slug, (await makeBootcampConcept(db, { names })).id);
  }
  const trainerIds = new Map<TrainerSlug, number>();
  for (const [slug, p] of Object.entries(trainers) as [TrainerSlug, (typeof trainers)[TrainerSlug]][]) {
    trainerIds.set(slug, (await makePerson(db, { slug, name: p.name, publicProfile: p.publicProfile, affiliation: { en: p.en, sv: p.sv } })).id);
  }
  for (const c of courses) {
    await makeBootcampCourse(db, {
      slug: c.slug,
      status: c.status,
      texts: c.texts,
      language: c.language,
      audience: c.audience,
      capacity: c.capacity,
      startsOn: dayFrom(now, c.days[0]),
      endsOn: dayFrom(now, c.days[1]),
      conceptIds: c.concepts.map((x) => conceptIds.get(x) ?? 0),
      trainerIds: c.trainers.map((x) => trainerIds.get(x) ?? 0),
      goals: c.goals,
    });
  }
  return courses.length;
}
