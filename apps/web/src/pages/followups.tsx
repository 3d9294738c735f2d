import {
  Alert,
  Button,
  Card,
  Field,
  Heading,
  Label,
  Link,
  Paragraph,
  Select,
  Table,
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { api, ok, type Ok } from '../api/client';
import { problemText } from '../api/problems';
import { hasPermission, organIdsOf, useMe } from '../auth/use-me';
import { Loading, PageTitle, ProblemAlert } from '../components/page';
import { OpenDeadlines } from '../components/deadlines';
import { useDirectory } from '../components/people';
import { formatDate, formatDateTime } from '../format';

type Obligation = Ok<'/api/v1/obligations'>[number];
type Overview = Ok<'/api/v1/annual-followups'>;

export const ASSESSMENTS = [
  'Ej uppfyllt',
  'Delvis uppfyllt',
  'I hög grad uppfyllt',
  'Helt uppfyllt',
] as const;

/** Colours of the four steps, with text beside them (never colour alone). */
const ASSESSMENT_COLOURS: Record<string, string> = {
  'Ej uppfyllt': '#b3261e',
  'Delvis uppfyllt': '#b35c00',
  'I hög grad uppfyllt': '#4f7a28',
  'Helt uppfyllt': '#1e5c2e',
};

const RULE_TEXT: Record<string, string> = {
  'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1': 'årligen, sista februari',
  'FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1': 'årligen, sista mars',
  'FREQ=MONTHLY;BYMONTHDAY=-1': 'varje månad, sista dagen',
  'FREQ=YEARLY': 'årligen',
};

export const ruleText = (rrule: string | null) =>
  rrule === null ? 'en gång' : (RULE_TEXT[rrule] ?? rrule);

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card data-color="neutral" className="nf-section" role="region" aria-labelledby={id}>
      <Heading level={2} data-size="sm" id={id}>
        {title}
      </Heading>
      {children}
    </Card>
  );
}

/**
 * Deadlines and follow-ups: proposed obligations to confirm, mine and the late ones, the legal
 * deadlines of my organs, KS's overview of the annual follow-ups, the inbox and the calendar feed.
 */
export function FollowupsPage() {
  const me = useMe();
  const manages = hasPermission(me.data, 'followups.manage');
  return (
    <>
      <PageTitle title="Uppföljningar och tidsfrister">Uppföljningar och tidsfrister</PageTitle>
      {me.isPending ? (
        <Loading what="uppföljningarna" />
      ) : (
        <div className="nf-stack">
          {manages && <Obligations />}
          {manages && <AnnualOverview />}
          {manages && <Deadlines />}
          <InboxList />
          <CalendarFeed />
        </div>
      )}
    </>
  );
}

function Obligations() {
  const me = useMe();
  const obligations = useQuery({
    queryKey: ['obligations'],
    queryFn: () => ok(api.GET('/api/v1/obligations')),
  });
  const directory = useDirectory();
  const nameOf = (id: number | null) =>
    id === null ? '–' : (directory.data?.find((entry) => entry.id === id)?.displayName ?? '…');
  const all = obligations.data ?? [];
  const proposed = all.filter((obligation) => obligation.status === 'proposed');
  const active = all.filter((obligation) => obligation.status === 'active');
  const mine = active.filter((obligation) => obligation.responsibleUserId === me.data?.user.id);
  const late = active.filter((obligation) => obligation.next?.late);
  return (
    <>
      <Section id="foreslagna" title="Föreslagna uppföljningar att bekräfta">
        {obligations.isPending && <Loading what="uppföljningarna" />}
        <ProblemAlert error={obligations.error} />
        {obligations.data && proposed.length === 0 && (
          <Paragraph>Inga föreslagna uppföljningar väntar.</Paragraph>
        )}
        {proposed.map((obligation) => (
          <Proposal key={obligation.id} obligation={obligation} />
        ))}
      </Section>
      <Section id="mina-uppfoljningar" title="Mina uppföljningar och försenade">
        <ObligationTable
          caption="Uppföljningar där jag är ansvarig"
          rows={mine}
          nameOf={nameOf}
          empty="Du är inte ansvarig för någon uppföljning."
        />
        <Heading level={3} data-size="xs">
          Försenade
        </Heading>
        <ObligationTable
          caption="Försenade uppföljningar"
          rows={late}
          nameOf={nameOf}
          empty="Ingen uppföljning är försenad."
        />
      </Section>
    </>
  );
}

function ObligationTable({
  caption,
  rows,
  nameOf,
  empty,
}: {
  caption: string;
  rows: Obligation[];
  nameOf: (id: number | null) => string;
  empty: string;
}) {
  if (rows.length === 0) return <Paragraph data-size="sm">{empty}</Paragraph>;
  return (
    <Table data-size="sm" className="nf-table">
      <caption className="nf-visually-hidden">{caption}</caption>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>Uppföljning</Table.HeaderCell>
          <Table.HeaderCell>Ansvarig</Table.HeaderCell>
          <Table.HeaderCell>Nästa</Table.HeaderCell>
          <Table.HeaderCell>Upprepas</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {rows.map((obligation) => (
          <Table.Row key={obligation.id}>
            <Table.Cell>
              {obligation.caseId ? (
                <Link asChild>
                  <RouterLink to={`/arenden/${obligation.caseId}`}>{obligation.title}</RouterLink>
                </Link>
              ) : (
                obligation.title
              )}
            </Table.Cell>
            <Table.Cell>{nameOf(obligation.responsibleUserId)}</Table.Cell>
            <Table.Cell>
              {formatDate(obligation.next?.dueOn)}{' '}
              {obligation.next?.late && (
                <Tag data-size="sm" data-color="danger">
                  Försenad
                </Tag>
              )}
            </Table.Cell>
            <Table.Cell>{ruleText(obligation.rrule)}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

/** A proposed obligation: the decision's clause, the phrase reader's reading, confirm or dismiss. */
function Proposal({ obligation }: { obligation: Obligation }) {
  const queryClient = useQueryClient();
  const directory = useDirectory();
  const [message, setMessage] = useState<string | null>(null);
  const [dismissing, setDismissing] = useState(false);

  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const firstDue = String(data.get('firstDue'));
    const rrule = String(data.get('rrule'));
    const responsible = Number(data.get('responsibleUserId')) || null;
    setMessage(null);
    try {
      await ok(
        api.POST('/api/v1/obligations/{id}/confirm', {
          params: { path: { id: obligation.id } },
          body: {
            ...(firstDue && firstDue !== obligation.firstDue ? { firstDue } : {}),
            ...(rrule !== (obligation.rrule ?? '') ? { rrule: rrule || null } : {}),
            ...(responsible && responsible !== obligation.responsibleUserId
              ? { responsibleUserId: responsible }
              : {}),
          },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ['obligations'] });
    } catch (failure) {
      setMessage(problemText(failure));
    }
  }

  async function dismiss(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason')).trim();
    try {
      await ok(
        api.POST('/api/v1/obligations/{id}/dismiss', {
          params: { path: { id: obligation.id } },
          body: { reason },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ['obligations'] });
    } catch (failure) {
      setMessage(problemText(failure));
    }
  }

  const rules = [...new Set([obligation.rrule ?? '', ...Object.keys(RULE_TEXT), ''])];
  return (
    <article
      className="nf-proposal"
      aria-labelledby={`proposal-${obligation.id}`}
      data-testid="proposal"
    >
      <Heading level={3} data-size="xs" id={`proposal-${obligation.id}`}>
        {obligation.dnr && <span className="nf-muted">{obligation.dnr} </span>}
        {obligation.title}
      </Heading>
      {obligation.clause && (
        <blockquote className="nf-clause">
          <Paragraph data-size="sm">Beslutet säger: ”{obligation.clause}”</Paragraph>
        </blockquote>
      )}
      {obligation.proposal?.refused ? (
        <Paragraph data-size="sm">
          Systemet kunde inte läsa en tidpunkt ur beslutet: {obligation.proposal.refused}. Ange den
          själv.
        </Paragraph>
      ) : (
        <Paragraph data-size="sm" data-testid="reading">
          Systemet läser det som: {obligation.proposal?.description ?? ruleText(obligation.rrule)}
          {obligation.firstDue && <>, första gången {formatDate(obligation.firstDue)}</>}.
          {obligation.proposal?.assumptions?.length
            ? ` Antaganden: ${obligation.proposal.assumptions.join('; ')}.`
            : ''}
        </Paragraph>
      )}
      {message && <Alert data-color="danger">{message}</Alert>}
      <form className="nf-inline-form" onSubmit={(event) => void confirm(event)}>
        <Textfield
          label="Första uppföljning"
          description="Ett datum som följer regeln; annars blir det nästa datum som gör det."
          name="firstDue"
          type="date"
          defaultValue={obligation.firstDue ?? ''}
          required
        />
        <Field>
          <Label htmlFor={`rrule-${obligation.id}`}>Upprepas</Label>
          <Select id={`rrule-${obligation.id}`} name="rrule" defaultValue={obligation.rrule ?? ''}>
            {rules.map((rule) => (
              <Select.Option key={rule} value={rule}>
                {ruleText(rule || null)}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label htmlFor={`responsible-${obligation.id}`}>Ansvarig</Label>
          <Select
            id={`responsible-${obligation.id}`}
            name="responsibleUserId"
            defaultValue={String(obligation.responsibleUserId ?? '')}
          >
            <Select.Option value="">Organets sekreterare</Select.Option>
            {(directory.data ?? [])
              .filter((entry) => entry.handlaggare)
              .map((entry) => (
                <Select.Option key={entry.id} value={String(entry.id)}>
                  {entry.displayName}
                </Select.Option>
              ))}
          </Select>
        </Field>
        <Button type="submit" data-size="sm">
          Bekräfta uppföljningen
        </Button>
        <Button
          type="button"
          variant="tertiary"
          data-size="sm"
          aria-expanded={dismissing}
          onClick={() => setDismissing(!dismissing)}
        >
          Avfärda
        </Button>
      </form>
      {dismissing && (
        <form className="nf-inline-form" onSubmit={(event) => void dismiss(event)}>
          <Textfield label="Varför ska beslutet inte följas upp?" name="reason" required />
          <Button type="submit" data-size="sm" variant="secondary">
            Avfärda förslaget
          </Button>
        </form>
      )}
    </article>
  );
}

/** KS's overview of every board's annual follow-up: a table and the same as a chart. */
function AnnualOverview() {
  const overview = useQuery({
    queryKey: ['annual-followups'],
    queryFn: () => ok(api.GET('/api/v1/annual-followups')),
  });
  if (overview.isPending) return <Loading what="årsuppföljningarna" />;
  if (overview.error) return <ProblemAlert error={overview.error} />;
  const boards = overview.data.boards;
  return (
    <Section id="arsuppfoljningar" title="Nämndernas årsuppföljningar">
      {boards.length === 0 ? (
        <Paragraph>Inga årsuppföljningar är planerade.</Paragraph>
      ) : (
        <>
          <Table data-size="sm" className="nf-table" data-testid="annual-overview">
            <caption className="nf-visually-hidden">
              Varje nämnds årsuppföljning: när den ska vara klar, status och målen bedömda
            </caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>Nämnd</Table.HeaderCell>
                <Table.HeaderCell>Klar senast</Table.HeaderCell>
                <Table.HeaderCell>Status</Table.HeaderCell>
                {ASSESSMENTS.map((assessment) => (
                  <Table.HeaderCell key={assessment}>{assessment}</Table.HeaderCell>
                ))}
                <Table.HeaderCell>Rapport</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {boards.map((board) => (
                <Table.Row key={board.obligationId}>
                  <Table.Cell>{board.organName ?? board.title}</Table.Cell>
                  <Table.Cell>{formatDate(board.occurrence?.dueOn)}</Table.Cell>
                  <Table.Cell>
                    {boardStatus(board)}{' '}
                    {board.occurrence?.late && (
                      <Tag data-size="sm" data-color="danger">
                        Försenad
                      </Tag>
                    )}
                  </Table.Cell>
                  {ASSESSMENTS.map((assessment) => (
                    <Table.Cell key={assessment}>
                      {board.report?.assessed[assessment] ?? 0}
                    </Table.Cell>
                  ))}
                  <Table.Cell>
                    {board.report ? (
                      <Link asChild>
                        <RouterLink to={`/uppfoljningar/rapporter/${board.report.id}`}>
                          Öppna rapporten
                        </RouterLink>
                      </Link>
                    ) : (
                      '–'
                    )}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          <AssessmentChart boards={boards} />
        </>
      )}
    </Section>
  );
}

function boardStatus(board: Overview['boards'][number]): string {
  if (!board.occurrence) return 'Inte öppnad';
  if (board.occurrence.status === 'fulfilled') return 'Klar';
  if (board.report) return board.report.status === 'final' ? 'Rapport klar' : 'Rapport påbörjad';
  return board.occurrence.status === 'open' ? 'Öppen' : 'Planerad';
}

/** Each board's goals by assessment, as stacked bars; the table above says the same in text. */
function AssessmentChart({ boards }: { boards: Overview['boards'] }) {
  const rows = boards.filter((board) => board.report && board.report.goals > 0);
  if (rows.length === 0) return null;
  const most = Math.max(...rows.map((board) => board.report!.goals));
  const width = 640;
  const label = 180;
  const bar = 26;
  const height = rows.length * (bar + 12) + 40;
  return (
    <figure className="nf-chart" data-testid="annual-chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby="annual-chart-title"
        width="100%"
      >
        <title id="annual-chart-title">
          Målen bedömda per nämnd:{' '}
          {rows
            .map(
              (board) =>
                `${board.organName ?? board.title}: ${ASSESSMENTS.map((assessment) => `${board.report!.assessed[assessment] ?? 0} ${assessment.toLowerCase()}`).join(', ')}`,
            )
            .join('; ')}
        </title>
        {rows.map((board, index) => {
          let x = label;
          const y = index * (bar + 12) + 4;
          return (
            <g key={board.obligationId}>
              <text x={0} y={y + bar / 2 + 5} fontSize="14" fill="#1f1f1f">
                {(board.organName ?? board.title).slice(0, 24)}
              </text>
              {ASSESSMENTS.map((assessment) => {
                const count = board.report!.assessed[assessment] ?? 0;
                const w = (count / most) * (width - label - 10);
                const rect = (
                  <g key={assessment}>
                    <rect
                      x={x}
                      y={y}
                      width={w}
                      height={bar}
                      fill={ASSESSMENT_COLOURS[assessment]}
                    />
                    {count > 0 && w > 18 && (
                      <text
                        x={x + w / 2}
                        y={y + bar / 2 + 5}
                        fontSize="13"
                        fill="#fff"
                        textAnchor="middle"
                      >
                        {count}
                      </text>
                    )}
                  </g>
                );
                x += w;
                return rect;
              })}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="nf-legend">
          {ASSESSMENTS.map((assessment) => (
            <li key={assessment}>
              <span
                className="nf-legend__swatch"
                style={{ background: ASSESSMENT_COLOURS[assessment] }}
                aria-hidden="true"
              />
              {assessment}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

function Deadlines() {
  const me = useMe();
  const admin = me.data?.grants.some((grant) => grant.role === 'admin') ?? false;
  return (
    <Section id="tidsfrister" title="Lagstadgade tidsfrister">
      <OpenDeadlines organIds={admin ? null : organIdsOf(me.data)} withOrgan />
    </Section>
  );
}

function InboxList() {
  const queryClient = useQueryClient();
  const inbox = useQuery({ queryKey: ['inbox'], queryFn: () => ok(api.GET('/api/v1/me/inbox')) });
  async function read(id: number) {
    await ok(api.POST('/api/v1/me/inbox/{id}/read', { params: { path: { id } } }));
    await queryClient.invalidateQueries({ queryKey: ['inbox'] });
  }
  return (
    <Section id="inkorgen" title="Inkorgen">
      {inbox.isPending && <Loading what="meddelandena" />}
      <ProblemAlert error={inbox.error} />
      {inbox.data && inbox.data.length === 0 && <Paragraph>Inkorgen är tom.</Paragraph>}
      <ul className="nf-list nf-inbox" data-testid="inbox">
        {inbox.data?.slice(0, 50).map((message) => (
          <li key={message.id} className={message.readAt ? undefined : 'nf-inbox--unread'}>
            <strong>{message.subject}</strong>{' '}
            <span className="nf-muted">{formatDateTime(message.createdAt)}</span>
            <Paragraph data-size="sm" className="nf-prewrap">
              {message.body}
            </Paragraph>
            <div className="nf-actions">
              {message.caseId !== null && (
                <Link asChild>
                  <RouterLink to={`/arenden/${message.caseId}`}>Öppna ärendet</RouterLink>
                </Link>
              )}
              {!message.readAt && (
                <Button
                  variant="tertiary"
                  data-size="sm"
                  aria-label={`Markera som läst: ${message.subject}`}
                  onClick={() => void read(message.id)}
                >
                  Markera som läst
                </Button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function CalendarFeed() {
  const [address, setAddress] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  async function create() {
    setMessage(null);
    try {
      const feed = await ok(api.POST('/api/v1/me/calendar-feed'));
      setAddress(`${window.location.origin}${feed.path}`);
    } catch (failure) {
      setMessage(problemText(failure));
    }
  }
  async function revoke() {
    setMessage(null);
    try {
      await ok(api.DELETE('/api/v1/me/calendar-feed'));
      setAddress(null);
      setMessage('Kalenderadressen är återkallad och fungerar inte längre.');
    } catch (failure) {
      setMessage(problemText(failure));
    }
  }
  return (
    <Section id="kalender" title="Min kalender">
      <Paragraph data-size="sm">
        Prenumerera på dina sammanträden, tidsfrister och uppföljningar i din kalender. Adressen är
        hemlig och visas bara när den skapas; en ny adress ersätter den gamla.
      </Paragraph>
      <div aria-live="polite" data-testid="calendar-message">
        {address && (
          <Alert data-color="success">
            <Paragraph data-size="sm">Din kalenderadress:</Paragraph>
            <code className="nf-hash" data-testid="calendar-address">
              {address}
            </code>
          </Alert>
        )}
        {message && <Alert data-color="info">{message}</Alert>}
      </div>
      <div className="nf-actions">
        <Button variant="secondary" onClick={() => void create()}>
          Skapa ny kalenderadress
        </Button>
        <Button variant="tertiary" onClick={() => void revoke()}>
          Återkalla kalenderadressen
        </Button>
      </div>
    </Section>
  );
}
