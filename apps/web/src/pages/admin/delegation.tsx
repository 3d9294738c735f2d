import {
  Alert,
  Button,
  Checkbox,
  Heading,
  Paragraph,
  Table,
  Textfield,
} from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, type Body, ok } from '../../api/client';
import { problemText } from '../../api/problems';
import { Loading, PageTitle, ProblemAlert } from '../../components/page';
import { OrganSelect, useChosenOrgan } from '../../components/organ-select';

type Point = Body<'/api/v1/organs/{id}/delegation-order', 'put'>['points'][number];

/** The delegation order of an organ: who decides what in its name (KL 6 kap. 37 §). */
export function DelegationAdmin() {
  const [chosen, setOrganId] = useChosenOrgan();
  return (
    <>
      <PageTitle title="Delegationsordning">Delegationsordning</PageTitle>
      <Paragraph>
        Vem som beslutar på organets vägnar, inom vilka gränser, och om besluten ska anmälas.
      </Paragraph>
      <OrganSelect
        id="delegation-organ"
        label="Organ"
        value={String(chosen ?? '')}
        onChange={(event) => setOrganId(Number(event.target.value))}
      />
      {chosen !== undefined && <Order key={chosen} organId={chosen} />}
    </>
  );
}

const toPoint = (point: {
  code: string;
  text: string;
  delegates: string | null;
  substitutes: string | null;
  lagrum: string | null;
  limitAmount: number | null;
  limitMatters: string | null;
  mustReport: boolean;
  urgent: boolean;
}): Point => ({
  code: point.code,
  text: point.text,
  ...(point.delegates ? { delegates: point.delegates } : {}),
  ...(point.substitutes ? { substitutes: point.substitutes } : {}),
  ...(point.lagrum ? { lagrum: point.lagrum } : {}),
  ...(point.limitAmount !== null ? { limitAmount: point.limitAmount } : {}),
  ...(point.limitMatters ? { limitMatters: point.limitMatters } : {}),
  mustReport: point.mustReport,
  urgent: point.urgent,
});

function Order({ organId }: { organId: number }) {
  const order = useQuery({
    queryKey: ['delegation-order', organId],
    queryFn: () =>
      ok(api.GET('/api/v1/organs/{id}/delegation-order', { params: { path: { id: organId } } })),
  });
  const [message, setMessage] = useState<{ text: string; color: 'success' | 'danger' } | null>(
    null,
  );
  const [formKey, setFormKey] = useState(0);

  async function replace(points: Point[], done: string) {
    setMessage(null);
    try {
      await ok(
        api.PUT('/api/v1/organs/{id}/delegation-order', {
          params: { path: { id: organId } },
          body: { points },
        }),
      );
      setMessage({ text: done, color: 'success' });
      await order.refetch();
      return true;
    } catch (failure) {
      setMessage({ text: problemText(failure), color: 'danger' });
      return false;
    }
  }

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const point: Point = {
      code: text('code'),
      text: text('text'),
      ...(text('delegates') ? { delegates: text('delegates') } : {}),
      ...(text('substitutes') ? { substitutes: text('substitutes') } : {}),
      ...(text('lagrum') ? { lagrum: text('lagrum') } : {}),
      ...(text('limitAmount') ? { limitAmount: Number(text('limitAmount')) } : {}),
      mustReport: data.get('mustReport') === 'on',
      urgent: data.get('urgent') === 'on',
    };
    const points = (order.data?.points ?? []).map(toPoint);
    if (await replace([...points, point], `Punkt ${point.code} är tillagd.`)) {
      setFormKey((current) => current + 1);
    }
  }

  return (
    <section aria-labelledby="punkter" className="nf-block">
      <Heading level={2} data-size="sm" id="punkter">
        Punkter
      </Heading>
      <div aria-live="polite">
        {message && <Alert data-color={message.color}>{message.text}</Alert>}
      </div>
      {order.isPending && <Loading what="delegationsordningen" />}
      <ProblemAlert error={order.error} />
      {order.data && order.data.points.length === 0 && (
        <Paragraph>Organet har ingen delegationsordning ännu.</Paragraph>
      )}
      {order.data && order.data.points.length > 0 && (
        <Table data-size="sm" className="nf-table">
          <caption className="nf-visually-hidden">Delegationsordningens punkter</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>Punkt</Table.HeaderCell>
              <Table.HeaderCell>Ärende</Table.HeaderCell>
              <Table.HeaderCell>Delegat</Table.HeaderCell>
              <Table.HeaderCell>Ersättare</Table.HeaderCell>
              <Table.HeaderCell>Begränsning</Table.HeaderCell>
              <Table.HeaderCell>Anmäls</Table.HeaderCell>
              <Table.HeaderCell>
                <span className="nf-visually-hidden">Åtgärd</span>
              </Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {order.data.points.map((point, index) => (
              <Table.Row key={`${point.code}-${index}`}>
                <Table.Cell>{point.code}</Table.Cell>
                <Table.Cell>
                  {point.text}
                  {point.lagrum && <span className="nf-muted"> ({point.lagrum})</span>}
                  {point.urgent && <span className="nf-muted"> – brådskande beslut</span>}
                </Table.Cell>
                <Table.Cell>{point.delegates ?? '–'}</Table.Cell>
                <Table.Cell>{point.substitutes ?? '–'}</Table.Cell>
                <Table.Cell>
                  {[
                    point.limitAmount !== null &&
                      `högst ${point.limitAmount.toLocaleString('sv-SE')} kr`,
                    point.limitMatters,
                  ]
                    .filter(Boolean)
                    .join('; ') || '–'}
                </Table.Cell>
                <Table.Cell>{point.mustReport ? 'Ja' : 'Nej'}</Table.Cell>
                <Table.Cell>
                  <Button
                    variant="tertiary"
                    data-size="sm"
                    data-color="danger"
                    aria-label={`Ta bort punkt ${point.code}`}
                    onClick={() =>
                      void replace(
                        order.data.points.filter((_, other) => other !== index).map(toPoint),
                        `Punkt ${point.code} är borttagen.`,
                      )
                    }
                  >
                    Ta bort
                  </Button>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <Heading level={3} data-size="xs">
        Lägg till en punkt
      </Heading>
      <form key={formKey} className="nf-form nf-form--narrow" onSubmit={(event) => void add(event)}>
        <div className="nf-row">
          <Textfield label="Punkt" name="code" description="T.ex. 10.1" required />
          <Textfield label="Lagrum" name="lagrum" />
        </div>
        <Textfield label="Ärende" name="text" multiline rows={2} required />
        <div className="nf-row">
          <Textfield label="Delegat" name="delegates" />
          <Textfield label="Ersättare" name="substitutes" />
          <Textfield label="Högsta belopp (kr)" name="limitAmount" type="number" min={0} />
        </div>
        <Checkbox label="Besluten anmäls till organet" name="mustReport" defaultChecked />
        <Checkbox label="Brådskande beslut (6 kap. 39 § kommunallagen)" name="urgent" />
        <Button type="submit">Lägg till punkten</Button>
      </form>
    </section>
  );
}
