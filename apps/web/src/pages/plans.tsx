import {
  Alert,
  Button,
  Field,
  Heading,
  Label,
  Link,
  Paragraph,
  Table,
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { api, ok, type Ok } from '../api/client';
import { problemText } from '../api/problems';
import { download } from '../components/download';
import { Loading, PageTitle, ProblemAlert } from '../components/page';
import { OrganSelect, useChosenOrgan } from '../components/organ-select';
import { formatDate } from '../format';

type Plan = Ok<'/api/v1/plans/{id}'>;
type Indicator = Ok<'/api/v1/organs/{id}/indicators'>[number];
type Target = Plan['content']['goals'][number]['indicators'][number]['targets'][number];

const STATUS_TEXT: Record<string, string> = {
  draft: 'Utkast',
  adopted: 'Antagen',
  superseded: 'Ersatt',
};
const ASSIGNER_TEXT: Record<string, string> = { KF: 'Kommunfullmäktige', KS: 'Kommunstyrelsen' };

/** "minst 80 %", "högst 10 dagar", "öka". */
export function targetText(target: Target | undefined, unit: string): string {
  if (!target) return '–';
  const value =
    target.value === undefined
      ? ''
      : `${target.value.toLocaleString('sv-SE')}${unit ? ` ${unit}` : ''}`;
  if (target.kind === 'min') return `minst ${value}`;
  if (target.kind === 'max') return `högst ${value}`;
  return { increase: 'öka', decrease: 'minska', maintain: 'behålla' }[
    target.direction ?? 'maintain'
  ];
}

/** The organs' verksamhetsplaner, newest first. */
export function PlansPage() {
  const [chosen, setOrganId] = useChosenOrgan();
  const plans = useQuery({
    queryKey: ['plans', chosen],
    enabled: chosen !== undefined,
    queryFn: () => ok(api.GET('/api/v1/plans', { params: { query: { organId: chosen } } })),
  });
  return (
    <>
      <PageTitle title="Verksamhetsplaner">Verksamhetsplaner</PageTitle>
      <OrganSelect
        id="plans-organ"
        label="Organ"
        value={String(chosen ?? '')}
        onChange={(event) => setOrganId(Number(event.target.value))}
      />
      {plans.isPending && <Loading what="planerna" />}
      <ProblemAlert error={plans.error} />
      {plans.data && plans.data.length === 0 && <Paragraph>Organet har ingen plan ännu.</Paragraph>}
      {plans.data && plans.data.length > 0 && (
        <Table data-size="sm" className="nf-table" data-testid="plans">
          <caption className="nf-visually-hidden">Organets verksamhetsplaner</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>Plan</Table.HeaderCell>
              <Table.HeaderCell>År</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
              <Table.HeaderCell>Antagen</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {[...plans.data]
              .sort((a, b) => b.firstYear - a.firstYear || b.revision - a.revision)
              .map((plan) => (
                <Table.Row key={plan.id}>
                  <Table.Cell>
                    <Link asChild>
                      <RouterLink to={`/planer/${plan.id}`}>{plan.title}</RouterLink>
                    </Link>
                  </Table.Cell>
                  <Table.Cell>
                    {plan.firstYear}–{plan.lastYear}
                  </Table.Cell>
                  <Table.Cell>{STATUS_TEXT[plan.status]}</Table.Cell>
                  <Table.Cell>{formatDate(plan.adoptedAt)}</Table.Cell>
                </Table.Row>
              ))}
          </Table.Body>
        </Table>
      )}
    </>
  );
}

/** A verksamhetsplan: its sections, goals with activities and indicators, assignments, budget. */
export function PlanPage() {
  const planId = Number(useParams().id);
  const plan = useQuery({
    queryKey: ['plan', planId],
    queryFn: () => ok(api.GET('/api/v1/plans/{id}', { params: { path: { id: planId } } })),
  });
  const organId = plan.data?.organId;
  const indicators = useQuery({
    queryKey: ['indicators', organId],
    enabled: organId !== undefined,
    queryFn: () =>
      ok(api.GET('/api/v1/organs/{id}/indicators', { params: { path: { id: organId! } } })),
  });
  const [failure, setFailure] = useState<unknown>(null);
  if (plan.isPending) return <Loading what="planen" />;
  if (plan.error) {
    return (
      <>
        <PageTitle title="Planen kunde inte visas">Planen kunde inte visas</PageTitle>
        <ProblemAlert error={plan.error} />
      </>
    );
  }
  const data = plan.data;
  const indicatorOf = new Map(
    (indicators.data ?? []).map((indicator) => [indicator.id, indicator]),
  );
  const areas = data.content.areas;
  const goalsOf = (areaKey: string | null) =>
    data.content.goals.filter((goal) => goal.areaKey === areaKey);
  return (
    <>
      <p className="nf-eyebrow">
        <RouterLink to="/planer">Till planerna</RouterLink>
        {data.dnr && <> · {data.dnr}</>} · <Tag data-size="sm">{STATUS_TEXT[data.status]}</Tag>
        {data.adoptedAt && <> · antagen {formatDate(data.adoptedAt)}</>}
      </p>
      <PageTitle title={data.title}>{data.title}</PageTitle>
      <div className="nf-actions">
        <Button
          variant="secondary"
          onClick={() =>
            void download(
              `/api/v1/plans/${data.id}/document`,
              `verksamhetsplan-${data.firstYear}.pdf`,
            ).catch(setFailure)
          }
        >
          Ladda ned planen (PDF)
        </Button>
      </div>
      <ProblemAlert error={failure} />

      {data.content.sections.map((section) => (
        <section key={section.title} className="nf-block" aria-label={section.title}>
          <Heading level={2} data-size="sm">
            {section.title}
          </Heading>
          <Paragraph className="nf-prewrap">{section.text}</Paragraph>
        </section>
      ))}

      {[
        ...areas.map((area) => ({ key: area.key as string | null, title: area.title })),
        { key: null, title: 'Övriga mål' },
      ]
        .filter((area) => goalsOf(area.key).length > 0)
        .map((area) => (
          <section key={area.key ?? 'other'} className="nf-block" aria-label={area.title}>
            <Heading level={2} data-size="sm">
              {area.title}
            </Heading>
            {goalsOf(area.key).map((goal) => (
              <article key={goal.key} className="nf-plan-goal" data-testid="plan-goal">
                <Heading level={3} data-size="xs">
                  {goal.title}
                </Heading>
                {goal.kfGoal && (
                  <Paragraph data-size="sm" className="nf-muted">
                    Fullmäktiges mål: {goal.kfGoal}
                  </Paragraph>
                )}
                {goal.description && (
                  <Paragraph className="nf-prewrap">{goal.description}</Paragraph>
                )}
                {goal.activities.length > 0 && (
                  <Table data-size="sm" className="nf-table">
                    <caption>Aktiviteter</caption>
                    <Table.Head>
                      <Table.Row>
                        <Table.HeaderCell>Aktivitet</Table.HeaderCell>
                        <Table.HeaderCell>Ansvarig</Table.HeaderCell>
                        <Table.HeaderCell>Tid</Table.HeaderCell>
                      </Table.Row>
                    </Table.Head>
                    <Table.Body>
                      {goal.activities.map((activity, index) => (
                        <Table.Row key={index}>
                          <Table.Cell>{activity.what}</Table.Cell>
                          <Table.Cell>{activity.who}</Table.Cell>
                          <Table.Cell>
                            {activity.startsOn || activity.endsOn
                              ? `${formatDate(activity.startsOn)} – ${formatDate(activity.endsOn)}`
                              : '–'}
                          </Table.Cell>
                        </Table.Row>
                      ))}
                    </Table.Body>
                  </Table>
                )}
                {goal.indicators.length > 0 && (
                  <Table data-size="sm" className="nf-table">
                    <caption>Indikatorer</caption>
                    <Table.Head>
                      <Table.Row>
                        <Table.HeaderCell>Indikator</Table.HeaderCell>
                        <Table.HeaderCell>Senaste utfall</Table.HeaderCell>
                        {Array.from({ length: data.lastYear - data.firstYear + 1 }, (_, index) => (
                          <Table.HeaderCell key={index}>
                            Mål {data.firstYear + index}
                          </Table.HeaderCell>
                        ))}
                      </Table.Row>
                    </Table.Head>
                    <Table.Body>
                      {goal.indicators.map((link) => {
                        const indicator = indicatorOf.get(link.indicatorId);
                        const latest = indicator?.outcomes.length
                          ? [...indicator.outcomes].sort((a, b) => b.year - a.year)[0]
                          : undefined;
                        return (
                          <Table.Row key={link.indicatorId}>
                            <Table.Cell>{indicator?.name ?? '…'}</Table.Cell>
                            <Table.Cell>
                              {latest
                                ? `${latest.value.toLocaleString('sv-SE')} ${indicator?.unit ?? ''} (${latest.year})`
                                : '–'}
                            </Table.Cell>
                            {Array.from(
                              { length: data.lastYear - data.firstYear + 1 },
                              (_, index) => (
                                <Table.Cell key={index}>
                                  {targetText(
                                    link.targets.find(
                                      (target) => target.year === data.firstYear + index,
                                    ),
                                    indicator?.unit ?? '',
                                  )}
                                </Table.Cell>
                              ),
                            )}
                          </Table.Row>
                        );
                      })}
                    </Table.Body>
                  </Table>
                )}
              </article>
            ))}
          </section>
        ))}

      {data.content.assignments.length > 0 && (
        <section className="nf-block" aria-labelledby="plan-uppdrag">
          <Heading level={2} data-size="sm" id="plan-uppdrag">
            Uppdrag
          </Heading>
          <ul className="nf-list">
            {data.content.assignments.map((assignment) => (
              <li key={assignment.key}>
                {assignment.title}{' '}
                <span className="nf-muted">
                  ({ASSIGNER_TEXT[assignment.givenBy] ?? assignment.givenBy}
                  {assignment.dueOn ? `, klart ${formatDate(assignment.dueOn)}` : ''})
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Budget organId={data.organId} year={data.firstYear} />
      {indicators.data && (
        <Outcomes
          organId={data.organId}
          indicators={(indicators.data ?? []).filter((indicator) =>
            data.content.goals.some((goal) =>
              goal.indicators.some((link) => link.indicatorId === indicator.id),
            ),
          )}
          year={data.firstYear - 1}
        />
      )}
    </>
  );
}

function Budget({ organId, year }: { organId: number; year: number }) {
  const table = useQuery({
    queryKey: ['economy', organId, 'drift', year],
    queryFn: () =>
      ok(
        api.GET('/api/v1/organs/{id}/economy/{table}', {
          params: { path: { id: organId, table: 'drift' }, query: { year } },
        }),
      ),
  });
  if (!table.data || table.data.rows.length === 0) return null;
  return (
    <section className="nf-block" aria-labelledby="plan-budget">
      <Heading level={2} data-size="sm" id="plan-budget">
        Driftbudget {year} ({table.data.unit})
      </Heading>
      <Table data-size="sm" className="nf-table" data-testid="plan-budget">
        <caption className="nf-visually-hidden">Driftbudget {year}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>Verksamhet</Table.HeaderCell>
            <Table.HeaderCell>Budget</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {table.data.rows.map((row) => (
            <Table.Row key={row.code} className={row.summed ? 'nf-row--sum' : undefined}>
              <Table.Cell style={{ paddingLeft: `${0.5 + row.level}rem` }}>{row.name}</Table.Cell>
              <Table.Cell>{row.values.budget?.toLocaleString('sv-SE') ?? '–'}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </section>
  );
}

/** Entering the year's outcomes by hand, or importing them from a Kolada export. */
function Outcomes({
  organId,
  indicators,
  year,
}: {
  organId: number;
  indicators: Indicator[];
  year: number;
}) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<{ text: string; color: 'success' | 'danger' } | null>(
    null,
  );
  async function enter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setMessage(null);
    let entered = 0;
    try {
      for (const indicator of indicators) {
        const raw = String(data.get(`value-${indicator.id}`) ?? '').trim();
        const current = indicator.outcomes.find((outcome) => outcome.year === year)?.value;
        if (raw === '' && current === undefined) continue;
        const value = raw === '' ? null : Number(raw.replace(',', '.'));
        if (value !== null && Number.isNaN(value)) {
          setMessage({ text: `${indicator.name}: ”${raw}” är inte ett tal.`, color: 'danger' });
          return;
        }
        if (value === (current ?? null)) continue;
        await ok(
          api.PUT('/api/v1/indicators/{id}/values', {
            params: { path: { id: indicator.id } },
            body: { values: [{ year, value }] },
          }),
        );
        entered += 1;
      }
      await queryClient.invalidateQueries({ queryKey: ['indicators', organId] });
      setMessage({
        text: `Utfallen för ${year} är sparade (${entered} ändrade).`,
        color: 'success',
      });
    } catch (failure) {
      setMessage({ text: problemText(failure), color: 'danger' });
    }
  }
  async function importCsv(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get('file');
    if (!(file instanceof File) || file.size === 0) return;
    setMessage(null);
    try {
      const result = await ok(
        api.POST('/api/v1/organs/{id}/indicator-values/import', {
          params: { path: { id: organId } },
          body: { csv: await file.text() },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ['indicators', organId] });
      setMessage({
        text: `${result.imported} utfall för ${result.indicators} indikatorer är inlästa${result.empty ? ` (${result.empty} tomma rader hoppades över)` : ''}.`,
        color: 'success',
      });
    } catch (failure) {
      setMessage({ text: problemText(failure), color: 'danger' });
    }
  }
  if (indicators.length === 0) return null;
  return (
    <section className="nf-block" aria-labelledby="utfall">
      <Heading level={2} data-size="sm" id="utfall">
        Utfall {year}
      </Heading>
      <div aria-live="polite" data-testid="outcomes-message">
        {message && <Alert data-color={message.color}>{message.text}</Alert>}
      </div>
      <form className="nf-form nf-form--narrow" onSubmit={(event) => void enter(event)}>
        {indicators.map((indicator) => (
          <Textfield
            key={indicator.id}
            label={`${indicator.name} (${indicator.unit})`}
            name={`value-${indicator.id}`}
            inputMode="decimal"
            defaultValue={
              indicator.outcomes
                .find((outcome) => outcome.year === year)
                ?.value.toLocaleString('sv-SE', { useGrouping: false }) ?? ''
            }
          />
        ))}
        <Button type="submit">Spara utfallen</Button>
      </form>
      <form className="nf-inline-form" onSubmit={(event) => void importCsv(event)}>
        <Field>
          <Label htmlFor="kolada-file">Läs in från Kolada (CSV)</Label>
          <input
            id="kolada-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            className="ds-input"
          />
        </Field>
        <Button type="submit" variant="secondary">
          Läs in filen
        </Button>
      </form>
    </section>
  );
}
