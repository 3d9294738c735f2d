import {
  Button,
  Field,
  Heading,
  Input,
  Label,
  Select,
  Textfield,
} from '@digdir/designsystemet-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type DragEvent, type FormEvent, useId, useRef, useState } from 'react';
import { api, ApiProblem, ok } from '../api/client';
import { formatBytes } from '../api/problems';
import { authorizedFetch } from '../auth/session';
import { todayInStockholm } from '../format';
import { Notice, ProblemAlert } from './page';

const TYPES: Array<[string, string]> = [
  ['beslutsunderlag', 'Beslutsunderlag'],
  ['skrivelse', 'Skrivelse'],
  ['yttrande', 'Yttrande'],
  ['rapport', 'Rapport'],
  ['avtal', 'Avtal'],
  ['beslut', 'Beslut'],
  ['motion', 'Motion'],
  ['ovrigt', 'Övrigt'],
];

/** Registers a document on the case, with a file dragged onto the form or picked. */
export function AddDocument({ caseId }: { caseId: number }) {
  const queryClient = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  // A document registered whose file was refused: the next file is attached to it.
  const [withoutFile, setWithoutFile] = useState<{ id: number; ordinal: number } | null>(null);
  const hint = useId();

  const register = useMutation({
    mutationFn: async (form: FormData) => {
      const document =
        withoutFile ??
        (await ok(
          api.POST('/api/v1/cases/{id}/documents', {
            params: { path: { id: caseId } },
            body: {
              direction: String(form.get('direction')) as 'inkommande',
              date: String(form.get('date')),
              description: String(form.get('description')),
              type: String(form.get('type')) as 'ovrigt',
              senderRecipient: String(form.get('senderRecipient') ?? '') || null,
            },
          }),
        ));
      if (file) {
        const response = await authorizedFetch(
          new Request(
            `/api/v1/documents/${document.id}/files?filename=${encodeURIComponent(file.name)}`,
            {
              method: 'POST',
              headers: { 'content-type': file.type || 'application/octet-stream' },
              body: file,
            },
          ),
        );
        if (!response.ok) {
          // The registration stands (a document without a file): the next file goes to it.
          setWithoutFile({ id: document.id, ordinal: document.ordinal });
          throw ApiProblem.from(response, await response.json().catch(() => ({})));
        }
      }
      return document;
    },
    onSuccess: (document) => {
      setSaved(
        `Handling ${document.ordinal} är registrerad${file ? ` med filen ${file.name}` : ''}.`,
      );
      setFile(null);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['case', caseId, 'documents'] }),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    register.mutate(new FormData(event.currentTarget));
  }

  function drop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) setFile(dropped);
  }

  return (
    <section
      aria-labelledby="ny-handling"
      className={`nf-block nf-dropzone${dragging ? ' nf-dropzone--active' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={drop}
    >
      <Heading level={2} data-size="sm" id="ny-handling">
        Lägg till handling
      </Heading>
      {saved && <Notice color="success">{saved}</Notice>}
      <ProblemAlert error={register.error} heading="Filen kunde inte läggas till" />
      {withoutFile && (
        <Notice color="warning">
          Handling {withoutFile.ordinal} är registrerad utan fil. Välj en annan fil och tryck på
          ”Lägg till filen”.
        </Notice>
      )}
      <form onSubmit={submit} className="nf-form">
        <Textfield label="Beskrivning" name="description" required />
        <div className="nf-row">
          <Field>
            <Label htmlFor={`${hint}-type`}>Typ</Label>
            <Select id={`${hint}-type`} name="type" defaultValue="beslutsunderlag">
              {TYPES.map(([value, text]) => (
                <Select.Option key={value} value={value}>
                  {text}
                </Select.Option>
              ))}
            </Select>
          </Field>
          <Field>
            <Label htmlFor={`${hint}-direction`}>Riktning</Label>
            <Select id={`${hint}-direction`} name="direction" defaultValue="upprattad">
              <Select.Option value="inkommande">Inkommande</Select.Option>
              <Select.Option value="upprattad">Upprättad</Select.Option>
              <Select.Option value="utgaende">Utgående</Select.Option>
              <Select.Option value="intern">Intern</Select.Option>
            </Select>
          </Field>
          <Textfield
            label="Datum"
            name="date"
            type="date"
            defaultValue={todayInStockholm()}
            required
          />
        </div>
        <Textfield label="Avsändare eller mottagare" name="senderRecipient" />
        <Field>
          <Label htmlFor={`${hint}-file`}>Fil</Label>
          <Field.Description id={`${hint}-hint`}>
            Dra en fil hit eller välj en.{' '}
            {file && `Vald: ${file.name} (${formatBytes(file.size)}).`}
          </Field.Description>
          <Input
            id={`${hint}-file`}
            ref={fileInput}
            type="file"
            aria-describedby={`${hint}-hint`}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </Field>
        <Button type="submit" loading={register.isPending}>
          {withoutFile ? 'Lägg till filen' : 'Registrera handlingen'}
        </Button>
      </form>
    </section>
  );
}
