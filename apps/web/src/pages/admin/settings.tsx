import {
  Alert,
  Button,
  Checkbox,
  Field,
  Heading,
  Label,
  Paragraph,
  Select,
  Textfield,
} from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, ok } from '../../api/client';
import { problemText } from '../../api/problems';
import { Loading, PageTitle, ProblemAlert } from '../../components/page';
import { useOrgans } from '../../components/queries';

type Message = { text: string; color: 'success' | 'danger' } | null;

/** "{year}-{serial:5}" → "2026-00042": what a dnr will look like. */
export function dnrExample(format: string, year: number, serial = 42): string {
  return format
    .replace(/\{year\}/g, String(year))
    .replace(/\{serial(?::(\d))?\}/g, (_, width: string | undefined) =>
      String(serial).padStart(Number(width ?? 1), '0'),
    );
}

const RULES: Record<string, string> = {
  'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1': 'Sista dagen i februari varje år',
  'FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1': 'Sista dagen i mars varje år',
  'FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=15': 'Den 15 april varje år',
};

/** The municipality's settings: its name, the dnr format, and the rule for annual follow-ups. */
export function SettingsAdmin() {
  const municipality = useQuery({
    queryKey: ['municipality'],
    queryFn: () => ok(api.GET('/api/v1/municipality')),
  });
  const annual = useQuery({
    queryKey: ['annual-followups'],
    queryFn: () => ok(api.GET('/api/v1/annual-followups')),
  });
  const organs = useOrgans();
  const [message, setMessage] = useState<Message>(null);
  const [format, setFormat] = useState<string | null>(null);

  async function saveMunicipality(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setMessage(null);
    try {
      await ok(
        api.PATCH('/api/v1/municipality', {
          body: {
            name: String(data.get('name')).trim(),
            dnrFormat: String(data.get('dnrFormat')).trim(),
            classificationCodeAppended: data.get('classificationCodeAppended') === 'on',
            ...(String(data.get('kommunkod')).trim()
              ? { kommunkod: String(data.get('kommunkod')).trim() }
              : {}),
          },
        }),
      );
      setMessage({ text: 'Kommunens inställningar är sparade.', color: 'success' });
      await municipality.refetch();
    } catch (failure) {
      setMessage({ text: problemText(failure), color: 'danger' });
    }
  }

  async function saveAnnual(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setMessage(null);
    try {
      await ok(
        api.PUT('/api/v1/annual-followups/settings', {
          body: {
            rrule: String(data.get('rrule')),
            leadDays: Number(data.get('leadDays')),
            reminderDays: String(data.get('reminderDays'))
              .split(/[\s,]+/)
              .filter(Boolean)
              .map(Number),
            reportOrganId: Number(data.get('reportOrganId')) || undefined,
            version: annual.data!.settings.version,
          },
        }),
      );
      setMessage({ text: 'Regeln för årsuppföljningarna är sparad.', color: 'success' });
      await annual.refetch();
    } catch (failure) {
      setMessage({ text: problemText(failure), color: 'danger' });
    }
  }

  const current = municipality.data;
  const year = new Date().getFullYear();
  return (
    <>
      <PageTitle title="Inställningar">Inställningar</PageTitle>
      <div aria-live="polite" data-testid="settings-message">
        {message && <Alert data-color={message.color}>{message.text}</Alert>}
      </div>
      {municipality.isPending && <Loading what="inställningarna" />}
      <ProblemAlert error={municipality.error} />
      {current && (
        <section aria-labelledby="kommunen" className="nf-block">
          <Heading level={2} data-size="sm" id="kommunen">
            Kommunen och diarienumren
          </Heading>
          <form
            className="nf-form nf-form--narrow"
            onSubmit={(event) => void saveMunicipality(event)}
          >
            <Textfield label="Kommunens namn" name="name" defaultValue={current.name} required />
            <Textfield
              label="Format för diarienummer"
              name="dnrFormat"
              description="{year} blir året, {serial:5} löpnumret med fem siffror."
              defaultValue={current.dnrFormat}
              onChange={(event) => setFormat(event.target.value)}
              required
            />
            <Paragraph data-size="sm" data-testid="dnr-example">
              Så ser ett diarienummer ut: {dnrExample(format ?? current.dnrFormat, year)}
            </Paragraph>
            <Checkbox
              label="Klassificeringskoden skrivs efter diarienumret"
              name="classificationCodeAppended"
              defaultChecked={current.classificationCodeAppended}
            />
            <Textfield
              label="Kommunkod (SCB)"
              name="kommunkod"
              description="Fyra siffror; med den hämtas kommunens nyckeltal i Kolada."
              defaultValue={current.kommunkod ?? ''}
            />
            <Button type="submit">Spara kommunens inställningar</Button>
          </form>
        </section>
      )}
      {annual.data && (
        <section aria-labelledby="arsuppfoljning" className="nf-block">
          <Heading level={2} data-size="sm" id="arsuppfoljning">
            Årsuppföljningarna
          </Heading>
          <Paragraph>
            Regeln gäller varje nämnds nästa årsuppföljning: när den ska vara klar, hur långt före
            ärendet öppnas och när påminnelserna går ut.
          </Paragraph>
          <form className="nf-form nf-form--narrow" onSubmit={(event) => void saveAnnual(event)}>
            <Field>
              <Label htmlFor="annual-rrule">Klar senast</Label>
              <Select id="annual-rrule" name="rrule" defaultValue={annual.data.settings.rrule}>
                {!RULES[annual.data.settings.rrule] && (
                  <Select.Option value={annual.data.settings.rrule}>
                    {annual.data.settings.rrule}
                  </Select.Option>
                )}
                {Object.entries(RULES).map(([rule, text]) => (
                  <Select.Option key={rule} value={rule}>
                    {text}
                  </Select.Option>
                ))}
              </Select>
            </Field>
            <div className="nf-row">
              <Textfield
                label="Ärendet öppnas (dagar före)"
                name="leadDays"
                type="number"
                min={1}
                max={366}
                defaultValue={String(annual.data.settings.leadDays)}
                required
              />
              <Textfield
                label="Påminnelser (dagar före, med komma)"
                name="reminderDays"
                defaultValue={annual.data.settings.reminderDays.join(', ')}
              />
            </div>
            <Field>
              <Label htmlFor="annual-organ">Nämnderna rapporterar till</Label>
              <Select
                id="annual-organ"
                name="reportOrganId"
                defaultValue={String(annual.data.settings.reportOrganId ?? '')}
              >
                <Select.Option value="">Kommunstyrelsen (standard)</Select.Option>
                {(organs.data ?? []).map((organ) => (
                  <Select.Option key={organ.id} value={String(organ.id)}>
                    {organ.name}
                  </Select.Option>
                ))}
              </Select>
            </Field>
            <Button type="submit">Spara regeln</Button>
          </form>
        </section>
      )}
    </>
  );
}
