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
} from '@digdir/designsystemet-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import {
  api,
  ok,
  type CaseView,
  type DocumentView,
  type Tjansteskrivelse,
  type Timeline,
} from '../api/client';
import { hasPermission, useMe } from '../auth/use-me';
import { AddDocument } from '../components/add-document';
import { download } from '../components/download';
import { Loading, PageTitle, ProblemAlert } from '../components/page';
import { useUserName } from '../components/people';
import { useOrganName } from '../components/queries';
import { formatDate, formatDateTime, OUTCOME_TEXT, STATUS_TEXT, STEP_STATE_TEXT } from '../format';

const DOCUMENT_TYPE_TEXT: Record<string, string> = {
  tjansteskrivelse: 'Tjänsteskrivelse',
  beslutsunderlag: 'Beslutsunderlag',
  motion: 'Motion',
  protokollsutdrag: 'Protokollsutdrag',
  protokoll: 'Protokoll',
  kallelse: 'Kallelse',
  yttrande: 'Yttrande',
  skrivelse: 'Skrivelse',
  beslut: 'Beslut',
  avtal: 'Avtal',
  rapport: 'Rapport',
  ovrigt: 'Övrigt',
};
export { DOCUMENT_TYPE_TEXT };

const DIRECTION_TEXT: Record<string, string> = {
  inkommande: 'Inkommande',
  upprattad: 'Upprättad',
  utgaende: 'Utgående',
  intern: 'Intern',
};

const ROLE_TEXT: Record<string, string> = {
  remit: 'remiss',
  prepare: 'beredning',
  propose: 'förslag',
  decide: 'beslut',
  inform: 'information',
};

/** A case: its particulars, documents, tjänsteskrivelser and "Var är ärendet?". */
export function CasePage() {
  const id = Number(useParams().id);
  const record = useQuery({
    queryKey: ['case', id],
    queryFn: () => ok(api.GET('/api/v1/cases/{id}', { params: { path: { id } } })),
  });
  if (record.isPending) return <Loading what="ärendet" />;
  if (record.error) {
    return (
      <>
        <PageTitle title="Ärendet kunde inte visas">Ärendet kunde inte visas</PageTitle>
        <ProblemAlert error={record.error} />
      </>
    );
  }
  return <CaseDetails record={record.data} />;
}

function CaseDetails({ record }: { record: CaseView }) {
  const me = useMe();
  const responsible = useUserName(record.responsibleUserId);
  const organ = useOrganName(record.organId);
  const documents = useQuery({
    queryKey: ['case', record.id, 'documents'],
    queryFn: () =>
      ok(api.GET('/api/v1/cases/{id}/documents', { params: { path: { id: record.id } } })),
  });
  const timeline = useQuery({
    queryKey: ['case', record.id, 'timeline'],
    queryFn: () =>
      ok(api.GET('/api/v1/cases/{id}/timeline', { params: { path: { id: record.id } } })),
  });
  const canRegister = hasPermission(me.data, 'documents.register');
  return (
    <>
      <p className="nf-eyebrow">
        Dnr <span data-testid="dnr">{record.dnrDisplay}</span>
        {record.classificationCode && <> · klassificering {record.classificationCode}</>}
      </p>
      <PageTitle title={`${record.dnr} ${record.title}`}>{record.title}</PageTitle>
      {record.titleHidden && (
        <Alert data-color="info">
          Ärendet omfattas av sekretess ({record.secrecy?.osl}). Du ser dess offentliga rubrik.
        </Alert>
      )}
      <dl className="nf-facts">
        <div>
          <dt>Status</dt>
          <dd>
            <Tag data-size="sm">{STATUS_TEXT[record.status]}</Tag>
          </dd>
        </div>
        <div>
          <dt>Handläggare</dt>
          <dd>{responsible}</dd>
        </div>
        <div>
          <dt>Organ</dt>
          <dd>{organ}</dd>
        </div>
        <div>
          <dt>Registrerat</dt>
          <dd>{formatDate(record.registeredAt)}</dd>
        </div>
        {record.secrecy && !record.titleHidden && (
          <div>
            <dt>Sekretess</dt>
            <dd>{record.secrecy.osl}</dd>
          </div>
        )}
      </dl>
      <div className="nf-columns">
        <div>
          <DocumentsSection
            documents={documents.data}
            error={documents.error}
            pending={documents.isPending}
          />
          {canRegister && <AddDocument caseId={record.id} />}
          {!record.titleHidden && (
            <TjansteskrivelserSection record={record} timeline={timeline.data} />
          )}
        </div>
        <div>
          <WhereIsTheCase
            timeline={timeline.data}
            error={timeline.error}
            pending={timeline.isPending}
          />
          {hasPermission(me.data, 'routes.manage') && timeline.data && !timeline.data.route && (
            <StartRoute caseId={record.id} />
          )}
        </div>
      </div>
    </>
  );
}

function DocumentsSection({
  documents,
  error,
  pending,
}: {
  documents: DocumentView[] | undefined;
  error: unknown;
  pending: boolean;
}) {
  const [failure, setFailure] = useState<unknown>(null);
  return (
    <section aria-labelledby="handlingar" className="nf-block">
      <Heading level={2} data-size="sm" id="handlingar">
        Handlingar
      </Heading>
      {pending && <Loading what="handlingar" />}
      <ProblemAlert error={error ?? failure} />
      {documents && documents.length === 0 && (
        <Paragraph>Inga handlingar är registrerade.</Paragraph>
      )}
      {documents && documents.length > 0 && (
        <Table data-size="sm" className="nf-table">
          <caption className="nf-visually-hidden">Ärendets handlingar</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>Nr</Table.HeaderCell>
              <Table.HeaderCell>Datum</Table.HeaderCell>
              <Table.HeaderCell>Handling</Table.HeaderCell>
              <Table.HeaderCell>Filer</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {documents.map((document) => (
              <Table.Row key={document.id}>
                <Table.Cell>{document.ordinal}</Table.Cell>
                <Table.Cell>{formatDate(document.date)}</Table.Cell>
                <Table.Cell>
                  {document.description}
                  <div className="nf-muted">
                    {DOCUMENT_TYPE_TEXT[document.type]},{' '}
                    {DIRECTION_TEXT[document.direction]?.toLowerCase()}
                    {document.senderRecipient && <>, {document.senderRecipient}</>}
                  </div>
                </Table.Cell>
                <Table.Cell>
                  {document.files.length === 0 && <span className="nf-muted">–</span>}
                  {document.files.map((file) => (
                    <Button
                      key={file.id}
                      variant="tertiary"
                      data-size="sm"
                      onClick={() =>
                        download(
                          `/api/v1/documents/${document.id}/files/${file.id}`,
                          file.filename,
                        ).catch(setFailure)
                      }
                    >
                      Ladda ned {file.filename}
                    </Button>
                  ))}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </section>
  );
}

function TjansteskrivelserSection({
  record,
  timeline,
}: {
  record: CaseView;
  timeline: Timeline | undefined;
}) {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const versions = useQuery({
    queryKey: ['case', record.id, 'tjansteskrivelser'],
    queryFn: () =>
      ok(api.GET('/api/v1/cases/{id}/tjansteskrivelser', { params: { path: { id: record.id } } })),
  });
  const list = versions.data?.tjansteskrivelser ?? [];
  const latest = list.at(-1);
  const preparing = timeline?.steps.some((step) => step.state === 'preparing') ?? false;
  const mayWrite =
    hasPermission(me.data, 'tjansteskrivelser.write') &&
    record.status === 'open' &&
    (latest === undefined || (latest.status === 'submitted' && preparing));
  const create = useMutation({
    mutationFn: () => {
      const from: Partial<Tjansteskrivelse> = latest ?? {};
      return ok(
        api.POST('/api/v1/cases/{id}/tjansteskrivelser', {
          params: { path: { id: record.id } },
          body: latest
            ? {
                // Version 2 is written from version 1 (after an återremiss).
                title: from.title,
                addressedOrganId: from.addressedOrganId,
                summary: from.summary,
                description: from.description,
                proposalClauses: from.proposalClauses,
                basisDocumentIds: from.basisDocumentIds,
                genderAnalysis: from.genderAnalysis,
                followUpClause: from.followUpClause,
              }
            : {},
        }),
      );
    },
    onSuccess: async (draft) => {
      await queryClient.invalidateQueries({ queryKey: ['case', record.id] });
      void navigate(`/tjansteskrivelser/${draft.id}`);
    },
  });
  return (
    <section aria-labelledby="tjansteskrivelser" className="nf-block">
      <Heading level={2} data-size="sm" id="tjansteskrivelser">
        Tjänsteskrivelse
      </Heading>
      <ProblemAlert error={versions.error ?? create.error} />
      {list.length === 0 && versions.data && (
        <Paragraph>Ingen tjänsteskrivelse är skriven.</Paragraph>
      )}
      <ul className="nf-list">
        {list.map((version) => (
          <li key={version.id}>
            <Link asChild>
              <RouterLink to={`/tjansteskrivelser/${version.id}`}>
                Version {version.versionNo}: {version.title}
              </RouterLink>
            </Link>{' '}
            <Tag data-size="sm" data-color={version.status === 'draft' ? 'warning' : 'success'}>
              {version.status === 'draft'
                ? 'Utkast'
                : `Inlämnad ${formatDate(version.submittedAt)}`}
            </Tag>
          </li>
        ))}
      </ul>
      {mayWrite && (
        <Button onClick={() => create.mutate()} loading={create.isPending}>
          {latest
            ? `Skriv version ${latest.versionNo + 1} från version ${latest.versionNo}`
            : 'Skriv tjänsteskrivelse'}
        </Button>
      )}
    </section>
  );
}

/** "Var är ärendet?": the route's steps, done and planned, with their meetings and outcomes. */
function WhereIsTheCase({
  timeline,
  error,
  pending,
}: {
  timeline: Timeline | undefined;
  error: unknown;
  pending: boolean;
}) {
  return (
    <Card
      data-color="neutral"
      className="nf-section"
      role="region"
      aria-labelledby="var-ar-arendet"
    >
      <Heading level={2} data-size="sm" id="var-ar-arendet">
        Var är ärendet?
      </Heading>
      {pending && <Loading what="ärendets gång" />}
      <ProblemAlert error={error} />
      {timeline && !timeline.route && <Paragraph>Ärendet har ingen beslutsgång ännu.</Paragraph>}
      {timeline?.route && (
        <>
          <Paragraph data-size="sm">
            Beslutsgång: {timeline.route.templateTitle ?? timeline.route.template}
            {timeline.route.status === 'decided' && ' – beslutat'}
          </Paragraph>
          <ol className="nf-steps">
            {timeline.steps.map((step) => (
              <li key={step.ordinal} className={`nf-step nf-step--${step.state}`}>
                <strong>{step.organ.name}</strong> ({ROLE_TEXT[step.role] ?? step.role}
                {step.authoritative ? ', fattar beslut' : ''}) –{' '}
                <span>{STEP_STATE_TEXT[step.state] ?? step.state}</span>
                {step.onAgendaMeetingId !== null && (
                  <>
                    {' '}
                    <Link asChild>
                      <RouterLink to={`/moten/${step.onAgendaMeetingId}`}>
                        på dagordningen
                      </RouterLink>
                    </Link>
                  </>
                )}
                {step.events.length > 0 && (
                  <ul className="nf-events">
                    {step.events.map((event) => (
                      <li key={event.id}>
                        {OUTCOME_TEXT[event.kind] ?? event.kind}
                        {event.meetingDate && (
                          <> vid sammanträdet {formatDate(event.meetingDate)}</>
                        )}
                        {event.paragraph !== null && <>, § {event.paragraph}</>}
                        {event.status === 'pending' && <> (registreras …)</>}
                        {event.text && <div className="nf-muted">{event.text}</div>}
                      </li>
                    ))}
                  </ul>
                )}
                {step.doneAt && <div className="nf-muted">Klart {formatDateTime(step.doneAt)}</div>}
              </li>
            ))}
          </ol>
        </>
      )}
    </Card>
  );
}

function StartRoute({ caseId }: { caseId: number }) {
  const queryClient = useQueryClient();
  const templates = useQuery({
    queryKey: ['route-templates'],
    queryFn: () => ok(api.GET('/api/v1/route-templates')),
  });
  const [template, setTemplate] = useState('');
  const start = useMutation({
    mutationFn: (key: string) =>
      ok(
        api.POST('/api/v1/cases/{id}/route', {
          params: { path: { id: caseId } },
          body: { template: key },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['case', caseId] }),
  });
  return (
    <section aria-labelledby="beslutsgang" className="nf-block">
      <Heading level={2} data-size="sm" id="beslutsgang">
        Lägg ärendet på en beslutsgång
      </Heading>
      <ProblemAlert error={templates.error ?? start.error} />
      <form
        className="nf-inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (template) start.mutate(template);
        }}
      >
        <Field>
          <Label htmlFor="route-template">Beslutsgång</Label>
          <Select
            id="route-template"
            value={template}
            onChange={(event) => setTemplate(event.target.value)}
            required
          >
            <Select.Option value="">Välj beslutsgång</Select.Option>
            {templates.data?.map((item) => (
              <Select.Option key={item.key} value={item.key}>
                {item.title} ({item.steps.map((step) => step.organ).join(' → ')})
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Button type="submit" loading={start.isPending}>
          Starta beslutsgången
        </Button>
      </form>
    </section>
  );
}
