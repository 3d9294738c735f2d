import {
  Button,
  Checkbox,
  Field,
  Label,
  Paragraph,
  Select,
  Textfield,
} from '@digdir/designsystemet-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { api, ok, type Ok } from '../api/client';
import { OrganSelect } from '../components/organ-select';
import { Notice, PageTitle, ProblemAlert } from '../components/page';
import { useDirectory } from '../components/people';

/** The registrator registers a case and sees its new dnr. */
export function RegisterCasePage() {
  const series = useQuery({
    queryKey: ['dnr-series'],
    queryFn: () => ok(api.GET('/api/v1/dnr-series')),
  });
  const codes = useQuery({
    queryKey: ['classification-codes'],
    queryFn: () => ok(api.GET('/api/v1/classification-codes')),
  });
  const directory = useDirectory();
  const [secret, setSecret] = useState(false);
  const [registered, setRegistered] = useState<Ok<'/api/v1/cases', 'post'> | null>(null);

  const register = useMutation({
    mutationFn: (form: FormData) => {
      const text = (name: string) => String(form.get(name) ?? '').trim() || null;
      const number = (name: string) => (text(name) ? Number(text(name)) : null);
      return ok(
        api.POST('/api/v1/cases', {
          body: {
            title: text('title')!,
            seriesId: number('seriesId') ?? undefined,
            classificationCode: text('classificationCode'),
            organId: number('organId'),
            responsibleUserId: number('responsibleUserId'),
            unit: text('unit'),
            ...(secret ? { secrecyOsl: text('secrecyOsl'), publicTitle: text('publicTitle') } : {}),
          },
        }),
      );
    },
    onSuccess: (record) => setRegistered(record),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setRegistered(null);
    register.mutate(new FormData(event.currentTarget));
  }

  return (
    <>
      <PageTitle title="Registrera ärende">Registrera ärende</PageTitle>
      {registered && (
        <Notice color="success">
          Ärendet är registrerat med diarienummer{' '}
          <strong data-testid="new-dnr">{registered.dnrDisplay}</strong>.{' '}
          <RouterLink to={`/arenden/${registered.id}`}>Öppna ärendet</RouterLink>
        </Notice>
      )}
      <ProblemAlert error={register.error} heading="Ärendet kunde inte registreras" />
      <form className="nf-form nf-form--narrow" onSubmit={submit}>
        <Textfield label="Rubrik" name="title" required />
        <div className="nf-row">
          <Field>
            <Label htmlFor="seriesId">Diarieserie</Label>
            <Select id="seriesId" name="seriesId">
              {series.data
                ?.filter((item) => item.active)
                .map((item) => (
                  <Select.Option key={item.id} value={item.id}>
                    {item.name}
                    {item.isDefault ? ' (standard)' : ''}
                  </Select.Option>
                ))}
            </Select>
          </Field>
          <Field>
            <Label htmlFor="classificationCode">Klassificering</Label>
            <Select id="classificationCode" name="classificationCode" defaultValue="">
              <Select.Option value="">Ingen</Select.Option>
              {codes.data
                ?.filter((code) => code.active)
                .map((code) => (
                  <Select.Option key={code.code} value={code.code}>
                    {code.code} {code.title}
                  </Select.Option>
                ))}
            </Select>
          </Field>
        </div>
        <div className="nf-row">
          <Field>
            <Label htmlFor="responsibleUserId">Handläggare</Label>
            <Select id="responsibleUserId" name="responsibleUserId" defaultValue="">
              <Select.Option value="">Ingen ännu</Select.Option>
              {directory.data
                ?.filter((entry) => entry.handlaggare)
                .map((entry) => (
                  <Select.Option key={entry.id} value={entry.id}>
                    {entry.displayName}
                  </Select.Option>
                ))}
            </Select>
          </Field>
          <OrganSelect id="organId" label="Organ" name="organId" defaultValue="" none="Inget" />
        </div>
        <Textfield label="Enhet" name="unit" />
        <Checkbox
          label="Ärendet omfattas av sekretess"
          checked={secret}
          onChange={(event) => setSecret(event.target.checked)}
        />
        {secret && (
          <>
            <Textfield
              label="Sekretessbestämmelse (OSL)"
              name="secrecyOsl"
              description="Till exempel OSL 39 kap. 3 §"
              required
            />
            <Textfield
              label="Offentlig rubrik"
              name="publicTitle"
              description="Det som visas för den som inte får se ärendets rubrik."
              required
            />
          </>
        )}
        <Paragraph data-size="sm">Diarienumret tilldelas när ärendet registreras.</Paragraph>
        <Button type="submit" loading={register.isPending}>
          Registrera
        </Button>
      </form>
    </>
  );
}
