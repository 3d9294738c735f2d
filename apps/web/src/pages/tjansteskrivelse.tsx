import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  Field,
  Fieldset,
  Heading,
  Label,
  Paragraph,
  Textarea,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { api, ApiProblem, ok, type Tjansteskrivelse } from '../api/client';
import { isConflict } from '../api/problems';
import { OrganSelect } from '../components/organ-select';
import { download, openFile } from '../components/download';
import { Loading, Notice, PageTitle, ProblemAlert } from '../components/page';
import { formatDate, formatDateTime } from '../format';
import { rendered as isRendered } from './rendered';

type Fields = Pick<
  Tjansteskrivelse,
  | 'title'
  | 'documentDate'
  | 'addressedOrganId'
  | 'summary'
  | 'description'
  | 'proposalClauses'
  | 'basisDocumentIds'
  | 'genderAnalysis'
  | 'followUpClause'
> & { authorTitle: string };

const fieldsOf = (record: Tjansteskrivelse): Fields => ({
  title: record.title,
  documentDate: record.documentDate,
  authorTitle: record.author.title,
  addressedOrganId: record.addressedOrganId,
  summary: record.summary,
  description: record.description,
  proposalClauses: record.proposalClauses,
  basisDocumentIds: record.basisDocumentIds,
  genderAnalysis: record.genderAnalysis,
  followUpClause: record.followUpClause,
});

const SAVE_DELAY_MS = 800;

/** Loads the tjänsteskrivelse. */
function useTjansteskrivelse(id: number) {
  return useQuery({
    queryKey: ['tjansteskrivelse', id],
    queryFn: async () => {
      const found = await findTjansteskrivelse(id);
      if (!found) throw new ApiProblem(404, 'not-found', undefined);
      return found;
    },
  });
}

async function findTjansteskrivelse(id: number): Promise<Tjansteskrivelse | undefined> {
  const { data, response } = await api.GET('/api/v1/tjansteskrivelser/{id}', {
    params: { path: { id } },
  });
  if (response.ok) return data;
  if (response.status === 404) return undefined;
  throw ApiProblem.from(response, undefined);
}

/** The handläggare's editor: every field of the tjänsteskrivelse, saved as they type. */
export function TjansteskrivelsePage() {
  const id = Number(useParams().id);
  const loaded = useTjansteskrivelse(id);
  if (loaded.isPending) return <Loading what="tjänsteskrivelsen" />;
  if (loaded.error) {
    return (
      <>
        <PageTitle title="Tjänsteskrivelsen kunde inte visas">
          Tjänsteskrivelsen kunde inte visas
        </PageTitle>
        <ProblemAlert error={loaded.error} />
      </>
    );
  }
  return <Editor key={loaded.data.id} initial={loaded.data} />;
}

function Editor({ initial }: { initial: Tjansteskrivelse }) {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState<Tjansteskrivelse>(initial);
  const [fields, setFields] = useState<Fields>(() => fieldsOf(initial));
  const [dirty, setDirty] = useState(false);
  const [conflict, setConflict] = useState<Tjansteskrivelse | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const confirm = useRef<HTMLDialogElement>(null);
  const readOnly = saved.status !== 'draft';

  const documents = useQuery({
    queryKey: ['case', saved.caseId, 'documents'],
    queryFn: () =>
      ok(api.GET('/api/v1/cases/{id}/documents', { params: { path: { id: saved.caseId } } })),
    // After submission the rendering job registers the document: look again until it is there.
    refetchInterval: (query) =>
      saved.status === 'submitted' &&
      !isRendered(query.state.data?.find((d) => d.id === saved.documentId)?.files)
        ? 1500
        : false,
  });

  const change = <K extends keyof Fields>(key: K, value: Fields[K]) => {
    setFields((current) => ({ ...current, [key]: value }));
    setDirty(true);
  };

  // Drafts save as the official works: a short pause after the last keystroke.
  useEffect(() => {
    if (!dirty || readOnly || conflict) return;
    const timer = setTimeout(() => void save(saved.version, fields), SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [fields, dirty, conflict]);

  async function save(version: number, values: Fields) {
    setSaving(true);
    setSaveError(null);
    try {
      const { data, error, response } = await api.PATCH('/api/v1/tjansteskrivelser/{id}', {
        params: { path: { id: saved.id } },
        // An empty title is left out: the api keeps the author's own.
        body: { ...values, authorTitle: values.authorTitle.trim() || undefined, version },
      });
      if (!response.ok) throw ApiProblem.from(response, error);
      setSaved(data!);
      setDirty(false);
      queryClient.setQueryData(['tjansteskrivelse', saved.id], data);
    } catch (failure) {
      if (isConflict(failure)) {
        // Someone (or this user in another tab) saved first: keep this user's text, show theirs.
        setConflict((await findTjansteskrivelse(saved.id)) ?? null);
      } else {
        setSaveError(failure);
      }
    } finally {
      setSaving(false);
    }
  }

  function keepMine() {
    if (!conflict) return;
    setSaved(conflict);
    setConflict(null);
    void save(conflict.version, fields);
  }

  function takeTheirs() {
    if (!conflict) return;
    setSaved(conflict);
    setFields(fieldsOf(conflict));
    setDirty(false);
    setConflict(null);
  }

  const submit = useMutation({
    mutationFn: async () => {
      if (dirty) await save(saved.version, fields);
      const current =
        queryClient.getQueryData<Tjansteskrivelse>(['tjansteskrivelse', saved.id]) ?? saved;
      return ok(
        api.POST('/api/v1/tjansteskrivelser/{id}/submit', {
          params: { path: { id: saved.id } },
          body: { version: current.version },
        }),
      );
    },
    onSuccess: async (record) => {
      confirm.current?.close();
      setSaved(record);
      await queryClient.invalidateQueries({ queryKey: ['case', record.caseId] });
    },
  });

  const rendered = documents.data?.find((document) => document.id === saved.documentId);
  const status = readOnly
    ? `Inlämnad ${formatDateTime(saved.submittedAt)}`
    : saving
      ? 'Sparar …'
      : dirty
        ? 'Ändrat, sparas strax'
        : 'Alla ändringar är sparade';

  return (
    <>
      <p className="nf-eyebrow">
        <RouterLink to={`/arenden/${saved.caseId}`}>Till ärendet</RouterLink> · Version{' '}
        {saved.versionNo}
      </p>
      <PageTitle title={`Tjänsteskrivelse: ${fields.title}`}>Tjänsteskrivelse</PageTitle>
      <p className="nf-save-status" role="status" aria-live="polite" data-testid="save-status">
        {status}
      </p>
      <ProblemAlert error={saveError} heading="Utkastet kunde inte sparas" />
      {conflict && (
        <Alert data-color="warning" role="alert">
          <Heading level={2} data-size="xs">
            Utkastet har ändrats av någon annan
          </Heading>
          <Paragraph>
            En annan version av utkastet sparades medan du skrev. Dina ändringar finns kvar på
            sidan. Välj vilken text som ska gälla.
          </Paragraph>
          <div className="nf-actions">
            <Button onClick={keepMine}>Behåll mina ändringar</Button>
            <Button variant="secondary" onClick={takeTheirs}>
              Använd den sparade versionen
            </Button>
          </div>
        </Alert>
      )}
      {readOnly && (
        <Notice color="success">
          Tjänsteskrivelsen är inlämnad.{' '}
          {rendered && rendered.files.length > 0 ? (
            <span className="nf-files">
              {rendered.files.map((file) => (
                <Button
                  key={file.id}
                  variant="secondary"
                  data-size="sm"
                  onClick={() =>
                    void (file.contentType === 'application/pdf'
                      ? openFile(`/api/v1/documents/${rendered.id}/files/${file.id}`)
                      : download(
                          `/api/v1/documents/${rendered.id}/files/${file.id}`,
                          file.filename,
                        ))
                  }
                >
                  {file.contentType === 'application/pdf' ? 'Öppna PDF' : 'Ladda ned DOCX'}
                </Button>
              ))}
            </span>
          ) : (
            'PDF och DOCX skapas …'
          )}
        </Notice>
      )}
      <form className="nf-form nf-form--editor" onSubmit={(event) => event.preventDefault()}>
        <Textfield
          label="Rubrik"
          value={fields.title}
          readOnly={readOnly}
          onChange={(event) => change('title', event.target.value)}
          required
        />
        <div className="nf-row">
          <Textfield
            label="Datum"
            type="date"
            value={fields.documentDate}
            readOnly={readOnly}
            onChange={(event) => change('documentDate', event.target.value)}
          />
          <Textfield label="Författare" value={saved.author.name} readOnly />
          <Textfield
            label="Titel"
            value={fields.authorTitle}
            readOnly={readOnly}
            onChange={(event) => change('authorTitle', event.target.value)}
          />
          <OrganSelect
            id="addressed"
            label="Till"
            value={fields.addressedOrganId}
            disabled={readOnly}
            onChange={(event) => change('addressedOrganId', Number(event.target.value))}
          />
        </div>
        <Textfield
          label="Sammanfattning"
          multiline
          rows={4}
          value={fields.summary ?? ''}
          readOnly={readOnly}
          onChange={(event) => change('summary', event.target.value || null)}
        />
        <Textfield
          label="Beskrivning av ärendet"
          multiline
          rows={8}
          value={fields.description ?? ''}
          readOnly={readOnly}
          onChange={(event) => change('description', event.target.value || null)}
        />
        <Clauses
          clauses={fields.proposalClauses}
          readOnly={readOnly}
          onChange={(value) => change('proposalClauses', value)}
        />
        <Fieldset>
          <Fieldset.Legend>Beslutsunderlag</Fieldset.Legend>
          <Fieldset.Description>Välj bland ärendets handlingar.</Fieldset.Description>
          {documents.data?.filter((document) => document.type !== 'tjansteskrivelse').length ===
            0 && <Paragraph data-size="sm">Ärendet har inga andra handlingar ännu.</Paragraph>}
          {documents.data
            ?.filter((document) => document.type !== 'tjansteskrivelse')
            .map((document) => (
              <Checkbox
                key={document.id}
                label={`${document.ordinal}. ${document.description} (${formatDate(document.date)})`}
                checked={fields.basisDocumentIds.includes(document.id)}
                disabled={readOnly}
                onChange={(event) =>
                  change(
                    'basisDocumentIds',
                    event.target.checked
                      ? [...fields.basisDocumentIds, document.id]
                      : fields.basisDocumentIds.filter((id) => id !== document.id),
                  )
                }
              />
            ))}
        </Fieldset>
        <Textfield
          label="Jämställdhetsanalys"
          multiline
          rows={3}
          value={fields.genderAnalysis ?? ''}
          readOnly={readOnly}
          onChange={(event) => change('genderAnalysis', event.target.value || null)}
        />
        <FollowUpClause
          value={fields.followUpClause ?? ''}
          after={fields.documentDate}
          readOnly={readOnly}
          onChange={(value) => change('followUpClause', value || null)}
        />
        {!readOnly && (
          <Button type="button" onClick={() => confirm.current?.showModal()} disabled={!!conflict}>
            Lämna in
          </Button>
        )}
      </form>
      <Dialog ref={confirm} closedby="any" aria-labelledby="confirm-heading">
        <Dialog.Block>
          <Heading level={2} data-size="sm" id="confirm-heading">
            Lämna in tjänsteskrivelsen?
          </Heading>
        </Dialog.Block>
        <Dialog.Block>
          <Paragraph>
            Efter inlämningen kan texten inte ändras. Tjänsteskrivelsen registreras som handling i
            ärendet och ärendet blir klart för nästa steg i beslutsgången.
          </Paragraph>
          <ProblemAlert error={submit.error} />
          <div className="nf-actions">
            <Button onClick={() => submit.mutate()} loading={submit.isPending}>
              Lämna in
            </Button>
            <Button variant="secondary" onClick={() => confirm.current?.close()}>
              Avbryt
            </Button>
          </div>
        </Dialog.Block>
      </Dialog>
    </>
  );
}

/** Förslag till beslut as att-satser: add, remove and reorder. */
function Clauses({
  clauses,
  readOnly,
  onChange,
}: {
  clauses: string[];
  readOnly: boolean;
  onChange: (value: string[]) => void;
}) {
  const move = (from: number, to: number) => {
    const next = [...clauses];
    const [clause] = next.splice(from, 1);
    next.splice(to, 0, clause!);
    onChange(next);
  };
  return (
    <Fieldset>
      <Fieldset.Legend>Förslag till beslut</Fieldset.Legend>
      <Fieldset.Description>Varje att-sats för sig, i den ordning de ska stå.</Fieldset.Description>
      <ol className="nf-clauses">
        {clauses.map((clause, index) => (
          <li key={index}>
            <Textfield
              label={`Att-sats ${index + 1}`}
              multiline
              rows={2}
              value={clause}
              readOnly={readOnly}
              prefix="att"
              onChange={(event) =>
                onChange(clauses.map((c, i) => (i === index ? event.target.value : c)))
              }
            />
            {!readOnly && (
              <div className="nf-actions">
                <Button
                  variant="tertiary"
                  data-size="sm"
                  disabled={index === 0}
                  onClick={() => move(index, index - 1)}
                  aria-label={`Flytta upp att-sats ${index + 1}`}
                >
                  Flytta upp
                </Button>
                <Button
                  variant="tertiary"
                  data-size="sm"
                  disabled={index === clauses.length - 1}
                  onClick={() => move(index, index + 1)}
                  aria-label={`Flytta ned att-sats ${index + 1}`}
                >
                  Flytta ned
                </Button>
                <Button
                  variant="tertiary"
                  data-size="sm"
                  onClick={() => onChange(clauses.filter((_, i) => i !== index))}
                  aria-label={`Ta bort att-sats ${index + 1}`}
                >
                  Ta bort
                </Button>
              </div>
            )}
          </li>
        ))}
      </ol>
      {!readOnly && (
        <Button variant="secondary" onClick={() => onChange([...clauses, ''])}>
          Lägg till att-sats
        </Button>
      )}
    </Fieldset>
  );
}

/** The follow-up clause, with how the system reads it shown as the official types. */
function FollowUpClause({
  value,
  after,
  readOnly,
  onChange,
}: {
  value: string;
  after: string;
  readOnly: boolean;
  onChange: (value: string) => void;
}) {
  const [phrase, setPhrase] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setPhrase(value), 400);
    return () => clearTimeout(timer);
  }, [value]);
  const reading = useQuery({
    queryKey: ['schedule-proposal', phrase, after],
    enabled: phrase.trim().length > 3,
    retry: false,
    queryFn: () =>
      ok(
        api.GET('/api/v1/obligations/schedule-proposal', { params: { query: { phrase, after } } }),
      ),
  });
  return (
    <Field>
      <Label htmlFor="followup">Uppföljning</Label>
      <Field.Description id="followup-hint">
        Till exempel ”Nästa uppföljning sker februari 2025, därefter årligen i februari”.
      </Field.Description>
      <Textarea
        id="followup"
        rows={2}
        value={value}
        readOnly={readOnly}
        aria-describedby="followup-hint followup-reading"
        onChange={(event) => onChange(event.target.value)}
      />
      <div
        id="followup-reading"
        aria-live="polite"
        className="nf-reading"
        data-testid="followup-reading"
      >
        {phrase.trim().length > 3 && reading.data && (
          <Paragraph data-size="sm">
            Systemet läser det som: <strong>{reading.data.description}</strong>
            {reading.data.assumptions.length > 0 && <> ({reading.data.assumptions.join('; ')})</>}
          </Paragraph>
        )}
        {phrase.trim().length > 3 && reading.error && (
          <ValidationMessage data-color="warning">
            Systemet kan inte läsa en tidpunkt ur texten
            {reading.error instanceof ApiProblem && reading.error.errors[0]
              ? `: ${reading.error.errors[0].message}`
              : ''}
            . Uppföljningen får då läggas in för hand.
          </ValidationMessage>
        )}
      </div>
    </Field>
  );
}
