import type { Children } from '@kitajs/html';
import { countryCodes } from '../../core/award/award.schema.js';
import { photoConsents, type Profile } from '../../core/participation/participation.schema.js';
import { countryName } from '../../i18n/format.js';
import type { MessageKey } from '../../i18n/index.js';
import { Checkbox, Notice, Select, TextArea, TextInput, type Errors, type Values } from '../admin/form-fields.js';
import type { ViewContext } from '../views/context.js';
import { dateFormat } from '../public/conference.views.js';
import { deletedText, deletionDay, FormProblems, RadioGroup, whyAndWhen } from './fields.js';
import { PortalLayout } from './layout.js';

/**
 * The portal form: every field of parseProfileForm, grouped, each with why
 * it is asked and when it is deleted. The legal identity group is always there (no script
 * shows or hides it); its note says it is only needed, and only kept, with travel support or
 * a visa letter, and the service drops it otherwise.
 */

/** The form's values from what is stored: the field names of parseProfileForm. */
export function profileValues(p: Profile): Values {
  const flag = (b: boolean) => (b ? '1' : '');
  return {
    display_name: p.displayName,
    photo_consent: p.photoConsent,
    travel_support: flag(p.travelSupport),
    visa_letter: flag(p.visaLetter),
    given_names: p.identity?.givenNames ?? '',
    family_names: p.identity?.familyNames ?? '',
    nationality: p.identity?.nationality ?? '',
    passport_number: p.identity?.passportNumber ?? '',
    date_of_birth: p.identity?.dateOfBirth ?? '',
    email: p.contact.email,
    emergency: p.contact.emergency,
    travel_from: p.travel.from,
    arrival: p.travel.arrival,
    departure: p.travel.departure,
    visa_notes: p.travel.visa,
    accommodation: p.needs.accommodation,
    access: p.needs.access,
    dietary: p.needs.dietary,
    interpretation: p.needs.interpretation,
    join_community: flag(p.joinCommunity),
  };
}

function Group({ id, legend, children }: { id: string; legend: string; children?: Children }): JSX.Element {
  return (
    <fieldset class="form-group" id={`group-${id}`}>
      <legend safe>{legend}</legend>
      <div class="form">{children}</div>
    </fieldset>
  );
}

export function ProfilePage({
  ctx,
  csrf,
  values,
  errors,
  saved,
  retentionDays,
  editionEndsOn,
}: {
  ctx: ViewContext;
  csrf: string;
  values: Values;
  errors: Errors;
  saved: boolean;
  retentionDays: number;
  editionEndsOn: string | null;
}): JSX.Element {
  const title = ctx.t('portal.profile.title');
  const when = deletedText(ctx, editionEndsOn, retentionDays);
  const hint = (key: MessageKey) => whyAndWhen(ctx.t(key), when);
  const deletion = deletionDay(editionEndsOn, retentionDays);
  const common = { ctx, values, errors };
  const countries = countryCodes.map((c) => ({ value: c, label: countryName(c, ctx.locale) })).sort((a, b) => a.label.localeCompare(b.label, ctx.locale));
  return (
    <PortalLayout ctx={ctx} title={title} signedIn={{ csrf }} mainAttrs={{ 'data-page': 'profile' }}>
      <h1 safe>{title}</h1>
      <Notice text={saved ? ctx.t('portal.profile.saved') : undefined} />
      <p safe>{ctx.t('portal.profile.intro')}</p>
      <p safe>
        {deletion
          ? ctx.t('portal.profile.deletion', { date: dateFormat(ctx.locale, false).format(deletion), days: retentionDays })
          : ctx.t('portal.profile.deletion-after', { days: retentionDays })}
      </p>
      <form method="post" action={ctx.href('/portal/profile')} class="form profile-form" novalidate>
        <FormProblems ctx={ctx} errors={errors} />
        <input type="hidden" name="_csrf" value={csrf} />

        <Group id="appear" legend={ctx.t('portal.profile.appear')}>
          <TextInput
            {...common}
            name="display_name"
            label={ctx.t('portal.profile.display-name')}
            hint={hint('portal.profile.display-name-why')}
            autocomplete="nickname"
            required
            maxlength={60}
          />
          <RadioGroup
            {...common}
            name="photo_consent"
            label={ctx.t('portal.profile.photo')}
            hint={hint('portal.profile.photo-why')}
            options={photoConsents.map((c) => ({ value: c, label: ctx.t(`portal.profile.photo.${c}`) }))}
          />
        </Group>

        <Group id="support" legend={ctx.t('portal.profile.support')}>
          <Checkbox {...common} name="travel_support" label={ctx.t('portal.profile.travel-support')} hint={hint('portal.profile.travel-support-why')} />
          <Checkbox {...common} name="visa_letter" label={ctx.t('portal.profile.visa-letter')} hint={hint('portal.profile.visa-letter-why')} />
        </Group>

        <Group id="identity" legend={ctx.t('portal.profile.identity')}>
          <p class="hint identity-note" safe>
            {ctx.t('portal.profile.identity-note')}
          </p>
          <TextInput
            {...common}
            name="given_names"
            label={ctx.t('portal.profile.given-names')}
            hint={hint('portal.profile.given-names-why')}
            autocomplete="given-name"
            maxlength={100}
          />
          <TextInput
            {...common}
            name="family_names"
            label={ctx.t('portal.profile.family-names')}
            hint={hint('portal.profile.family-names-why')}
            autocomplete="family-name"
            maxlength={100}
          />
          <Select
            {...common}
            name="nationality"
            label={ctx.t('portal.profile.nationality')}
            hint={hint('portal.profile.nationality-why')}
            empty={ctx.t('portal.profile.nationality-none')}
            options={countries}
          />
          <TextInput {...common} name="passport_number" label={ctx.t('portal.profile.passport')} hint={hint('portal.profile.passport-why')} maxlength={40} />
          <TextInput
            {...common}
            name="date_of_birth"
            type="date"
            label={ctx.t('portal.profile.born')}
            hint={hint('portal.profile.born-why')}
            autocomplete="bday"
          />
        </Group>

        <Group id="contact" legend={ctx.t('portal.profile.contact')}>
          <TextInput
            {...common}
            name="email"
            type="email"
            label={ctx.t('portal.profile.email')}
            hint={hint('portal.profile.email-why')}
            autocomplete="email"
            maxlength={254}
          />
          <TextArea
            {...common}
            name="emergency"
            label={ctx.t('portal.profile.emergency')}
            hint={hint('portal.profile.emergency-why')}
            rows={2}
            maxlength={1000}
          />
        </Group>

        <Group id="travel" legend={ctx.t('portal.profile.travel')}>
          <TextInput {...common} name="travel_from" label={ctx.t('portal.profile.from')} hint={hint('portal.profile.from-why')} maxlength={100} />
          <TextInput {...common} name="arrival" type="date" label={ctx.t('portal.profile.arrival')} hint={hint('portal.profile.arrival-why')} />
          <TextInput {...common} name="departure" type="date" label={ctx.t('portal.profile.departure')} hint={hint('portal.profile.departure-why')} />
          <TextArea
            {...common}
            name="visa_notes"
            label={ctx.t('portal.profile.visa-notes')}
            hint={hint('portal.profile.visa-notes-why')}
            rows={2}
            maxlength={1000}
          />
        </Group>

        <Group id="needs" legend={ctx.t('portal.profile.needs')}>
          <TextArea
            {...common}
            name="accommodation"
            label={ctx.t('portal.profile.accommodation')}
            hint={hint('portal.profile.accommodation-why')}
            rows={2}
            maxlength={1000}
          />
          <TextArea {...common} name="access" label={ctx.t('portal.profile.access')} hint={hint('portal.profile.access-why')} rows={2} maxlength={1000} />
          <TextArea {...common} name="dietary" label={ctx.t('portal.profile.dietary')} hint={hint('portal.profile.dietary-why')} rows={2} maxlength={1000} />
          <TextArea
            {...common}
            name="interpretation"
            label={ctx.t('portal.profile.interpretation')}
            hint={hint('portal.profile.interpretation-why')}
            rows={2}
            maxlength={1000}
          />
        </Group>

        <Group id="community" legend={ctx.t('portal.profile.community')}>
          <Checkbox {...common} name="join_community" label={ctx.t('portal.profile.join')} hint={hint('portal.profile.join-why')} />
        </Group>

        <p>
          <button type="submit" safe>
            {ctx.t('portal.profile.submit')}
          </button>
        </p>
      </form>
    </PortalLayout>
  );
}
