/**
 * Messages of one area of the interface, in every language. en.ts and sv.ts spread each
 * area in; the Swedish object is typed by the English keys, so a missing one does not compile.
 */
export const adminEn = {
  'admin.title': 'Organiser workspace',
  'admin.nav.label': 'Workspace',
  'admin.nav.dashboard': 'Dashboard',
  'admin.nav.events': 'Events',
  'admin.nav.people': 'People',
  'admin.nav.audit': 'Audit trail',
  'admin.nav.users': 'Staff accounts',
  'admin.nav.account': 'Your account',
  'admin.nav.site': 'Public site',
  'admin.signout': 'Sign out',
  'admin.signed-in-as': 'Signed in as {name} ({role})',
  'admin.role.admin': 'Administrator',
  'admin.role.editor': 'Editor',
  'admin.role.logistics': 'Logistics',
  'admin.role.award-secretariat': 'Award secretariat',
  'admin.role.board': 'Board',
  'admin.role.reviewer': 'Reviewer',
  'admin.dash.calls': 'Applications to review',
  'admin.dash.calls-hint':
    'The open calls of each edition and their applications, to read, score and comment on. Every list you open is recorded in the audit trail.',
  'admin.dash.calls-of': 'Open calls for {theme} ({year})',
  'admin.form.errors': 'Please correct the marked fields.',
  'admin.form.save': 'Save',
  'admin.form.cancel': 'Cancel',
  'admin.saved': 'Saved.',
} as const;

export const adminSv: Record<keyof typeof adminEn, string> = {
  'admin.title': 'Arbetsyta för arrangörer',
  'admin.nav.label': 'Arbetsyta',
  'admin.nav.dashboard': 'Översikt',
  'admin.nav.events': 'Evenemang',
  'admin.nav.people': 'Personer',
  'admin.nav.audit': 'Granskningslogg',
  'admin.nav.users': 'Personalkonton',
  'admin.nav.account': 'Ditt konto',
  'admin.nav.site': 'Den publika webbplatsen',
  'admin.signout': 'Logga ut',
  'admin.signed-in-as': 'Inloggad som {name} ({role})',
  'admin.role.admin': 'Administratör',
  'admin.role.editor': 'Redaktör',
  'admin.role.logistics': 'Logistik',
  'admin.role.award-secretariat': 'Prissekretariat',
  'admin.role.board': 'Styrelse',
  'admin.role.reviewer': 'Granskare',
  'admin.dash.calls': 'Ansökningar att granska',
  'admin.dash.calls-hint':
    'Varje upplagas öppna utlysningar och ansökningarna till dem, att läsa, poängsätta och kommentera. Varje lista du öppnar skrivs in i granskningsloggen.',
  'admin.dash.calls-of': 'Öppna utlysningar för {theme} ({year})',
  'admin.form.errors': 'Rätta de markerade fälten.',
  'admin.form.save': 'Spara',
  'admin.form.cancel': 'Avbryt',
  'admin.saved': 'Sparat.',
};
