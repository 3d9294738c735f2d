import {
  Alert,
  Button,
  Card,
  Field,
  Heading,
  Label,
  Paragraph,
  Tag,
  Textarea,
} from '@digdir/designsystemet-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, type AgendaItem, type AgendaView, ok } from '../api/client';
import { openFile } from '../components/download';
import { ProblemAlert } from '../components/page';
import { formatDateTime } from '../format';
import { rendered } from './rendered';
import { isConflict, problemText } from '../api/problems';

type Note = { agendaItemId: number; text: string; version: number; updatedAt: string };

/**
 * The members' reading room: the agenda as a member reads it — every item with its förslag till
 * beslut and its documents — and beside each item the member's own private note, which no one
 * else can read. The agenda shows at once; the notes load beside it.
 */
export function ReadingRoom({ agenda }: { agenda: AgendaView }) {
  const notes = useQuery({
    queryKey: ['my-notes', agenda.id],
    queryFn: () =>
      ok(api.GET('/api/v1/meetings/{id}/my-notes', { params: { path: { id: agenda.id } } })),
  });
  const noteOf = new Map((notes.data ?? []).map((note) => [note.agendaItemId, note]));
  return (
    <>
      <ReadingKallelse agenda={agenda} />
      <ReadingList agenda={agenda} />
      <ol className="nf-reading" aria-label="Dagordningens punkter">
        {agenda.items.map((item) => (
          <li key={item.id} className="nf-reading__item">
            <Card data-color="neutral">
              <ReadingItem meetingId={agenda.id} item={item} />
              <PrivateNote
                meetingId={agenda.id}
                item={item}
                note={noteOf.get(item.id)}
                loading={notes.isPending}
              />
            </Card>
          </li>
        ))}
      </ol>
    </>
  );
}

/** What is new since the member last opened the meeting: items added, documents registered. */
export function newSince(agenda: AgendaView, since: string | null) {
  if (since === null) return [];
  const after = (at: string) => at > since;
  return agenda.items.flatMap((item) => [
    ...(after(item.addedAt)
      ? [{ key: `item-${item.id}`, text: `Ny punkt ${item.no}: ${item.title}` }]
      : []),
    ...item.documents
      .filter((document) => after(document.registeredAt) && !after(item.addedAt))
      .map((document) => ({
        key: `document-${document.id}`,
        text: `Ny handling till punkt ${item.no}: ${document.description}`,
      })),
  ]);
}

/**
 * The reading list: opening the meeting marks it read (once per visit) and says when the member
 * read it before; what came after that is listed first.
 */
function ReadingList({ agenda }: { agenda: AgendaView }) {
  const opened = useQuery({
    queryKey: ['opened', agenda.id],
    queryFn: () =>
      ok(api.POST('/api/v1/meetings/{id}/opened', { params: { path: { id: agenda.id } } })),
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
  });
  if (!opened.data) return null;
  const since = opened.data.previousOpenedAt;
  const fresh = newSince(agenda, since);
  return (
    <section className="nf-reading__new" aria-labelledby="nytt" data-testid="reading-list">
      <Heading level={2} data-size="xs" id="nytt">
        {since === null
          ? 'Första gången du öppnar sammanträdet'
          : `Nytt sedan du senast öppnade sammanträdet ${formatDateTime(since)}`}
      </Heading>
      {since !== null &&
        (fresh.length === 0 ? (
          <Paragraph data-size="sm">Inget nytt.</Paragraph>
        ) : (
          <ul className="nf-list">
            {fresh.map((entry) => (
              <li key={entry.key}>{entry.text}</li>
            ))}
          </ul>
        ))}
    </section>
  );
}

/**
 * The kallelse as the member received it: when it was published, whether it is a
 * tilläggskallelse and why, and its PDF once rendered.
 */
function ReadingKallelse({ agenda }: { agenda: AgendaView }) {
  const [failure, setFailure] = useState<unknown>(null);
  const kallelse = useQuery({
    queryKey: ['kallelse', agenda.id, agenda.kallelseVersion],
    enabled: agenda.kallelseVersion > 0,
    queryFn: () =>
      ok(api.GET('/api/v1/meetings/{id}/kallelse', { params: { path: { id: agenda.id } } })),
    refetchInterval: (query) => (rendered(query.state.data?.files) ? false : 2000),
  });
  if (agenda.kallelseVersion === 0) {
    return <Paragraph data-testid="reading-kallelse">Kallelsen är inte skickad än.</Paragraph>;
  }
  const data = kallelse.data;
  const pdf = data?.files.find((file) => file.contentType === 'application/pdf');
  const supplement = (data?.versionNo ?? 1) > 1;
  return (
    <section className="nf-reading__kallelse" aria-label="Kallelse" data-testid="reading-kallelse">
      {data && (
        <Paragraph>
          {supplement ? (
            <Tag data-color="warning">Tilläggskallelse (version {data.versionNo})</Tag>
          ) : (
            'Kallelsen'
          )}{' '}
          publicerades {formatDateTime(data.publishedAt)}.
        </Paragraph>
      )}
      {supplement && data?.revisions && data.revisions.length > 0 && (
        <ul>
          {data.revisions.map((revision) => (
            <li key={revision.at}>
              {formatDateTime(revision.at)}: {revision.reason}
            </li>
          ))}
        </ul>
      )}
      {pdf && (
        <Button
          variant="secondary"
          onClick={() =>
            openFile(`/api/v1/meetings/${agenda.id}/kallelse/files/${pdf.id}`).catch(setFailure)
          }
        >
          Öppna kallelsen (PDF)
        </Button>
      )}
      <ProblemAlert error={failure} />
    </section>
  );
}

function ReadingItem({ meetingId, item }: { meetingId: number; item: AgendaItem }) {
  const [failure, setFailure] = useState<unknown>(null);
  return (
    <>
      <Heading level={2} data-size="xs">
        <span className="nf-agenda__no">{item.no}.</span> {item.title}
      </Heading>
      {item.dnr && <Paragraph data-size="sm">Dnr {item.dnr}</Paragraph>}
      {item.proposalText && (
        <>
          <Heading level={3} data-size="2xs">
            Förslag till beslut
          </Heading>
          <Paragraph className="nf-prewrap">{item.proposalText}</Paragraph>
        </>
      )}
      {item.documents.length > 0 && (
        <>
          <Heading level={3} data-size="2xs">
            Handlingar
          </Heading>
          <ul className="nf-reading__documents">
            {item.documents.map((document) => {
              // The PDF where there is one, else the first file as received.
              const file =
                document.files.find((candidate) => candidate.contentType === 'application/pdf') ??
                document.files[0];
              return (
                <li key={document.id}>
                  {file ? (
                    <button
                      type="button"
                      className="nf-linkbutton"
                      onClick={() =>
                        openFile(
                          `/api/v1/meetings/${meetingId}/documents/${document.id}/files/${file.id}`,
                        ).catch(setFailure)
                      }
                    >
                      {document.description}
                    </button>
                  ) : (
                    <span>{document.description} (ingen fil)</span>
                  )}{' '}
                  <span className="nf-muted">({document.date})</span>
                </li>
              );
            })}
          </ul>
          <ProblemAlert error={failure} />
        </>
      )}
    </>
  );
}

/** The member's own note on an item: written, changed and deleted by them only. */
function PrivateNote({
  meetingId,
  item,
  note,
  loading,
}: {
  meetingId: number;
  item: AgendaItem;
  note: Note | undefined;
  loading: boolean;
}) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<string | null>(null);
  const [message, setMessage] = useState<{
    kind: 'saved' | 'deleted' | 'error';
    text: string;
  } | null>(null);
  const text = draft ?? note?.text ?? '';
  const path = { params: { path: { id: meetingId, itemId: item.id } } };
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['my-notes', meetingId] });
  const save = useMutation({
    mutationFn: () =>
      ok(
        api.PUT('/api/v1/meetings/{id}/items/{itemId}/my-note', {
          ...path,
          body: { text, ...(note ? { version: note.version } : {}) },
        }),
      ),
    onSuccess: async () => {
      setDraft(null);
      setMessage({ kind: 'saved', text: 'Anteckningen är sparad.' });
      await refresh();
    },
    onError: async (error) => {
      setMessage({
        kind: 'error',
        text: isConflict(error)
          ? 'Anteckningen ändrades i ett annat fönster. Den senaste visas nu; skriv in din ändring igen.'
          : problemText(error),
      });
      if (isConflict(error)) {
        setDraft(null);
        await refresh();
      }
    },
  });
  const remove = useMutation({
    mutationFn: () => ok(api.DELETE('/api/v1/meetings/{id}/items/{itemId}/my-note', path)),
    onSuccess: async () => {
      setDraft(null);
      setMessage({ kind: 'deleted', text: 'Anteckningen är borttagen.' });
      await refresh();
    },
    onError: (error) => setMessage({ kind: 'error', text: problemText(error) }),
  });
  const id = `note-${item.id}`;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (text.trim() !== '') save.mutate();
  }
  return (
    <form className="nf-note" onSubmit={submit} aria-label={`Min anteckning till punkt ${item.no}`}>
      <Field>
        <Label htmlFor={id}>
          Min anteckning <Tag data-size="sm">Bara du ser den</Tag>
        </Label>
        <Textarea
          id={id}
          rows={3}
          value={text}
          disabled={loading}
          onChange={(event) => {
            setDraft(event.target.value);
            setMessage(null);
          }}
        />
      </Field>
      <div className="nf-note__actions">
        <Button
          type="submit"
          data-size="sm"
          disabled={save.isPending || text.trim() === '' || draft === null}
        >
          Spara anteckning
        </Button>
        {note && (
          <Button
            type="button"
            variant="secondary"
            data-size="sm"
            disabled={remove.isPending}
            onClick={() => remove.mutate()}
          >
            Ta bort anteckning
          </Button>
        )}
      </div>
      <div aria-live="polite">
        {message && (
          <Alert data-color={message.kind === 'error' ? 'danger' : 'success'} data-size="sm">
            {message.text}
          </Alert>
        )}
      </div>
    </form>
  );
}
