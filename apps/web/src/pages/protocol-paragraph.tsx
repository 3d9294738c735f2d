import {
  Alert,
  Button,
  Checkbox,
  Field,
  Fieldset,
  Heading,
  Label,
  Paragraph,
  Radio,
  Select,
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { api, ok, type ParagraphView, type ProtocolView } from '../api/client';
import type { ParagraphChange, ProtocolSaver } from './protocol-saver';

export const OUTCOME_LABEL: Record<string, string> = {
  decision: 'Beslut',
  proposal: 'Förslag till nästa organ',
  aterremiss: 'Återremiss',
  bordlaggning: 'Bordläggning',
  information: 'Information (noteras)',
  withdrawn: 'Utgår',
  election: 'Val',
  standing: 'Stående punkt',
};

const CASE_OUTCOMES = ['decision', 'proposal', 'aterremiss', 'bordlaggning', 'withdrawn'];
const OTHER_OUTCOMES = ['standing', 'information', 'withdrawn'];

type Ballot = 'ja' | 'nej' | 'avstar';
const BALLOT_TEXT: Record<Ballot, string> = { ja: 'Ja', nej: 'Nej', avstar: 'Avstår' };

/** How long a pause in typing is before the text is saved. */
export const TEXT_SAVE_DELAY_MS = 600;

/** "Punkt 3" while the protocol is a draft; "§ 12" once numbered. */
export const paragraphLabel = (paragraph: ParagraphView, index: number) =>
  paragraph.number !== null ? `§ ${paragraph.number}` : `Punkt ${index + 1}`;

/** The members who may vote: members present and substitutes serving, by name. */
export function votersOf(protocol: ProtocolView): string[] {
  return [
    ...(protocol.attendance?.members ?? []).map((member) => member.name),
    ...(protocol.attendance?.substitutes ?? []).map((substitute) => substitute.name),
  ];
}

/** Shows a change at once while it is being saved; the saved value wins when it arrives. */
function useShown<T>(saved: T): [T, (next: T) => void] {
  const [shown, setShown] = useState(saved);
  const key = JSON.stringify(saved);
  useEffect(() => setShown(JSON.parse(key) as T), [key]);
  return [shown, setShown];
}

/** A text saved after a pause in typing, and when the field is left. */
function useAutosave(
  initial: string,
  save: (value: string) => void,
  dirty: (isDirty: boolean) => void,
) {
  const [value, setValue] = useState(initial);
  const saved = useRef(initial);
  const latestSave = useRef(save);
  latestSave.current = save;
  const latestDirty = useRef(dirty);
  latestDirty.current = dirty;
  const send = useRef((text: string) => {
    saved.current = text;
    latestDirty.current(false);
    latestSave.current(text);
  }).current;
  useEffect(() => {
    if (value === saved.current) return;
    latestDirty.current(true);
    const timer = setTimeout(() => send(value), TEXT_SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [value, send]);
  useEffect(() => () => latestDirty.current(false), []);
  const flush = () => {
    if (value !== saved.current) send(value);
  };
  return { value, setValue, flush };
}

/**
 * One paragraph as the secretary records it during the meeting: outcome and decision text,
 * yrkanden, propositionsordning, a vote per member with its tally, reservations, jäv, who left,
 * notes and expediering. Every change is saved as it is made.
 */
export function ParagraphEditor({
  protocol,
  paragraph,
  index,
  chairName,
  saver,
}: {
  protocol: ProtocolView;
  paragraph: ParagraphView;
  index: number;
  chairName: string;
  saver: ProtocolSaver;
}) {
  const label = paragraphLabel(paragraph, index);
  const frozen = protocol.status !== 'draft' || paragraph.immediateHash !== null;
  const proceedings = paragraph.proceedings;
  const save = (change: ParagraphChange) => saver.saveParagraph(paragraph.id, change);
  const allVoters = votersOf(protocol);
  const jav = proceedings.jav;
  const absent = proceedings.absent ?? [];
  const voters = allVoters.filter((name) => !jav.includes(name) && !absent.includes(name));
  const decision = useAutosave(
    paragraph.decisionText ?? '',
    (text) => void save({ decisionText: text.trim() || undefined }),
    (isDirty) => saver.setDirty(`decision-${paragraph.id}`, isDirty),
  );
  const order = useAutosave(
    proceedings.propositionsordning ?? '',
    (text) => {
      if (text.trim()) void save({ propositionsordning: text.trim() });
    },
    (isDirty) => saver.setDirty(`order-${paragraph.id}`, isDirty),
  );
  // A member who leaves the room (jäv, or for the paragraph) leaves the vote too, in the same save.
  const withoutBallotsOf = (gone: string[]): Pick<ParagraphChange, 'votering'> => {
    const vote = proceedings.votering;
    if (!vote || !vote.ballots.some((ballot) => gone.includes(ballot.member))) return {};
    return {
      votering: {
        question: vote.question,
        ballots: vote.ballots
          .filter((ballot) => !gone.includes(ballot.member))
          .map(({ member, vote: cast }) => ({ member, vote: cast })),
      },
    };
  };
  const outcomes = paragraph.caseId !== null ? CASE_OUTCOMES : OTHER_OUTCOMES;
  const [outcome, setOutcome] = useShown(paragraph.outcome ?? '');

  return (
    <section
      className="nf-paragraph"
      aria-labelledby={`paragraph-${paragraph.id}`}
      data-testid="paragraph-editor"
      data-paragraph-id={paragraph.id}
    >
      <Heading level={2} data-size="sm" id={`paragraph-${paragraph.id}`}>
        {label}: {paragraph.heading}
      </Heading>
      {paragraph.secrecy && (
        <Tag data-color="warning" data-size="sm">
          Sekretess ({paragraph.secrecy.osl})
        </Tag>
      )}
      {paragraph.immediateHash !== null && (
        <Alert data-color="info">
          {paragraph.adjustedAt
            ? 'Paragrafen är omedelbart justerad.'
            : 'Paragrafen justeras omedelbart och kan inte längre ändras. '}
          {!paragraph.adjustedAt && (
            <RouterLink to={`/protokoll/${protocol.id}`}>Till justeringen</RouterLink>
          )}
        </Alert>
      )}

      <div className="nf-form nf-form--editor">
        <Field>
          <Label htmlFor={`outcome-${paragraph.id}`}>Utfall</Label>
          <Select
            id={`outcome-${paragraph.id}`}
            value={outcome}
            disabled={frozen}
            onChange={(event) => {
              setOutcome(event.target.value);
              void save({ outcome: event.target.value as ParagraphChange['outcome'] });
            }}
          >
            {[...new Set([...(paragraph.outcome ? [paragraph.outcome] : []), ...outcomes])].map(
              (outcome) => (
                <Select.Option key={outcome} value={outcome}>
                  {OUTCOME_LABEL[outcome] ?? outcome}
                </Select.Option>
              ),
            )}
          </Select>
        </Field>
        <Textfield
          label="Beslut"
          description="Som det ska stå i protokollet. Sparas när du gör en paus i skrivandet."
          multiline
          rows={4}
          value={decision.value}
          readOnly={frozen}
          onChange={(event) => decision.setValue(event.target.value)}
          onBlur={decision.flush}
          data-testid="decision-text"
        />

        <Yrkanden
          id={paragraph.id}
          yrkanden={proceedings.yrkanden}
          voters={allVoters}
          frozen={frozen}
          onChange={(yrkanden) => void save({ yrkanden })}
        />
        <Textfield
          label="Propositionsordning"
          description="Hur ordföranden ställde förslagen mot varandra, och vad ordföranden fann."
          multiline
          rows={2}
          value={order.value}
          readOnly={frozen}
          onChange={(event) => order.setValue(event.target.value)}
          onBlur={order.flush}
        />

        <NameChecks
          legend="Jäv"
          description="Ledamoten anmäler jäv och lämnar rummet: hen är inte med i omröstningen."
          names={allVoters}
          checked={jav}
          frozen={frozen}
          label={(name) => `${name} anmäler jäv`}
          onChange={(next) => void save({ jav: next, ...withoutBallotsOf([...next, ...absent]) })}
        />
        <NameChecks
          legend="Lämnar sammanträdet under punkten"
          description="Ledamoten är inte i rummet under punkten och återkommer efter den."
          names={allVoters.filter((name) => !jav.includes(name))}
          checked={absent}
          frozen={frozen}
          label={(name) => `${name} lämnar sammanträdet`}
          onChange={(next) => void save({ absent: next, ...withoutBallotsOf([...jav, ...next]) })}
        />

        <Votering
          key={`${paragraph.id}-${voters.join()}`}
          paragraph={paragraph}
          voters={voters}
          chairName={chairName}
          frozen={frozen}
          onSave={(votering) => save({ votering })}
          dirty={(isDirty) => saver.setDirty(`vote-${paragraph.id}`, isDirty)}
        />

        <Reservations
          protocol={protocol}
          paragraph={paragraph}
          voters={voters}
          frozen={frozen}
          saver={saver}
        />
        <ListEditor
          legend="Protokollsanteckningar"
          items={proceedings.notes}
          frozen={frozen}
          describe={(note) => `${note.by}: ${note.text}`}
          fields={[
            { name: 'by', label: 'Vem (namn och parti)', options: allVoters },
            { name: 'text', label: 'Anteckning', multiline: true },
          ]}
          addText="Lägg till protokollsanteckning"
          onChange={(notes) => void save({ notes })}
        />
        <ListEditor
          legend="Expediering"
          items={proceedings.expediering}
          frozen={frozen}
          describe={(recipient) =>
            recipient.email ? `${recipient.name} (${recipient.email})` : recipient.name
          }
          fields={[
            { name: 'name', label: 'Mottagare' },
            { name: 'email', label: 'E-post (utdraget skickas dit)', optional: true },
          ]}
          addText="Lägg till mottagare"
          onChange={(expediering) =>
            void save({
              expediering: expediering.map((recipient) => ({
                name: recipient.name,
                ...(recipient.email ? { email: recipient.email } : {}),
              })),
            })
          }
        />
      </div>
      {protocol.status === 'draft' && paragraph.immediateHash === null && paragraph.caseId && (
        <ImmediateJustering paragraph={paragraph} label={label} saver={saver} />
      )}
    </section>
  );
}

function Yrkanden({
  id,
  yrkanden,
  voters,
  frozen,
  onChange,
}: {
  id: number;
  yrkanden: Array<{ by: string; text: string }>;
  voters: string[];
  frozen: boolean;
  onChange: (next: Array<{ by: string; text: string }>) => void;
}) {
  return (
    <ListEditor
      legend="Yrkanden"
      key={id}
      items={yrkanden}
      frozen={frozen}
      describe={(yrkande) => `${yrkande.by} yrkar ${yrkande.text}`}
      fields={[
        { name: 'by', label: 'Vem yrkar', options: voters },
        { name: 'text', label: 'Yrkande (t.ex. ”avslag på förslaget.”)', multiline: true },
      ]}
      addText="Lägg till yrkande"
      onChange={onChange}
    />
  );
}

/** Checkboxes of names (jäv, who left): the list saved as a whole on each change. */
function NameChecks({
  legend,
  description,
  names,
  checked,
  frozen,
  label,
  onChange,
}: {
  legend: string;
  description: string;
  names: string[];
  checked: string[];
  frozen: boolean;
  label: (name: string) => string;
  onChange: (next: string[]) => void;
}) {
  const [shown, setShown] = useShown(checked);
  const change = (next: string[]) => {
    setShown(next);
    onChange(next);
  };
  return (
    <Fieldset>
      <Fieldset.Legend>{legend}</Fieldset.Legend>
      <Fieldset.Description>{description}</Fieldset.Description>
      <div className="nf-checks">
        {names.map((name) => (
          <Checkbox
            key={name}
            label={label(name)}
            checked={shown.includes(name)}
            disabled={frozen}
            onChange={(event) =>
              change(
                event.target.checked
                  ? [...shown, name]
                  : shown.filter((candidate) => candidate !== name),
              )
            }
          />
        ))}
      </div>
    </Fieldset>
  );
}

/** The tally of ballots as entered, and the result by the tie rule (KL 6 kap. 33 §). */
export function tally(ballots: Record<string, Ballot>, chairName: string) {
  const votes = Object.values(ballots);
  const count = (ballot: Ballot) => votes.filter((vote) => vote === ballot).length;
  const [ja, nej, avstar] = [count('ja'), count('nej'), count('avstar')];
  const chair = ballots[chairName];
  const tie = ja === nej;
  const result: Ballot | null = !tie
    ? ja > nej
      ? 'ja'
      : 'nej'
    : chair === 'avstar'
      ? null
      : (chair ?? null);
  return { ja, nej, avstar, tie, result };
}

function Votering({
  paragraph,
  voters,
  chairName,
  frozen,
  onSave,
  dirty,
}: {
  paragraph: ParagraphView;
  voters: string[];
  chairName: string;
  frozen: boolean;
  onSave: (votering: ParagraphChange['votering'] | null) => Promise<boolean>;
  dirty: (isDirty: boolean) => void;
}) {
  const stored = paragraph.proceedings.votering;
  const [open, setOpen] = useState(stored !== null);
  const [question, setQuestion] = useState(stored?.question ?? '');
  const [ballots, setBallots] = useState<Record<string, Ballot>>(
    Object.fromEntries((stored?.ballots ?? []).map((ballot) => [ballot.member, ballot.vote])),
  );
  const counted = useMemo(() => tally(ballots, chairName), [ballots, chairName]);
  const [unsaved, setUnsaved] = useState(false);

  // Saved after a short pause, once it can be counted (a tie needs the chair's ja or nej).
  const savable =
    unsaved &&
    open &&
    question.trim() !== '' &&
    !(counted.tie && counted.result === null && Object.keys(ballots).length > 0);
  const latestDirty = useRef(dirty);
  latestDirty.current = dirty;
  useEffect(() => latestDirty.current(savable), [savable]);
  useEffect(() => () => latestDirty.current(false), []);
  const latestOnSave = useRef(onSave);
  latestOnSave.current = onSave;
  useEffect(() => {
    if (!savable) return;
    const timer = setTimeout(() => {
      setUnsaved(false);
      void latestOnSave.current({
        question: question.trim(),
        ballots: Object.entries(ballots).map(([member, vote]) => ({ member, vote })),
      });
    }, TEXT_SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [savable, question, ballots]);

  return (
    <Fieldset>
      <Fieldset.Legend>Omröstning</Fieldset.Legend>
      <Checkbox
        label="Omröstning begärs"
        checked={open}
        disabled={frozen}
        onChange={(event) => {
          setOpen(event.target.checked);
          if (!event.target.checked && stored) void onSave(null);
        }}
      />
      {open && (
        <>
          <Textfield
            label="Propositionsordning för omröstningen"
            description="T.ex. ”Ja för arbetsutskottets förslag, nej för Anna Larssons yrkande”."
            value={question}
            readOnly={frozen}
            onChange={(event) => {
              setQuestion(event.target.value);
              setUnsaved(true);
            }}
          />
          <table className="nf-vote" aria-label="Röster per ledamot">
            <thead>
              <tr>
                <th scope="col">Ledamot</th>
                {(['ja', 'nej', 'avstar'] as const).map((ballot) => (
                  <th scope="col" key={ballot}>
                    {BALLOT_TEXT[ballot]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {voters.map((member) => (
                <tr key={member} data-testid="ballot-row">
                  <th scope="row" id={`voter-${paragraph.id}-${member}`}>
                    {member}
                    {member === chairName && <span className="nf-muted"> (ordförande)</span>}
                  </th>
                  {(['ja', 'nej', 'avstar'] as const).map((ballot) => (
                    <td key={ballot}>
                      <Radio
                        aria-label={`${member}: ${BALLOT_TEXT[ballot]}`}
                        name={`ballot-${paragraph.id}-${member}`}
                        value={ballot}
                        checked={ballots[member] === ballot}
                        disabled={frozen}
                        onChange={() => {
                          setBallots((current) => ({ ...current, [member]: ballot }));
                          setUnsaved(true);
                        }}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="nf-tally" role="status" aria-live="polite" data-testid="tally">
            Ja {counted.ja} · Nej {counted.nej} · Avstår {counted.avstar} ·{' '}
            {Object.keys(ballots).length} av {voters.length} har röstat.{' '}
            {Object.keys(ballots).length > 0 &&
              (counted.tie
                ? counted.result
                  ? `Lika röstetal: ordförandens röst (${BALLOT_TEXT[counted.result].toLowerCase()}) avgör, ${BALLOT_TEXT[counted.result].toLowerCase()} har vunnit.`
                  : 'Lika röstetal: ordförandens röst avgör (utslagsröst). Ange ordförandens ja- eller nej-röst.'
                : `${BALLOT_TEXT[counted.result!]} har vunnit.`)}
          </p>
          <Paragraph data-size="sm" className="nf-muted">
            Vid lika röstetal avgör ordförandens röst (6 kap. 33 § kommunallagen). Den som anmält
            jäv eller lämnat sammanträdet finns inte med i listan.
          </Paragraph>
        </>
      )}
    </Fieldset>
  );
}

function Reservations({
  protocol,
  paragraph,
  voters,
  frozen,
  saver,
}: {
  protocol: ProtocolView;
  paragraph: ParagraphView;
  voters: string[];
  frozen: boolean;
  saver: ProtocolSaver;
}) {
  const reservations = paragraph.proceedings.reservations;
  const [reserved, setReserved] = useShown(reservations.map((reservation) => reservation.member));
  const afterLock = protocol.status === 'locked' && paragraph.immediateHash === null;
  return (
    <Fieldset>
      <Fieldset.Legend>Reservationer</Fieldset.Legend>
      <Fieldset.Description>
        Skriftliga skäl kan lämnas in fram till justeringen; ändras protokollet efter låsningen
        behöver det signeras igen.
      </Fieldset.Description>
      <div className="nf-checks">
        {voters.map((member) => (
          <Checkbox
            key={member}
            label={`${member} reserverar sig`}
            checked={reserved.includes(member)}
            disabled={frozen}
            onChange={(event) => {
              setReserved(
                event.target.checked
                  ? [...reserved, member]
                  : reserved.filter((candidate) => candidate !== member),
              );
              void saver.saveParagraph(paragraph.id, {
                reservations: event.target.checked
                  ? [...reservations.map(keep), { member }]
                  : reservations.filter((reservation) => reservation.member !== member).map(keep),
              });
            }}
          />
        ))}
      </div>
      {reservations.map((reservation) => (
        <ReservationReasons
          key={reservation.member}
          member={reservation.member}
          reasons={reservation.reasons}
          editable={(!frozen || afterLock) && protocol.status !== 'adjusted'}
          onSubmit={(reasons) =>
            afterLock
              ? saver.act(
                  (current) =>
                    ok(
                      api.POST(
                        '/api/v1/protocols/{id}/paragraphs/{paragraphId}/reservation-reasons',
                        {
                          params: { path: { id: current.id, paragraphId: paragraph.id } },
                          body: { member: reservation.member, reasons },
                        },
                      ),
                    ),
                  `${reservation.member}s skriftliga skäl är inlämnade. Protokollet behöver signeras igen.`,
                )
              : saver.saveParagraph(paragraph.id, {
                  reservations: reservations.map((candidate) =>
                    candidate.member === reservation.member
                      ? { member: candidate.member, reasons }
                      : keep(candidate),
                  ),
                })
          }
        />
      ))}
    </Fieldset>
  );
}

const keep = (reservation: { member: string; reasons: string | null }) => ({
  member: reservation.member,
  ...(reservation.reasons ? { reasons: reservation.reasons } : {}),
});

function ReservationReasons({
  member,
  reasons,
  editable,
  onSubmit,
}: {
  member: string;
  reasons: string | null;
  editable: boolean;
  onSubmit: (reasons: string) => Promise<boolean>;
}) {
  const [value, setValue] = useState(reasons ?? '');
  return (
    <form
      className="nf-inline-form"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        if (value.trim()) void onSubmit(value.trim());
      }}
    >
      <Textfield
        label={`Skriftliga skäl för ${member}s reservation`}
        multiline
        rows={2}
        value={value}
        readOnly={!editable}
        onChange={(event) => setValue(event.target.value)}
      />
      {editable && (
        <Button type="submit" variant="secondary" data-size="sm">
          Spara skälen
        </Button>
      )}
    </form>
  );
}

/** A list of entries (yrkanden, notes, recipients) with a small form to add one. */
function ListEditor<T extends Record<string, string | null | undefined>>({
  legend,
  items,
  frozen,
  describe,
  fields,
  addText,
  onChange,
}: {
  legend: string;
  items: T[];
  frozen: boolean;
  describe: (item: T) => string;
  fields: Array<{
    name: keyof T & string;
    label: string;
    options?: string[];
    multiline?: boolean;
    optional?: boolean;
  }>;
  addText: string;
  onChange: (next: T[]) => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const entry = Object.fromEntries(
      fields.map((field) => [field.name, String(data.get(field.name) ?? '').trim()]),
    ) as T;
    if (fields.some((field) => !field.optional && !entry[field.name])) return;
    onChange([...items, entry]);
    form.current?.reset();
  }
  return (
    <Fieldset>
      <Fieldset.Legend>{legend}</Fieldset.Legend>
      {items.length > 0 && (
        <ul className="nf-list" aria-label={legend}>
          {items.map((item, position) => (
            <li key={position} className="nf-entry">
              <span>{describe(item)}</span>
              {!frozen && (
                <Button
                  variant="tertiary"
                  data-size="sm"
                  data-color="danger"
                  aria-label={`Ta bort: ${describe(item)}`}
                  onClick={() => onChange(items.filter((_, other) => other !== position))}
                >
                  Ta bort
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!frozen && (
        <form ref={form} className="nf-inline-form nf-inline-form--stacked" onSubmit={add}>
          {fields.map((field) =>
            field.options ? (
              <Field key={field.name}>
                <Label htmlFor={`${legend}-${field.name}`}>{field.label}</Label>
                <Select id={`${legend}-${field.name}`} name={field.name} required>
                  {field.options.map((option) => (
                    <Select.Option key={option} value={option}>
                      {option}
                    </Select.Option>
                  ))}
                </Select>
              </Field>
            ) : field.multiline ? (
              <Textfield
                key={field.name}
                label={field.label}
                name={field.name}
                multiline
                rows={2}
                required={!field.optional}
              />
            ) : (
              <Textfield
                key={field.name}
                label={field.label}
                name={field.name}
                required={!field.optional}
                type={field.name === 'email' ? 'email' : 'text'}
              />
            ),
          )}
          <Button type="submit" variant="secondary" data-size="sm">
            {addText}
          </Button>
        </form>
      )}
    </Fieldset>
  );
}

function ImmediateJustering({
  paragraph,
  label,
  saver,
}: {
  paragraph: ParagraphView;
  label: string;
  saver: ProtocolSaver;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <div className="nf-actions">
        <Button variant="secondary" onClick={() => setAsking(true)}>
          Omedelbar justering av {label.toLowerCase()}
        </Button>
      </div>
    );
  }
  return (
    <Alert data-color="warning">
      <Paragraph>
        Paragrafen numreras och fryses nu, och ordföranden och justeraren signerar den direkt.
        Resten av protokollet kan fortfarande ändras.
      </Paragraph>
      <div className="nf-actions">
        <Button
          onClick={() => {
            setAsking(false);
            void saver.act(
              (current) =>
                ok(
                  api.POST('/api/v1/protocols/{id}/paragraphs/{paragraphId}/immediate-justering', {
                    params: { path: { id: current.id, paragraphId: paragraph.id } },
                    body: { version: current.version },
                  }),
                ),
              `${label} justeras omedelbart. Ordföranden och justeraren kan signera den nu.`,
            );
          }}
        >
          Justera {label.toLowerCase()} omedelbart
        </Button>
        <Button variant="tertiary" onClick={() => setAsking(false)}>
          Avbryt
        </Button>
      </div>
    </Alert>
  );
}
