import {
  Button,
  Field,
  Label,
  Link,
  Paragraph,
  Select,
  Table,
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { api, ok } from '../api/client';
import { OrganSelect } from '../components/organ-select';
import { Loading, PageTitle, ProblemAlert } from '../components/page';
import { formatDate, STATUS_TEXT } from '../format';

const FILTERS = [
  'q',
  'dnr',
  'status',
  'organId',
  'classificationCode',
  'registeredFrom',
  'registeredTo',
] as const;

/** The registry: search with the api's filters, newest first, paged by keyset ("Visa fler"). */
export function RegistryPage() {
  const [params, setParams] = useSearchParams();
  const filter = Object.fromEntries(
    FILTERS.flatMap((key) => (params.get(key) ? [[key, params.get(key)!]] : [])),
  );
  const query = {
    ...filter,
    organId: filter.organId ? Number(filter.organId) : undefined,
    status: filter.status as 'open' | 'decided' | 'closed' | undefined,
    limit: 25,
  };
  const pages = useInfiniteQuery({
    queryKey: ['cases', 'search', filter],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      ok(api.GET('/api/v1/cases', { params: { query: { ...query, after: pageParam } } })),
    getNextPageParam: (page) => page.next ?? undefined,
  });
  const [status, setStatus] = useState(filter.status ?? '');
  const cases = pages.data?.pages.flatMap((page) => page.cases) ?? [];

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of FILTERS) {
      const value = String(form.get(key) ?? '').trim();
      if (value) next.set(key, value);
    }
    setParams(next);
  }

  return (
    <>
      <PageTitle title="Ärenden">Ärenden</PageTitle>
      <form className="nf-form nf-search" onSubmit={search} role="search" aria-label="Sök ärenden">
        <div className="nf-row">
          <Textfield label="Sökord" name="q" defaultValue={filter.q ?? ''} />
          <Textfield
            label="Diarienummer"
            name="dnr"
            defaultValue={filter.dnr ?? ''}
            description="Eller dess början, t.ex. 2023-"
          />
          <Field>
            <Label htmlFor="status">Status</Label>
            <Select
              id="status"
              name="status"
              value={status}
              onChange={(event) => setStatus(event.target.value)}
            >
              <Select.Option value="">Alla</Select.Option>
              <Select.Option value="open">Pågående</Select.Option>
              <Select.Option value="decided">Beslutade</Select.Option>
              <Select.Option value="closed">Avslutade</Select.Option>
            </Select>
          </Field>
          <OrganSelect
            id="organId"
            label="Organ"
            name="organId"
            defaultValue={filter.organId ?? ''}
            none="Alla"
          />
        </div>
        <div className="nf-row">
          <Textfield
            label="Klassificering"
            name="classificationCode"
            defaultValue={filter.classificationCode ?? ''}
          />
          <Textfield
            label="Registrerat från"
            name="registeredFrom"
            type="date"
            defaultValue={filter.registeredFrom ?? ''}
          />
          <Textfield
            label="Registrerat till"
            name="registeredTo"
            type="date"
            defaultValue={filter.registeredTo ?? ''}
          />
        </div>
        <Button type="submit">Sök</Button>
      </form>
      <ProblemAlert error={pages.error} />
      {pages.isPending && <Loading what="ärenden" />}
      {pages.data && cases.length === 0 && <Paragraph>Inga ärenden matchar sökningen.</Paragraph>}
      {cases.length > 0 && (
        <Table data-size="sm" className="nf-table" zebra>
          <caption className="nf-visually-hidden">Sökträffar, senast registrerade först</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>Dnr</Table.HeaderCell>
              <Table.HeaderCell>Rubrik</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
              <Table.HeaderCell>Registrerat</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {cases.map((item) => (
              <Table.Row key={item.id}>
                <Table.Cell>{item.dnrDisplay}</Table.Cell>
                <Table.Cell>
                  <Link asChild>
                    <RouterLink to={`/arenden/${item.id}`}>{item.title}</RouterLink>
                  </Link>
                </Table.Cell>
                <Table.Cell>
                  <Tag data-size="sm">{STATUS_TEXT[item.status]}</Tag>
                </Table.Cell>
                <Table.Cell>{formatDate(item.registeredAt)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {pages.hasNextPage && (
        <Button
          variant="secondary"
          onClick={() => void pages.fetchNextPage()}
          loading={pages.isFetchingNextPage}
        >
          Visa fler
        </Button>
      )}
    </>
  );
}
