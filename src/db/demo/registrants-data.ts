import type { Locale } from '../../i18n/index.js';

/**
 * Invented people who registered for demo events, in the order they registered. The
 * names are made up and the addresses are on the reserved example.org domain, so a mail
 * to one of them can never reach anyone.
 */
export const demoRegistrants: readonly { name: string; email: string; locale: Locale }[] = [
  { name: 'Ingrid Holm', email: 'ingrid.holm@example.org', locale: 'sv' },
  { name: 'Daniel Okafor', email: 'daniel.okafor@example.org', locale: 'en' },
  { name: 'Mira Lund', email: 'mira.lund@example.org', locale: 'sv' },
  { name: 'Pavel Horák', email: 'pavel.horak@example.org', locale: 'en' },
  { name: 'Linnea Åberg', email: 'linnea.aberg@example.org', locale: 'sv' },
  { name: 'Yusuf Demir', email: 'yusuf.demir@example.org', locale: 'en' },
  { name: 'Karin Ström', email: 'karin.strom@example.org', locale: 'sv' },
  { name: 'Ana Ribeiro', email: 'ana.ribeiro@example.org', locale: 'en' },
  { name: 'Oskar Wallin', email: 'oskar.wallin@example.org', locale: 'sv' },
  { name: 'Leila Nazari', email: 'leila.nazari@example.org', locale: 'en' },
  { name: 'Emil Forsberg', email: 'emil.forsberg@example.org', locale: 'sv' },
  { name: 'Chiara Bassi', email: 'chiara.bassi@example.org', locale: 'en' },
  { name: 'Viktor Sandberg', email: 'viktor.sandberg@example.org', locale: 'sv' },
  { name: 'Ruth Mensah', email: 'ruth.mensah@example.org', locale: 'en' },
  { name: 'Tove Engström', email: 'tove.engstrom@example.org', locale: 'sv' },
];
