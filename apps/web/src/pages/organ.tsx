import {
  Button,
  Card,
  Checkbox,
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
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { api, ok, type MeetingView } from '../api/client';
import { managesMeetingsOf, useMe } from '../auth/use-me';
import { Loading, Notice, PageTitle, ProblemAlert } from '../components/page';
import { useOrgans } from '../components/queries';
import {
  formatDate,
  formatDateTime,
  formatMeeting,
  MEETING_STATUS_TEXT,
  todayInStockholm,
} from '../format';

/** The nämndsekreterare's page for an organ: the meeting plan, the ready list, notices and delegation. */
export function OrganPage() {
  const organId = Number(useParams().id);
  const me = useMe();
  const organs = useOrgans();
  const organ = organs.data?.find((item) => item.id === organId);
  const meetings = useQuery({
    queryKey: ['meetings', organId],
    queryFn: () => ok(api.GET('/api/v1/meetings', { params: { query: { organId } } })),
  });
  if (organs.isPending || me.isPending) return <Loading what="organet" />;
  if (!organ) {
    return (
      <>
        <PageTitle title="Organet finns inte">Organet finns inte</PageTitle>
        <ProblemAlert error={organs.error} />
      </>
    );
  }
  const manages = managesMeetingsOf(me.data, organId);
  const next = meetings.data?.meetings
    .filter((meeting) => meeting.status === 'planned' || meeting.status === 'summoned')
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
  return (
    <>
      <PageTitle title={organ.name}>{organ.name}</PageTitle>
      {!manages && (
        <Notice>
          Du är inte sekreterare för {organ.name}. Du kan läsa men inte planera sammanträden.
        </Notice>
      )}
      <MeetingPlan
        organId={organId}
        meetings={meetings.data?.meetings}
        error={meetings.error}
        manages={manages}
      />
      <div className="nf-columns">
        <ReadyList organId={organId} />
        <NextKallelse organId={organId} next={next} manages={manages} />
      </div>
    </>
  );
}

function MeetingPlan({
  organId,
  meetings,
  error,
  manages,
}: {
  organId: number;
  meetings: MeetingView[] | undefined;
  error: unknown;
  manages: boolean;
}) {
  const queryClient = useQueryClient();
  const thisYear = Number(todayInStockholm().slice(0, 4));
  const years = [
    ...new Set([
      thisYear,
      ...(meetings ?? []).map((meeting) => Number(meeting.startsAt.slice(0, 4))),
    ]),
  ].sort();
  const [year, setYear] = useState(thisYear);
  const [created, setCreated] = useState<number | null>(null);
  const ofYear = (meetings ?? [])
    .filter((meeting) => formatDate(meeting.startsAt).endsWith(String(year)))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));

  const plan = useMutation({
    mutationFn: (input: { year: number; dates: string[]; time: string; place: string }) =>
      ok(
        api.POST('/api/v1/organs/{id}/meeting-plan', {
          params: { path: { id: organId } },
          body: {
            year: input.year,
            meetings: input.dates.map((date) => ({
              startsAt: `${date}T${input.time}`,
              place: input.place,
            })),
          },
        }),
      ),
    onSuccess: async (result) => {
      setCreated(result.meetings.length);
      await queryClient.invalidateQueries({ queryKey: ['meetings', organId] });
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const dates = String(form.get('dates'))
      .split(/[\s,;]+/)
      .map((date) => date.trim())
      .filter(Boolean)
      .sort();
    const planYear = Number(dates[0]?.slice(0, 4) ?? year);
    setYear(planYear);
    plan.mutate({
      year: planYear,
      dates,
      time: String(form.get('time')),
      place: String(form.get('place')),
    });
  }

  return (
    <section aria-labelledby="sammantradesplan" className="nf-block">
      <Heading level={2} data-size="sm" id="sammantradesplan">
        Sammanträdesplan {year}
      </Heading>
      <div className="nf-actions" role="group" aria-label="Välj år">
        {years.map((candidate) => (
          <Button
            key={candidate}
            variant={candidate === year ? 'primary' : 'tertiary'}
            data-size="sm"
            aria-pressed={candidate === year}
            onClick={() => setYear(candidate)}
          >
            {candidate}
          </Button>
        ))}
      </div>
      <ProblemAlert error={error} />
      {ofYear.length === 0 ? (
        <Paragraph>Inga sammanträden är planerade {year}.</Paragraph>
      ) : (
        <Table data-size="sm" className="nf-table">
          <caption className="nf-visually-hidden">Sammanträden {year}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>Sammanträde</Table.HeaderCell>
              <Table.HeaderCell>Plats</Table.HeaderCell>
              <Table.HeaderCell>Sista dag att lämna in ärenden</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {ofYear.map((meeting) => (
              <Table.Row key={meeting.id}>
                <Table.Cell>
                  <Link asChild>
                    <RouterLink to={`/moten/${meeting.id}`}>
                      {formatMeeting(meeting.startsAt)}
                    </RouterLink>
                  </Link>
                </Table.Cell>
                <Table.Cell>{meeting.place}</Table.Cell>
                <Table.Cell>{formatDate(meeting.submissionDeadline)}</Table.Cell>
                <Table.Cell>
                  <Tag data-size="sm">{MEETING_STATUS_TEXT[meeting.status]}</Tag>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {manages && (
        <details className="nf-details">
          <summary>Lägg till sammanträden</summary>
          {created !== null && (
            <Notice color="success">{created} sammanträden lades till i planen.</Notice>
          )}
          <ProblemAlert error={plan.error} heading="Planen kunde inte sparas" />
          <form className="nf-form" onSubmit={submit}>
            <Textfield
              label="Datum"
              name="dates"
              multiline
              rows={4}
              description="Ett datum per rad, t.ex. 2027-02-08. Alla i samma år."
              required
            />
            <div className="nf-row">
              <Textfield label="Klockan" name="time" type="time" defaultValue="09:00" required />
              <Textfield label="Plats" name="place" defaultValue="Sessionssalen" required />
            </div>
            <Button type="submit" loading={plan.isPending}>
              Skapa sammanträdena
            </Button>
          </form>
        </details>
      )}
    </section>
  );
}

function ReadyList({ organId }: { organId: number }) {
  const ready = useQuery({
    queryKey: ['ready-cases', organId],
    queryFn: () =>
      ok(api.GET('/api/v1/organs/{id}/ready-cases', { params: { path: { id: organId } } })),
  });
  return (
    <Card data-color="neutral" className="nf-section" role="region" aria-labelledby="klara">
      <Heading level={2} data-size="sm" id="klara">
        Ärenden klara för dagordningen
      </Heading>
      <Paragraph data-size="sm">Längst väntande först.</Paragraph>
      {ready.isPending && <Loading what="ärenden" />}
      <ProblemAlert error={ready.error} />
      {ready.data?.cases.length === 0 && <Paragraph>Inga ärenden väntar.</Paragraph>}
      <ol className="nf-list nf-ready" data-testid="ready-list">
        {ready.data?.cases.map((item) => (
          <li key={item.caseId}>
            <Link asChild>
              <RouterLink to={`/arenden/${item.caseId}`}>
                {item.dnr} {item.title}
              </RouterLink>
            </Link>
            <div className="nf-muted">Klart sedan {formatDateTime(item.readySince)}</div>
            {item.proposalText && (
              <Paragraph data-size="sm" className="nf-proposal">
                Förslag till beslut: {item.proposalText}
              </Paragraph>
            )}
          </li>
        ))}
      </ol>
    </Card>
  );
}

/** The notices and delegation decisions that the next kallelse will report, and forms for new ones. */
function NextKallelse({
  organId,
  next,
  manages,
}: {
  organId: number;
  next: MeetingView | undefined;
  manages: boolean;
}) {
  const queryClient = useQueryClient();
  const agenda = useQuery({
    queryKey: ['agenda', next?.id],
    enabled: next !== undefined,
    queryFn: () => ok(api.GET('/api/v1/meetings/{id}', { params: { path: { id: next!.id } } })),
  });
  const order = useQuery({
    queryKey: ['delegation-order', organId],
    queryFn: () =>
      ok(api.GET('/api/v1/organs/{id}/delegation-order', { params: { path: { id: organId } } })),
  });
  const notices = agenda.data?.items.flatMap((item) => item.notices ?? []) ?? [];
  const decisions = agenda.data?.items.flatMap((item) => item.decisions ?? []) ?? [];
  const [noticeSaved, setNoticeSaved] = useState(false);
  const [decisionSaved, setDecisionSaved] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['agenda', next?.id] });

  const notice = useMutation({
    mutationFn: (form: FormData) =>
      ok(
        api.POST('/api/v1/notices', {
          body: {
            organId,
            dnr: String(form.get('dnr') ?? '').trim() || undefined,
            sender: String(form.get('sender')),
            receivedOn: String(form.get('receivedOn')),
            text: String(form.get('text')),
          },
        }),
      ),
    onSuccess: async () => {
      setNoticeSaved(true);
      await refresh();
    },
  });
  const decision = useMutation({
    mutationFn: (form: FormData) => {
      const point = order.data?.points.find(
        (candidate) => candidate.code === form.get('pointCode'),
      );
      return ok(
        api.POST('/api/v1/delegation-decisions', {
          body: {
            organId,
            delegate: String(form.get('delegate')),
            delegateTitle: String(form.get('delegateTitle') ?? '').trim() || undefined,
            decidedOn: String(form.get('decidedOn') ?? '') || undefined,
            pointCode: point?.code,
            pointText: point?.text,
            dnr: String(form.get('dnr') ?? '').trim() || undefined,
            summary: String(form.get('summary')),
            urgent: form.get('urgent') === 'on',
          },
        }),
      );
    },
    onSuccess: async () => {
      setDecisionSaved(true);
      await refresh();
    },
  });

  return (
    <Card
      data-color="neutral"
      className="nf-section"
      role="region"
      aria-labelledby="till-kallelsen"
    >
      <Heading level={2} data-size="sm" id="till-kallelsen">
        Till nästa kallelse
      </Heading>
      {next ? (
        <Paragraph data-size="sm">
          Sammanträdet {formatMeeting(next.startsAt)}.{' '}
          <RouterLink to={`/moten/${next.id}`}>Öppna dagordningen</RouterLink>
        </Paragraph>
      ) : (
        <Paragraph>Inget kommande sammanträde är planerat.</Paragraph>
      )}
      <Heading level={3} data-size="2xs">
        Meddelanden
      </Heading>
      {notices.length === 0 ? (
        <Paragraph data-size="sm">Inga meddelanden väntar.</Paragraph>
      ) : (
        <ul className="nf-list">
          {notices.map((item) => (
            <li key={item.id}>
              {item.dnr && <>{item.dnr} </>}
              {item.sender}, {formatDate(item.receivedOn)}: {item.text}
            </li>
          ))}
        </ul>
      )}
      <Heading level={3} data-size="2xs">
        Delegationsbeslut
      </Heading>
      {decisions.length === 0 ? (
        <Paragraph data-size="sm">Inga delegationsbeslut väntar.</Paragraph>
      ) : (
        <ul className="nf-list">
          {decisions.map((item) => (
            <li key={item.id}>
              {item.pointCode && <>Punkt {item.pointCode}: </>}
              {item.summary} ({item.delegate}
              {item.decidedOn && <>, {formatDate(item.decidedOn)}</>})
            </li>
          ))}
        </ul>
      )}
      {manages && (
        <>
          <details className="nf-details">
            <summary>Registrera meddelande</summary>
            {noticeSaved && <Notice color="success">Meddelandet är registrerat.</Notice>}
            <ProblemAlert error={notice.error} />
            <form
              className="nf-form"
              onSubmit={(event) => {
                event.preventDefault();
                setNoticeSaved(false);
                notice.mutate(new FormData(event.currentTarget));
              }}
            >
              <Textfield label="Avsändare" name="sender" required />
              <div className="nf-row">
                <Textfield
                  label="Inkom"
                  name="receivedOn"
                  type="date"
                  defaultValue={todayInStockholm()}
                  required
                />
                <Textfield label="Dnr" name="dnr" />
              </div>
              <Textfield label="Text" name="text" multiline rows={3} required />
              <Button type="submit" loading={notice.isPending}>
                Registrera meddelandet
              </Button>
            </form>
          </details>
          <details className="nf-details">
            <summary>Registrera delegationsbeslut</summary>
            {decisionSaved && <Notice color="success">Delegationsbeslutet är registrerat.</Notice>}
            <ProblemAlert error={decision.error} />
            <form
              className="nf-form"
              onSubmit={(event) => {
                event.preventDefault();
                setDecisionSaved(false);
                decision.mutate(new FormData(event.currentTarget));
              }}
            >
              <Field>
                <Label htmlFor="pointCode">Punkt i delegationsordningen</Label>
                <Select id="pointCode" name="pointCode" defaultValue="">
                  <Select.Option value="">Ingen punkt</Select.Option>
                  {order.data?.points.map((point) => (
                    <Select.Option key={point.code} value={point.code}>
                      {point.code} {point.text}
                    </Select.Option>
                  ))}
                </Select>
              </Field>
              <div className="nf-row">
                <Textfield label="Delegat" name="delegate" required />
                <Textfield label="Delegatens titel" name="delegateTitle" />
              </div>
              <div className="nf-row">
                <Textfield label="Beslutsdatum" name="decidedOn" type="date" />
                <Textfield label="Dnr" name="dnr" />
              </div>
              <Textfield label="Beslutet i korthet" name="summary" multiline rows={3} required />
              <Checkbox label="Brådskande beslut (ordförandebeslut)" name="urgent" />
              <Button type="submit" loading={decision.isPending}>
                Registrera beslutet
              </Button>
            </form>
          </details>
        </>
      )}
    </Card>
  );
}
