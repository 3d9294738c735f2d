import { Button, Field, Label, Paragraph, Select, Textfield } from '@digdir/designsystemet-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { api, ok } from '../../api/client';
import { Loading, PageTitle, ProblemAlert } from '../../components/page';
import { useDirectory } from '../../components/people';
import { auditSentence } from './audit-words';

const TYPES: Record<string, string> = {
  meeting: 'Sammanträde (dagordning och kallelse)',
  protocol: 'Protokoll',
  case: 'Ärende',
  user: 'Användare',
  organ: 'Organ',
  membership: 'Plats i organ',
  municipality: 'Kommunen',
  'private-note': 'Privata anteckningar (att de skrevs, aldrig vad)',
};

/** The audit trail of one object, newest first, each change in a sentence a person reads. */
export function AuditAdmin() {
  const [params, setParams] = useSearchParams();
  const entityType = params.get('typ') ?? 'meeting';
  const entityId = params.get('id') ?? '';
  const entries = useInfiniteQuery({
    queryKey: ['audit', entityType, entityId],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      ok(
        api.GET('/api/v1/audit', {
          params: {
            query: {
              entityType,
              ...(entityId ? { entityId } : {}),
              kind: 'change',
              limit: 50,
              ...(pageParam ? { before: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextBefore ?? undefined,
  });
  function choose(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const id = String(data.get('id')).trim();
    setParams({ typ: String(data.get('typ')), ...(id ? { id } : {}) });
  }
  const all = entries.data?.pages.flatMap((page) => page.entries) ?? [];
  const directory = useDirectory();
  const nameOf = (userId: number) =>
    directory.data?.find((entry) => entry.id === userId)?.displayName;
  return (
    <>
      <PageTitle title="Händelselogg">Händelselogg</PageTitle>
      <Paragraph>
        Vem som ändrade vad och när. Privata anteckningar syns bara som att de skrevs, aldrig med
        sin text.
      </Paragraph>
      <form className="nf-inline-form" onSubmit={choose} key={`${entityType}-${entityId}`}>
        <Field>
          <Label htmlFor="audit-type">Gäller</Label>
          <Select id="audit-type" name="typ" defaultValue={entityType}>
            {Object.entries(TYPES).map(([type, text]) => (
              <Select.Option key={type} value={type}>
                {text}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Textfield label="Nummer (id)" name="id" defaultValue={entityId} />
        <Button type="submit" variant="secondary">
          Visa
        </Button>
      </form>
      {entries.isPending && <Loading what="händelserna" />}
      <ProblemAlert error={entries.error} />
      {entries.data && all.length === 0 && <Paragraph>Inga händelser.</Paragraph>}
      <ol className="nf-list nf-audit" data-testid="audit-trail" reversed>
        {all.map((entry) => (
          <li key={entry.id}>{auditSentence(entry, nameOf)}</li>
        ))}
      </ol>
      {entries.hasNextPage && (
        <Button
          variant="secondary"
          onClick={() => void entries.fetchNextPage()}
          disabled={entries.isFetchingNextPage}
        >
          Visa äldre händelser
        </Button>
      )}
    </>
  );
}
