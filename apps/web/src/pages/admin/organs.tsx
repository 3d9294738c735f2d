import {
  Alert,
  Button,
  Field,
  Heading,
  Label,
  Paragraph,
  Select,
  Table,
  Textfield,
} from '@digdir/designsystemet-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, ok } from '../../api/client';
import { problemText } from '../../api/problems';
import { Loading, PageTitle, ProblemAlert } from '../../components/page';
import { OrganSelect, useChosenOrgan } from '../../components/organ-select';
import { useOrgans } from '../../components/queries';
import { SEAT_ROLE_TEXT, usePeople } from '../../components/seats';
import { formatDate, mandateEnd, todayInStockholm } from '../../format';

/** The organs and their seats: who sits on which organ, in which role, for which period. */
export function OrgansAdmin() {
  const [chosen, setOrganId] = useChosenOrgan();
  return (
    <>
      <PageTitle title="Organ och platser">Organ och platser</PageTitle>
      <Paragraph>
        En plats i ett organ ger personens användare rätt att läsa organets sammanträden och att
        justera dess protokoll när hen väljs till justerare.
      </Paragraph>
      <OrganSelect
        id="admin-organ"
        label="Organ"
        value={String(chosen ?? '')}
        onChange={(event) => setOrganId(Number(event.target.value))}
      />
      {chosen !== undefined && <Seats key={chosen} organId={chosen} />}
    </>
  );
}

function Seats({ organId }: { organId: number }) {
  const queryClient = useQueryClient();
  const organs = useOrgans();
  const organ = organs.data?.find((candidate) => candidate.id === organId);
  const people = usePeople();
  const seats = useQuery({
    queryKey: ['memberships', organId],
    queryFn: () =>
      ok(api.GET('/api/v1/organs/{id}/memberships', { params: { path: { id: organId } } })),
  });
  const [message, setMessage] = useState<{ text: string; color: 'success' | 'danger' } | null>(
    null,
  );
  const [formKey, setFormKey] = useState(0);
  const today = todayInStockholm();
  const nameOf = (personId: number) =>
    people.data?.find((person) => person.id === personId)?.name ?? '…';

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setMessage(null);
    try {
      let personId = Number(data.get('personId'));
      const newName = String(data.get('newName') ?? '').trim();
      const party = String(data.get('party')).trim() || null;
      if (!personId) {
        if (!newName) {
          setMessage({ text: 'Välj en person eller skriv namnet på en ny.', color: 'danger' });
          return;
        }
        personId = (
          await ok(api.POST('/api/v1/people', { body: { name: newName, party, title: null } }))
        ).id;
        void queryClient.invalidateQueries({ queryKey: ['people'] });
      }
      await ok(
        api.POST('/api/v1/memberships', {
          body: {
            organId,
            personId,
            role: String(data.get('role')) as 'ledamot',
            party,
            validFrom: String(data.get('validFrom')),
            validTo: String(data.get('validTo')) || null,
          },
        }),
      );
      setFormKey((current) => current + 1);
      setMessage({
        text: `${newName || nameOf(personId)} har fått en plats i ${organ?.name ?? 'organet'}.`,
        color: 'success',
      });
      await seats.refetch();
    } catch (failure) {
      setMessage({ text: problemText(failure), color: 'danger' });
    }
  }

  async function end(seat: { id: number; version: number; personId: number }) {
    setMessage(null);
    try {
      await ok(
        api.PATCH('/api/v1/memberships/{id}', {
          params: { path: { id: seat.id } },
          body: { version: seat.version, validTo: today },
        }),
      );
      setMessage({ text: `${nameOf(seat.personId)}s plats upphör i dag.`, color: 'success' });
      await seats.refetch();
    } catch (failure) {
      setMessage({ text: problemText(failure), color: 'danger' });
    }
  }

  return (
    <section aria-labelledby="platser" className="nf-block">
      <Heading level={2} data-size="sm" id="platser">
        Platser i {organ?.name}
      </Heading>
      <div aria-live="polite" data-testid="seats-message">
        {message && (
          <Alert data-color={message.color} role={message.color === 'danger' ? 'alert' : undefined}>
            {message.text}
          </Alert>
        )}
      </div>
      {seats.isPending && <Loading what="platserna" />}
      <ProblemAlert error={seats.error} />
      {seats.data && (
        <Table data-size="sm" className="nf-table" data-testid="seats">
          <caption className="nf-visually-hidden">Platser i {organ?.name}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>Namn</Table.HeaderCell>
              <Table.HeaderCell>Roll</Table.HeaderCell>
              <Table.HeaderCell>Parti</Table.HeaderCell>
              <Table.HeaderCell>Från</Table.HeaderCell>
              <Table.HeaderCell>Till</Table.HeaderCell>
              <Table.HeaderCell>
                <span className="nf-visually-hidden">Åtgärd</span>
              </Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {seats.data.map((seat) => (
              <Table.Row key={seat.id}>
                <Table.Cell>{nameOf(seat.personId)}</Table.Cell>
                <Table.Cell>{SEAT_ROLE_TEXT[seat.role]}</Table.Cell>
                <Table.Cell>{seat.party ?? '–'}</Table.Cell>
                <Table.Cell>{formatDate(seat.validFrom)}</Table.Cell>
                <Table.Cell>{seat.validTo ? formatDate(seat.validTo) : 'tills vidare'}</Table.Cell>
                <Table.Cell>
                  {(seat.validTo === null || seat.validTo > today) && seat.validFrom <= today && (
                    <Button
                      variant="tertiary"
                      data-size="sm"
                      aria-label={`Avsluta ${nameOf(seat.personId)}s plats i dag`}
                      onClick={() => void end(seat)}
                    >
                      Avsluta i dag
                    </Button>
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <Heading level={3} data-size="xs">
        Ge en person en plats
      </Heading>
      <form key={formKey} className="nf-form nf-form--narrow" onSubmit={(event) => void add(event)}>
        <div className="nf-row">
          <Field>
            <Label htmlFor="seat-person">Person</Label>
            <Select id="seat-person" name="personId" defaultValue="">
              <Select.Option value="">Ny person (skriv namnet)</Select.Option>
              {(people.data ?? []).map((person) => (
                <Select.Option key={person.id} value={String(person.id)}>
                  {person.name}
                </Select.Option>
              ))}
            </Select>
          </Field>
          <Textfield label="Namn på ny person" name="newName" />
        </div>
        <div className="nf-row">
          <Field>
            <Label htmlFor="seat-role">Roll</Label>
            <Select id="seat-role" name="role" defaultValue="ledamot">
              {Object.entries(SEAT_ROLE_TEXT).map(([role, text]) => (
                <Select.Option key={role} value={role}>
                  {text}
                </Select.Option>
              ))}
            </Select>
          </Field>
          <Textfield label="Parti" name="party" />
        </div>
        <div className="nf-row">
          <Textfield
            label="Från och med"
            name="validFrom"
            type="date"
            defaultValue={today}
            required
          />
          <Textfield
            label="Till och med"
            name="validTo"
            type="date"
            defaultValue={mandateEnd(today)}
          />
        </div>
        <Button type="submit">Ge platsen</Button>
      </form>
    </section>
  );
}
