import {
  Alert,
  Button,
  Checkbox,
  Field,
  Fieldset,
  Heading,
  Label,
  Paragraph,
  Select,
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { api, type AgendaView, ApiProblem, ok, type ProtocolView } from '../api/client';
import { managesMeetingsOf, useMe } from '../auth/use-me';
import { Loading, PageTitle, ProblemAlert } from '../components/page';
import { useUserName } from '../components/people';
import { useOrgans } from '../components/queries';
import { named, type SeatOnDay, useSeats } from '../components/seats';
import { formatDate, formatDateTime, formatMeeting, todayInStockholm } from '../format';
import { ParagraphEditor, paragraphLabel } from './protocol-paragraph';
import {
  FIELD_TEXT,
  type HeadingChange,
  type ProtocolSaver,
  useProtocolSaver,
} from './protocol-saver';

const PROTOCOL_STATUS_TEXT: Record<string, string> = {
  draft: 'Utkast',
  locked: 'Låst för justering',
  adjusted: 'Justerat',
};

/** The meeting's protocol, or null before it is opened. */
export function useMeetingProtocol(meetingId: number) {
  return useQuery({
    queryKey: ['protocol', meetingId],
    queryFn: () =>
      ok(api.GET('/api/v1/meetings/{id}/protocol', { params: { path: { id: meetingId } } })).catch(
        (error: unknown) => {
          if (error instanceof ApiProblem && error.status === 404) return null;
          throw error;
        },
      ),
  });
}

/** The protocol during the meeting: the nämndsekreterare records it paragraph by paragraph. */
export function ProtocolPage() {
  const meetingId = Number(useParams().id);
  const me = useMe();
  const organs = useOrgans();
  const agenda = useQuery({
    queryKey: ['agenda', meetingId],
    queryFn: () => ok(api.GET('/api/v1/meetings/{id}', { params: { path: { id: meetingId } } })),
  });
  const protocol = useMeetingProtocol(meetingId);
  if (agenda.isPending || protocol.isPending || me.isPending) return <Loading what="protokollet" />;
  const error = agenda.error ?? protocol.error;
  if (error || !agenda.data) {
    return (
      <>
        <PageTitle title="Protokollet kunde inte visas">Protokollet kunde inte visas</PageTitle>
        <ProblemAlert error={error} />
      </>
    );
  }
  const organ = organs.data?.find((candidate) => candidate.id === agenda.data.organId);
  const title = `Protokoll ${organ?.name ?? ''} ${formatDate(agenda.data.startsAt)}`.replace(
    /\s+/g,
    ' ',
  );
  const eyebrow = (
    <p className="nf-eyebrow">
      <RouterLink to={`/moten/${meetingId}`}>Till dagordningen</RouterLink> ·{' '}
      {formatMeeting(agenda.data.startsAt)}, {agenda.data.place}
      {protocol.data && (
        <>
          {' '}
          · <Tag data-size="sm">{PROTOCOL_STATUS_TEXT[protocol.data.status]}</Tag>
        </>
      )}
    </p>
  );
  if (!managesMeetingsOf(me.data, agenda.data.organId)) {
    return (
      <>
        {eyebrow}
        <PageTitle title={title}>{title}</PageTitle>
        <Paragraph>Protokollet förs av organets sekreterare.</Paragraph>
        {protocol.data && protocol.data.status !== 'draft' && (
          <RouterLink to={`/protokoll/${protocol.data.id}`}>
            Läs protokollet och justeringen
          </RouterLink>
        )}
      </>
    );
  }
  return (
    <>
      {eyebrow}
      <PageTitle title={title}>{title}</PageTitle>
      {protocol.data ? (
        <Editor
          agenda={agenda.data}
          protocol={protocol.data}
          adjustersCount={organ?.adjustersCount ?? 1}
        />
      ) : (
        <OpenProtocol agenda={agenda.data} adjustersCount={organ?.adjustersCount ?? 1} />
      )}
    </>
  );
}

function meetingDay(agenda: AgendaView): string {
  return todayInStockholm(new Date(agenda.startsAt));
}

function OpenProtocol({ agenda, adjustersCount }: { agenda: AgendaView; adjustersCount: number }) {
  const queryClient = useQueryClient();
  const { seats, isPending, error } = useSeats(agenda.organId, meetingDay(agenda));
  const [failure, setFailure] = useState<unknown>(null);
  if (agenda.status !== 'summoned') {
    return (
      <Alert data-color="info">
        Protokollet öppnas när kallelsen är publicerad och sammanträdet börjar.
      </Alert>
    );
  }
  if (isPending) return <Loading what="ledamöterna" />;
  if (error || !seats) return <ProblemAlert error={error} />;
  return (
    <section aria-labelledby="upprop">
      <Heading level={2} data-size="sm" id="upprop">
        Upprop och val av justerare
      </Heading>
      <Paragraph>
        När protokollet öppnas får varje punkt på dagordningen en paragraf, och sammanträdet räknas
        som hållet.
      </Paragraph>
      <ProblemAlert error={failure} heading="Protokollet kunde inte öppnas" />
      <AttendanceForm
        seats={seats}
        protocol={null}
        adjustersCount={adjustersCount}
        submitText="Öppna protokollet"
        onSubmit={async (heading) => {
          setFailure(null);
          try {
            const opened = await ok(
              api.POST('/api/v1/meetings/{id}/protocol', {
                params: { path: { id: agenda.id } },
                body: {
                  chairUserId: heading.chairUserId!,
                  adjusterUserIds: heading.adjusterUserIds!,
                  attendance: heading.attendance,
                },
              }),
            );
            queryClient.setQueryData(['protocol', agenda.id], opened);
            void queryClient.invalidateQueries({ queryKey: ['agenda', agenda.id] });
          } catch (problem) {
            setFailure(problem);
          }
        }}
      />
    </section>
  );
}

type Attendance = NonNullable<HeadingChange['attendance']>;

/** Who is there (members present, substitutes serving for whom, others), the chair and justerare. */
function AttendanceForm({
  seats,
  protocol,
  adjustersCount,
  submitText,
  onSubmit,
}: {
  seats: SeatOnDay[];
  protocol: ProtocolView | null;
  adjustersCount: number;
  submitText: string;
  onSubmit: (heading: HeadingChange) => Promise<unknown>;
}) {
  const me = useMe();
  const members = seats.filter((seat) => seat.role !== 'ersattare');
  const substitutes = seats.filter((seat) => seat.role === 'ersattare');
  const recorded = protocol?.attendance;
  const [present, setPresent] = useState<Record<number, boolean>>(() =>
    Object.fromEntries(
      members.map((seat) => [
        seat.personId,
        recorded ? recorded.members.some((member) => member.name === seat.name) : true,
      ]),
    ),
  );
  const [serving, setServing] = useState<Record<number, string>>(() =>
    Object.fromEntries(
      members.map((seat) => [
        seat.personId,
        String(
          substitutes.find((candidate) =>
            recorded?.substitutes.some(
              (substitute) =>
                substitute.name === candidate.name && substitute.replacing === seat.name,
            ),
          )?.personId ?? '',
        ),
      ]),
    ),
  );
  const [others, setOthers] = useState(
    recorded
      ? recorded.others
          .map((other) => (other.title ? `${other.name}, ${other.title}` : other.name))
          .join('\n')
      : me.data
        ? `${me.data.user.displayName}, sekreterare`
        : '',
  );
  const attending = [
    ...members.filter((seat) => present[seat.personId]),
    ...members.flatMap((seat) =>
      present[seat.personId]
        ? []
        : substitutes.filter((candidate) => String(candidate.personId) === serving[seat.personId]),
    ),
  ];
  const signable = attending.filter((seat) => seat.userId !== null);
  const defaultChair =
    protocol?.chairUserId ??
    signable.find((seat) => seat.role === 'ordforande')?.userId ??
    signable[0]?.userId ??
    null;
  const [chair, setChair] = useState(String(defaultChair ?? ''));
  const [adjusters, setAdjusters] = useState<string[]>(() =>
    Array.from({ length: adjustersCount }, (_, index) =>
      String(protocol?.adjusterUserIds[index] ?? ''),
    ),
  );
  const local = protocol?.justeringAt
    ? new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'Europe/Stockholm',
        dateStyle: 'short',
        timeStyle: 'short',
      })
        .format(new Date(protocol.justeringAt))
        .split(' ')
    : ['', ''];
  const [justeringDate, setJusteringDate] = useState(local[0] ?? '');
  const [justeringTime, setJusteringTime] = useState(local[1] ?? '');
  const [justeringPlace, setJusteringPlace] = useState(protocol?.justeringPlace ?? '');
  const [busy, setBusy] = useState(false);

  function attendance(): Attendance {
    return {
      members: members
        .filter((seat) => present[seat.personId])
        .map((seat) => ({ name: seat.name, ...(seat.party ? { party: seat.party } : {}) })),
      substitutes: members.flatMap((seat) => {
        if (present[seat.personId]) return [];
        const substitute = substitutes.find(
          (candidate) => String(candidate.personId) === serving[seat.personId],
        );
        return substitute
          ? [
              {
                name: substitute.name,
                ...(substitute.party ? { party: substitute.party } : {}),
                replacing: seat.name,
              },
            ]
          : [];
      }),
      others: others
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) => {
          const [name, ...title] = line.split(',');
          const rest = title.join(',').trim();
          return { name: name!.trim(), ...(rest ? { title: rest } : {}) };
        }),
    };
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await onSubmit({
        attendance: attendance(),
        chairUserId: Number(chair),
        adjusterUserIds: adjusters.map(Number).filter(Boolean),
        ...(protocol && justeringDate && justeringTime
          ? { justeringAt: `${justeringDate}T${justeringTime}` }
          : {}),
        ...(protocol && justeringPlace.trim() ? { justeringPlace: justeringPlace.trim() } : {}),
      });
    } finally {
      setBusy(false);
    }
  }

  const readOnly = protocol !== null && protocol.status !== 'draft';
  return (
    <form className="nf-form" onSubmit={(event) => void submit(event)}>
      <Fieldset>
        <Fieldset.Legend>Ledamöter</Fieldset.Legend>
        <Fieldset.Description>
          Markera vilka som är närvarande. För en ledamot som inte är där: välj ersättaren som
          tjänstgör.
        </Fieldset.Description>
        <ul className="nf-attendance">
          {members.map((seat) => (
            <li key={seat.personId}>
              <Checkbox
                label={`${named(seat)} är närvarande`}
                checked={present[seat.personId] ?? false}
                disabled={readOnly}
                onChange={(event) =>
                  setPresent((current) => ({ ...current, [seat.personId]: event.target.checked }))
                }
              />
              {!present[seat.personId] && (
                <Field>
                  <Label htmlFor={`serving-${seat.personId}`}>
                    Tjänstgörande ersättare för {seat.name}
                  </Label>
                  <Select
                    id={`serving-${seat.personId}`}
                    value={serving[seat.personId] ?? ''}
                    disabled={readOnly}
                    onChange={(event) =>
                      setServing((current) => ({
                        ...current,
                        [seat.personId]: event.target.value,
                      }))
                    }
                  >
                    <Select.Option value="">Ingen ersättare</Select.Option>
                    {substitutes.map((candidate) => (
                      <Select.Option key={candidate.personId} value={String(candidate.personId)}>
                        {named(candidate)}
                      </Select.Option>
                    ))}
                  </Select>
                </Field>
              )}
            </li>
          ))}
        </ul>
      </Fieldset>
      <Textfield
        label="Övriga närvarande"
        description="En per rad: namn, titel."
        multiline
        rows={3}
        value={others}
        readOnly={readOnly}
        onChange={(event) => setOthers(event.target.value)}
      />
      <Field>
        <Label htmlFor="chair">Ordförande</Label>
        <Select
          id="chair"
          value={chair}
          disabled={readOnly}
          onChange={(event) => setChair(event.target.value)}
          required
        >
          <Select.Option value="">Välj ordförande</Select.Option>
          {signable.map((seat) => (
            <Select.Option key={seat.personId} value={String(seat.userId)}>
              {named(seat)}
            </Select.Option>
          ))}
        </Select>
      </Field>
      {adjusters.map((value, index) => (
        <Field key={index}>
          <Label htmlFor={`adjuster-${index}`}>
            {adjusters.length > 1 ? `Justerare ${index + 1}` : 'Justerare'}
          </Label>
          <Select
            id={`adjuster-${index}`}
            value={value}
            disabled={readOnly}
            required
            onChange={(event) =>
              setAdjusters((current) =>
                current.map((other, position) => (position === index ? event.target.value : other)),
              )
            }
          >
            <Select.Option value="">Välj justerare</Select.Option>
            {signable
              .filter((seat) => String(seat.userId) !== chair)
              .map((seat) => (
                <Select.Option key={seat.personId} value={String(seat.userId)}>
                  {named(seat)}
                </Select.Option>
              ))}
          </Select>
        </Field>
      ))}
      {protocol && (
        <div className="nf-row">
          <Textfield
            label="Justeringsdag"
            type="date"
            value={justeringDate}
            readOnly={readOnly}
            onChange={(event) => setJusteringDate(event.target.value)}
          />
          <Textfield
            label="Klockslag"
            type="time"
            value={justeringTime}
            readOnly={readOnly}
            onChange={(event) => setJusteringTime(event.target.value)}
          />
          <Textfield
            label="Plats för justering"
            value={justeringPlace}
            readOnly={readOnly}
            onChange={(event) => setJusteringPlace(event.target.value)}
          />
        </div>
      )}
      {!readOnly && (
        <Button type="submit" disabled={busy}>
          {submitText}
        </Button>
      )}
    </form>
  );
}

function Editor({
  agenda,
  protocol,
  adjustersCount,
}: {
  agenda: AgendaView;
  protocol: ProtocolView;
  adjustersCount: number;
}) {
  const saver = useProtocolSaver(agenda.id, protocol);
  const { seats } = useSeats(agenda.organId, meetingDay(agenda));
  const chairName = useUserName(protocol.chairUserId);
  const [selected, setSelected] = useState(
    () =>
      protocol.paragraphs.find((paragraph) => paragraph.caseId !== null)?.id ??
      protocol.paragraphs[0]?.id,
  );
  const index = Math.max(
    0,
    protocol.paragraphs.findIndex((paragraph) => paragraph.id === selected),
  );
  const paragraph = protocol.paragraphs[index];
  const saveState =
    saver.pending > 0
      ? 'Sparar …'
      : saver.savedAt
        ? `Alla ändringar är sparade (${new Date(saver.savedAt).toLocaleTimeString('sv-SE', { timeZone: 'Europe/Stockholm' })}).`
        : 'Ändringar sparas medan du skriver.';
  const go = (next: number) => {
    setSelected(protocol.paragraphs[next]?.id);
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>('[data-testid="paragraph-editor"] h2')?.focus(),
    );
  };

  return (
    <>
      <p
        className="nf-save-status"
        role="status"
        aria-live="polite"
        data-testid="protocol-save-state"
        data-pending={saver.pending}
        data-version={protocol.version}
      >
        {saveState}
      </p>
      <div aria-live="polite" className="nf-message" data-testid="protocol-message">
        {saver.message && (
          <Alert
            data-color={saver.message.color}
            role={saver.message.color === 'danger' ? 'alert' : undefined}
          >
            {saver.message.text}
          </Alert>
        )}
      </div>
      {saver.conflict && <ConflictChoice saver={saver} protocol={protocol} />}
      <details className="nf-details" open={!protocol.attendance}>
        <summary>Närvaro, ordförande, justerare och justeringens tid och plats</summary>
        {seats ? (
          <AttendanceForm
            key={protocol.status}
            seats={seats}
            protocol={protocol}
            adjustersCount={adjustersCount}
            submitText="Spara närvaron"
            onSubmit={(heading) => saver.saveHeading(heading)}
          />
        ) : (
          <Loading what="ledamöterna" />
        )}
      </details>
      <AttendanceSummary protocol={protocol} chairName={chairName} />
      <div className="nf-protocol">
        <nav aria-label="Protokollets punkter" className="nf-protocol__nav">
          <ol>
            {protocol.paragraphs.map((candidate, position) => (
              <li key={candidate.id}>
                <button
                  type="button"
                  className="nf-linkbutton"
                  aria-current={candidate.id === paragraph?.id ? 'step' : undefined}
                  onClick={() => go(position)}
                >
                  {paragraphLabel(candidate, position)} {candidate.heading}
                </button>
              </li>
            ))}
          </ol>
        </nav>
        <div className="nf-protocol__paragraph">
          {paragraph && (
            <ParagraphEditor
              key={paragraph.id}
              protocol={protocol}
              paragraph={paragraph}
              index={index}
              chairName={chairName}
              saver={saver}
            />
          )}
          <div className="nf-actions">
            <Button variant="secondary" disabled={index === 0} onClick={() => go(index - 1)}>
              Föregående punkt
            </Button>
            <Button
              variant="secondary"
              disabled={index >= protocol.paragraphs.length - 1}
              onClick={() => go(index + 1)}
            >
              Nästa punkt
            </Button>
          </div>
        </div>
      </div>
      <Lock protocol={protocol} saver={saver} />
    </>
  );
}

function AttendanceSummary({ protocol, chairName }: { protocol: ProtocolView; chairName: string }) {
  const adjusters = protocol.adjusterUserIds;
  const first = useUserName(adjusters[0]);
  const second = useUserName(adjusters[1]);
  const attendance = protocol.attendance;
  if (!attendance) return null;
  return (
    <dl className="nf-facts" data-testid="attendance-summary">
      <dt>Beslutande</dt>
      <dd>
        {[
          ...attendance.members.map(named),
          ...attendance.substitutes.map(
            (substitute) => `${named(substitute)} (tjänstgör för ${substitute.replacing})`,
          ),
        ].join(', ')}
      </dd>
      <dt>Ordförande</dt>
      <dd>{chairName}</dd>
      <dt>Justerare</dt>
      <dd>{[first, ...(adjusters.length > 1 ? [second] : [])].join(', ')}</dd>
      {protocol.justeringAt && (
        <>
          <dt>Justering</dt>
          <dd>
            {protocol.justeringPlace}, {formatDateTime(protocol.justeringAt)}
          </dd>
        </>
      )}
    </dl>
  );
}

function ConflictChoice({ saver, protocol }: { saver: ProtocolSaver; protocol: ProtocolView }) {
  const conflict = saver.conflict!;
  const position = protocol.paragraphs.findIndex(
    (paragraph) => paragraph.id === conflict.paragraphId,
  );
  const paragraph = protocol.paragraphs[position];
  return (
    <Alert data-color="warning" role="alert" data-testid="protocol-conflict">
      <Paragraph>
        Någon annan ändrade{' '}
        {conflict.fields.map((field) => FIELD_TEXT[field] ?? field).join(' och ')} i{' '}
        {paragraph ? paragraphLabel(paragraph, position).toLowerCase() : 'paragrafen'} samtidigt som
        du. Vilken version ska gälla?
      </Paragraph>
      <div className="nf-actions">
        <Button onClick={() => saver.resolve(true)}>Behåll min ändring</Button>
        <Button variant="secondary" onClick={() => saver.resolve(false)}>
          Behåll den andras
        </Button>
      </div>
    </Alert>
  );
}

function Lock({ protocol, saver }: { protocol: ProtocolView; saver: ProtocolSaver }) {
  const [asking, setAsking] = useState(false);
  const missing = useMemo(
    () => [
      ...(protocol.attendance ? [] : ['närvaron']),
      ...(protocol.justeringAt ? [] : ['justeringens tid och plats']),
    ],
    [protocol],
  );
  if (protocol.status !== 'draft') {
    return (
      <section aria-labelledby="justering" className="nf-block">
        <Heading level={2} data-size="sm" id="justering">
          Justering
        </Heading>
        <Paragraph>
          Protokollet låstes {formatDateTime(protocol.lockedAt)} och är numrerat{' '}
          {protocol.paragraphs.length > 0 &&
            `§§ ${protocol.paragraphs[0]!.number}–${protocol.paragraphs.at(-1)!.number}`}
          .
        </Paragraph>
        <RouterLink to={`/protokoll/${protocol.id}`}>
          Till justeringen och underskrifterna
        </RouterLink>
      </section>
    );
  }
  return (
    <section aria-labelledby="lasning" className="nf-block">
      <Heading level={2} data-size="sm" id="lasning">
        Lås och numrera
      </Heading>
      <Paragraph>
        När protokollet låses får paragraferna sina nummer och protokollet går till justering.
        Därefter ändras det bara genom skriftliga skäl för en reservation.
      </Paragraph>
      {missing.length > 0 && (
        <Paragraph data-size="sm">
          Innan protokollet låses: fyll i {missing.join(' och ')}.
        </Paragraph>
      )}
      {!asking ? (
        <Button onClick={() => setAsking(true)} disabled={saver.pending > 0}>
          Lås och numrera protokollet
        </Button>
      ) : (
        <div className="nf-actions">
          <Button
            onClick={() => {
              setAsking(false);
              void saver.act(
                (current) =>
                  ok(
                    api.POST('/api/v1/protocols/{id}/lock', {
                      params: { path: { id: current.id } },
                      body: { version: current.version },
                    }),
                  ),
                'Protokollet är låst och numrerat. Ordföranden och justeraren kan nu signera det.',
              );
            }}
          >
            Ja, lås protokollet
          </Button>
          <Button variant="tertiary" onClick={() => setAsking(false)}>
            Avbryt
          </Button>
        </div>
      )}
    </section>
  );
}
