import { Alert, Button, Heading, Link, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { api, ok, type ParagraphView, type ProtocolView } from '../api/client';
import { problemText } from '../api/problems';
import { hasPermission, useMe } from '../auth/use-me';
import { openFile } from '../components/download';
import { Loading, PageTitle, ProblemAlert } from '../components/page';
import { useDirectory } from '../components/people';
import { useOrgans } from '../components/queries';
import { formatDate, formatDateTime } from '../format';
import { OUTCOME_LABEL } from './protocol-paragraph';

const BALLOT_TEXT = { ja: 'Ja', nej: 'Nej', avstar: 'Avstår' } as const;

/**
 * Justering: the chair and the justerare read the locked protocol (its text and its PDF), see its
 * content hash and who has signed, and sign what they read. After the last signature: the
 * adjusted protocol, its anslag dates and the extracts.
 */
export function JusteringPage() {
  const protocolId = Number(useParams().id);
  const protocol = useQuery({
    queryKey: ['protocol-by-id', protocolId],
    queryFn: () => ok(api.GET('/api/v1/protocols/{id}', { params: { path: { id: protocolId } } })),
    // The anslag is posted by a job just after the last signature: look again until it is there.
    refetchInterval: (query) =>
      query.state.data?.status === 'adjusted' && !query.state.data.anslag ? 1_500 : false,
  });
  const organs = useOrgans();
  const meeting = useQuery({
    queryKey: ['agenda', protocol.data?.meetingId],
    enabled: protocol.data !== undefined,
    queryFn: () =>
      ok(api.GET('/api/v1/meetings/{id}', { params: { path: { id: protocol.data!.meetingId } } })),
  });
  if (protocol.isPending) return <Loading what="protokollet" />;
  if (protocol.error) {
    return (
      <>
        <PageTitle title="Protokollet kunde inte visas">Protokollet kunde inte visas</PageTitle>
        <ProblemAlert error={protocol.error} />
      </>
    );
  }
  const organ = organs.data?.find((candidate) => candidate.id === protocol.data.organId);
  const title =
    `Justering: protokoll ${organ?.name ?? ''} ${meeting.data ? formatDate(meeting.data.startsAt) : ''}`
      .replace(/\s+/g, ' ')
      .trim();
  return (
    <>
      <p className="nf-eyebrow">
        <RouterLink to={`/moten/${protocol.data.meetingId}`}>Till sammanträdet</RouterLink>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      <Justering protocol={protocol.data} />
    </>
  );
}

function Justering({ protocol }: { protocol: ProtocolView }) {
  const me = useMe();
  const directory = useDirectory();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<{ text: string; color: 'success' | 'danger' } | null>(
    null,
  );
  const nameOf = (userId: number) =>
    directory.data?.find((entry) => entry.id === userId)?.displayName ?? '…';
  const myId = me.data?.user.id;
  const signers = [
    { userId: protocol.chairUserId, role: 'Ordförande' },
    ...protocol.adjusterUserIds.map((userId) => ({ userId, role: 'Justerare' })),
  ];
  const signatureOf = (userId: number, paragraphId: number | null) =>
    protocol.signatures.find(
      (signature) => signature.userId === userId && signature.paragraphId === paragraphId,
    );
  const store = (view: ProtocolView) => {
    queryClient.setQueryData(['protocol-by-id', protocol.id], view);
    void queryClient.invalidateQueries({ queryKey: ['protocols-to-sign'] });
  };

  async function sign(contentHash: string, paragraphId: number | null) {
    setMessage(null);
    try {
      const signed = await ok(
        paragraphId === null
          ? api.POST('/api/v1/protocols/{id}/signatures', {
              params: { path: { id: protocol.id } },
              body: { contentHash },
            })
          : api.POST('/api/v1/protocols/{id}/paragraphs/{paragraphId}/signatures', {
              params: { path: { id: protocol.id, paragraphId } },
              body: { contentHash },
            }),
      );
      store(signed);
      setMessage({
        text:
          signed.status === 'adjusted' && paragraphId === null
            ? 'Du har signerat. Protokollet är justerat.'
            : 'Du har signerat.',
        color: 'success',
      });
    } catch (failure) {
      // A changed protocol (new written reasons) cannot be signed by its old hash: read it again.
      store(await ok(api.GET('/api/v1/protocols/{id}', { params: { path: { id: protocol.id } } })));
      setMessage({
        text:
          failure instanceof Error && 'code' in failure && failure.code === 'outdated-protocol'
            ? 'Protokollet har ändrats sedan du öppnade det. Läs det igen innan du signerar.'
            : problemText(failure),
        color: 'danger',
      });
    }
  }

  const immediate = protocol.paragraphs.filter((paragraph) => paragraph.immediateHash !== null);
  const pdf = protocol.files.find((file) => file.contentType === 'application/pdf');
  const iSign = signers.some((signer) => signer.userId === myId);

  return (
    <>
      <div aria-live="polite" className="nf-message" data-testid="justering-message">
        {message && (
          <Alert data-color={message.color} role={message.color === 'danger' ? 'alert' : undefined}>
            {message.text}
          </Alert>
        )}
      </div>
      {protocol.status === 'draft' && immediate.length === 0 && (
        <Alert data-color="info">
          Protokollet förs fortfarande och är inte låst för justering.
        </Alert>
      )}
      {protocol.droppedSignatures.length > 0 && protocol.status === 'locked' && (
        <Alert data-color="warning" data-testid="dropped-signatures">
          Protokollet ändrades efter att det låstes
          {protocol.droppedSignatures[0]!.reservationOf
            ? ` (${protocol.droppedSignatures[0]!.reservationOf}s reservation fick skriftliga skäl)`
            : ''}
          . Underskrifterna från{' '}
          {[...new Set(protocol.droppedSignatures.map((dropped) => nameOf(dropped.userId)))].join(
            ' och ',
          )}{' '}
          gäller inte längre och behöver göras om på den nya versionen.
        </Alert>
      )}
      {protocol.status === 'adjusted' && <Adjusted protocol={protocol} />}

      {protocol.status !== 'draft' && (
        <section aria-labelledby="underskrifter" className="nf-block">
          <Heading level={2} data-size="sm" id="underskrifter">
            Underskrifter
          </Heading>
          <dl className="nf-facts">
            <dt>Kontrollsumma (SHA-256) för det som signeras</dt>
            <dd>
              <code className="nf-hash" data-testid="content-hash">
                {protocol.contentHash}
              </code>
            </dd>
          </dl>
          <SignatureTable
            signers={signers}
            nameOf={nameOf}
            signatureOf={(userId) => signatureOf(userId, null)}
          />
          {protocol.status === 'locked' && iSign && !signatureOf(myId!, null) && (
            <div className="nf-actions">
              <Button onClick={() => void sign(protocol.contentHash!, null)}>
                Jag har läst protokollet och justerar det
              </Button>
            </div>
          )}
          {pdf && (
            <Button
              variant="secondary"
              onClick={() =>
                void openFile(`/api/v1/protocols/${protocol.id}/files/${pdf.id}`).catch((failure) =>
                  setMessage({ text: problemText(failure), color: 'danger' }),
                )
              }
            >
              Öppna protokollet (PDF)
            </Button>
          )}
          {!pdf && protocol.status !== 'adjusted' && (
            <Paragraph data-size="sm">PDF-versionen skapas …</Paragraph>
          )}
        </section>
      )}

      {immediate.map((paragraph) => (
        <section
          key={paragraph.id}
          aria-labelledby={`omedelbar-${paragraph.id}`}
          className="nf-block"
          data-testid="immediate-paragraph"
        >
          <Heading level={2} data-size="sm" id={`omedelbar-${paragraph.id}`}>
            Omedelbar justering av § {paragraph.number}
          </Heading>
          <ParagraphText paragraph={paragraph} />
          <dl className="nf-facts">
            <dt>Kontrollsumma (SHA-256)</dt>
            <dd>
              <code className="nf-hash">{paragraph.immediateHash}</code>
            </dd>
          </dl>
          <SignatureTable
            signers={signers}
            nameOf={nameOf}
            signatureOf={(userId) => signatureOf(userId, paragraph.id)}
          />
          {paragraph.adjustedAt ? (
            <Paragraph>Paragrafen justerades {formatDateTime(paragraph.adjustedAt)}.</Paragraph>
          ) : (
            iSign &&
            !signatureOf(myId!, paragraph.id) && (
              <Button onClick={() => void sign(paragraph.immediateHash!, paragraph.id)}>
                Jag justerar § {paragraph.number} omedelbart
              </Button>
            )
          )}
        </section>
      ))}

      {protocol.status !== 'draft' && (
        <section aria-labelledby="protokollet" className="nf-block">
          <Heading level={2} data-size="sm" id="protokollet">
            Protokollets text
          </Heading>
          <ol className="nf-protocol-text" aria-label="Paragrafer">
            {protocol.paragraphs.map((paragraph) => (
              <li key={paragraph.id}>
                <Heading level={3} data-size="xs">
                  § {paragraph.number} {paragraph.heading}
                </Heading>
                <ParagraphText paragraph={paragraph} />
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}

function SignatureTable({
  signers,
  nameOf,
  signatureOf,
}: {
  signers: Array<{ userId: number; role: string }>;
  nameOf: (userId: number) => string;
  signatureOf: (userId: number) => { signedAt: string } | undefined;
}) {
  return (
    <Table data-size="sm" className="nf-table" data-testid="signatures">
      <caption className="nf-visually-hidden">Vem som har signerat</caption>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>Roll</Table.HeaderCell>
          <Table.HeaderCell>Namn</Table.HeaderCell>
          <Table.HeaderCell>Signerat</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {signers.map((signer) => {
          const signature = signatureOf(signer.userId);
          return (
            <Table.Row key={signer.userId}>
              <Table.Cell>{signer.role}</Table.Cell>
              <Table.Cell>{nameOf(signer.userId)}</Table.Cell>
              <Table.Cell>
                {signature ? (
                  formatDateTime(signature.signedAt)
                ) : (
                  <Tag data-size="sm" data-color="warning">
                    Inte signerat
                  </Tag>
                )}
              </Table.Cell>
            </Table.Row>
          );
        })}
      </Table.Body>
    </Table>
  );
}

/** A paragraph as the protocol prints it: outcome, decision and what happened. */
export function ParagraphText({ paragraph }: { paragraph: ParagraphView }) {
  const proceedings = paragraph.proceedings;
  const vote = proceedings.votering;
  return (
    <div className="nf-paragraph-text">
      {paragraph.outcome && paragraph.outcome !== 'standing' && (
        <Paragraph data-size="sm" className="nf-muted">
          {OUTCOME_LABEL[paragraph.outcome]}
        </Paragraph>
      )}
      {paragraph.decisionText && (
        <Paragraph className="nf-prewrap">{paragraph.decisionText}</Paragraph>
      )}
      {proceedings.jav.length > 0 && (
        <Paragraph data-size="sm">
          Jäv: {proceedings.jav.join(', ')} anmäler jäv och deltar inte i handläggningen.
        </Paragraph>
      )}
      {(proceedings.absent ?? []).length > 0 && (
        <Paragraph data-size="sm">
          {proceedings.absent!.join(', ')} lämnar sammanträdet under paragrafen.
        </Paragraph>
      )}
      {proceedings.yrkanden.map((yrkande, index) => (
        <Paragraph data-size="sm" key={index}>
          {yrkande.by} yrkar {yrkande.text}
        </Paragraph>
      ))}
      {proceedings.propositionsordning && (
        <Paragraph data-size="sm">{proceedings.propositionsordning}</Paragraph>
      )}
      {vote && (
        <Paragraph data-size="sm" data-testid="vote-result">
          Omröstning ({vote.question}):{' '}
          {(['ja', 'nej', 'avstar'] as const)
            .map(
              (ballot) =>
                `${BALLOT_TEXT[ballot]}: ${
                  vote.ballots
                    .filter((candidate) => candidate.vote === ballot)
                    .map((candidate) => candidate.member)
                    .join(', ') || '–'
                }`,
            )
            .join('; ')}
          . Med {vote.ja} ja mot {vote.nej} nej{vote.avstar ? ` (${vote.avstar} avstår)` : ''}
          {vote.castingVote ? ' och ordförandens utslagsröst' : ''} har{' '}
          {vote.result === 'ja' ? 'ja' : 'nej'} vunnit.
        </Paragraph>
      )}
      {proceedings.reservations.map((reservation) => (
        <Paragraph data-size="sm" key={reservation.member}>
          Reservation: {reservation.member} reserverar sig
          {reservation.reasons ? ` med skriftliga skäl: ${reservation.reasons}` : '.'}
        </Paragraph>
      ))}
      {proceedings.notes.map((note, index) => (
        <Paragraph data-size="sm" key={index}>
          Protokollsanteckning: {note.by}: {note.text}
        </Paragraph>
      ))}
      {proceedings.expediering.length > 0 && (
        <Paragraph data-size="sm">
          Expedieras till: {proceedings.expediering.map((recipient) => recipient.name).join(', ')}
        </Paragraph>
      )}
    </div>
  );
}

function Adjusted({ protocol }: { protocol: ProtocolView }) {
  const me = useMe();
  const readsCases = hasPermission(me.data, 'cases.read');
  const extracts = protocol.paragraphs.filter((paragraph) => paragraph.caseId !== null);
  return (
    <section aria-labelledby="justerat" className="nf-block" data-testid="adjusted">
      <Heading level={2} data-size="sm" id="justerat">
        Protokollet är justerat
      </Heading>
      <Paragraph>Justerat {formatDateTime(protocol.adjustedAt)}.</Paragraph>
      {protocol.anslag ? (
        <dl className="nf-facts" data-testid="anslag">
          <dt>Anslaget på anslagstavlan</dt>
          <dd data-testid="anslag-posted">{formatDate(protocol.anslag.postedOn)}</dd>
          <dt>Sista dag att överklaga</dt>
          <dd data-testid="anslag-appeal">{formatDate(protocol.anslag.appealEndsOn)}</dd>
          <dt>Tas ned</dt>
          <dd data-testid="anslag-removed">{formatDate(protocol.anslag.removedOn)}</dd>
        </dl>
      ) : (
        <Paragraph data-size="sm">Anslaget sätts upp på anslagstavlan …</Paragraph>
      )}
      {extracts.length > 0 && (
        <>
          <Heading level={3} data-size="xs">
            Protokollsutdrag
          </Heading>
          <ul className="nf-list">
            {extracts.map((paragraph) => (
              <li key={paragraph.id}>
                {readsCases ? (
                  <Link asChild>
                    <RouterLink to={`/arenden/${paragraph.caseId}`}>
                      Utdrag § {paragraph.number}: {paragraph.heading}
                    </RouterLink>
                  </Link>
                ) : (
                  <>
                    Utdrag § {paragraph.number}: {paragraph.heading}
                  </>
                )}
                {paragraph.proceedings.expediering.length > 0 && (
                  <span className="nf-muted">
                    {' '}
                    – expedieras till{' '}
                    {paragraph.proceedings.expediering
                      .map((recipient) => recipient.name)
                      .join(', ')}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
