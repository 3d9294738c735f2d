import { Card, Heading, Link, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router';
import { api, ok } from '../api/client';
import { hasPermission, organIdsOf, secretaryOrganIds, useMe } from '../auth/use-me';
import { Loading, PageTitle, ProblemAlert } from '../components/page';
import { OpenDeadlines } from '../components/deadlines';
import { useOrgans } from '../components/queries';
import { formatDate, formatMeeting, MEETING_STATUS_TEXT, STATUS_TEXT } from '../format';

/** "Mitt arbete": what is waiting for this person, whatever their role. */
export function StartPage() {
  const me = useMe();
  const user = me.data?.user;
  const firstName = user?.displayName.split(' ')[0];
  return (
    <>
      <PageTitle title="Mitt arbete">Mitt arbete</PageTitle>
      {firstName && (
        <Paragraph className="nf-lead">Hej {firstName}! Här är det som väntar på dig.</Paragraph>
      )}
      {me.isPending ? (
        <Loading what="dina uppgifter" />
      ) : (
        <div className="nf-grid">
          <ToSign />
          <Inbox />
          {user && hasPermission(me.data, 'cases.read') && <MyCases userId={user.id} />}
          {secretaryOrganIds(me.data).length > 0 && (
            <OrganDeadlines organIds={secretaryOrganIds(me.data)} />
          )}
          <ComingMeetings organIds={organIdsOf(me.data)} />
        </div>
      )}
    </>
  );
}

function Section({
  title,
  id,
  children,
}: {
  title: string;
  id: string;
  children: React.ReactNode;
}) {
  return (
    <Card data-color="neutral" className="nf-section" role="region" aria-labelledby={id}>
      <Heading level={2} data-size="sm" id={id}>
        {title}
      </Heading>
      {children}
    </Card>
  );
}

/** Protocols (and paragraphs put to immediate justering) that wait for my signature. */
function ToSign() {
  const organs = useOrgans();
  const toSign = useQuery({
    queryKey: ['protocols-to-sign'],
    queryFn: () => ok(api.GET('/api/v1/me/protocols-to-sign')),
  });
  if (!toSign.data?.protocols.length) return null;
  return (
    <Section title="Att justera" id="att-justera">
      <ul className="nf-list">
        {toSign.data.protocols.map((item) => (
          <li key={item.protocolId}>
            <Link asChild>
              <RouterLink to={`/protokoll/${item.protocolId}`}>
                Protokoll {organs.data?.find((organ) => organ.id === item.organId)?.name ?? ''}
                {item.lockedAt ? `, låst ${formatDate(item.lockedAt)}` : ''}
              </RouterLink>
            </Link>
            {item.immediateParagraphs > 0 && (
              <span className="nf-muted">
                {' '}
                – {item.immediateParagraphs}{' '}
                {item.immediateParagraphs === 1 ? 'paragraf' : 'paragrafer'} för omedelbar justering
              </span>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}

function Inbox() {
  const inbox = useQuery({ queryKey: ['inbox'], queryFn: () => ok(api.GET('/api/v1/me/inbox')) });
  const unread = (inbox.data ?? []).filter((message) => message.readAt === null);
  return (
    <Section title="Olästa meddelanden" id="inkorg">
      {inbox.isPending && <Loading what="meddelanden" />}
      <ProblemAlert error={inbox.error} />
      {inbox.data && unread.length === 0 && <Paragraph>Du har inga olästa meddelanden.</Paragraph>}
      <ul className="nf-list">
        {unread.slice(0, 10).map((message) => (
          <li key={message.id}>
            <strong>{message.subject}</strong>
            <span className="nf-muted"> – {formatDate(message.createdAt)}</span>
            {message.caseId !== null && (
              <>
                {' '}
                <Link asChild>
                  <RouterLink to={`/arenden/${message.caseId}`}>Öppna ärendet</RouterLink>
                </Link>
              </>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}

function MyCases({ userId }: { userId: number }) {
  const cases = useQuery({
    queryKey: ['cases', { responsibleUserId: userId, status: 'open' }],
    queryFn: () =>
      ok(
        api.GET('/api/v1/cases', {
          params: { query: { responsibleUserId: userId, status: 'open', limit: 20 } },
        }),
      ),
  });
  return (
    <Section title="Mina pågående ärenden" id="mina-arenden">
      {cases.isPending && <Loading what="ärenden" />}
      <ProblemAlert error={cases.error} />
      {cases.data && cases.data.cases.length === 0 && (
        <Paragraph>Du är inte handläggare för något pågående ärende.</Paragraph>
      )}
      <ul className="nf-list">
        {cases.data?.cases.map((item) => (
          <li key={item.id}>
            <Link asChild>
              <RouterLink to={`/arenden/${item.id}`}>
                {item.dnrDisplay} {item.title}
              </RouterLink>
            </Link>{' '}
            <Tag data-size="sm">{STATUS_TEXT[item.status]}</Tag>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function OrganDeadlines({ organIds }: { organIds: number[] }) {
  return (
    <Section title="Lagstadgade tidsfrister för mina organ" id="frister">
      <OpenDeadlines organIds={organIds} limit={12} />
    </Section>
  );
}

function ComingMeetings({ organIds }: { organIds: number[] }) {
  const organs = useOrgans();
  const lists = useQueries({
    queries: organIds.map((organId) => ({
      queryKey: ['meetings', organId],
      queryFn: () => ok(api.GET('/api/v1/meetings', { params: { query: { organId } } })),
    })),
  });
  const now = Date.now();
  const coming = lists
    .flatMap((list) => list.data?.meetings ?? [])
    .filter(
      (meeting) =>
        meeting.status !== 'cancelled' && new Date(meeting.startsAt).getTime() >= now - 86_400_000,
    )
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
    .slice(0, 8);
  return (
    <Section title="Mina kommande sammanträden" id="moten">
      {lists.some((list) => list.isPending) && <Loading what="sammanträden" />}
      {organIds.length === 0 && (
        <Paragraph>Du är inte ledamot, ersättare eller sekreterare i något organ.</Paragraph>
      )}
      {organIds.length > 0 && coming.length === 0 && !lists.some((list) => list.isPending) && (
        <Paragraph>Inga kommande sammanträden är planerade.</Paragraph>
      )}
      <ul className="nf-list">
        {coming.map((meeting) => (
          <li key={meeting.id}>
            <Link asChild>
              <RouterLink to={`/moten/${meeting.id}`}>
                {organs.data?.find((organ) => organ.id === meeting.organId)?.name ?? 'Sammanträde'},{' '}
                {formatMeeting(meeting.startsAt)}
              </RouterLink>
            </Link>{' '}
            <Tag data-size="sm">{MEETING_STATUS_TEXT[meeting.status]}</Tag>
          </li>
        ))}
      </ul>
    </Section>
  );
}
