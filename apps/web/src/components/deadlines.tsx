import { Link, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router';
import { api, ok, type Ok } from '../api/client';
import { formatDate } from '../format';
import { Loading, ProblemAlert } from './page';
import { useOrgans } from './queries';

type Deadline = Ok<'/api/v1/deadlines'>[number];

const DEADLINE_TEXT: Record<string, string> = {
  justering: 'Justering',
  anslag: 'Anslag',
  'appeal-end': 'Överklagandetiden går ut',
  'motion-year': 'Motion ska beredas inom ett år',
  'kf-announcement': 'Kungörelse av fullmäktiges sammanträde',
  'remiss-answer': 'Remissvar',
  'budget-proposal': 'Styrelsens budgetförslag',
  'budget-adoption': 'Fullmäktiges budgetbeslut',
  'annual-report': 'Årsredovisning till fullmäktige och revisorerna',
};

/**
 * The open legal deadlines of the organs given (`null`: every organ's), the nearest first, as a
 * table: what, for which case or meeting, (the organ,) and by when, late ones marked.
 */
export function OpenDeadlines({
  organIds,
  limit,
  withOrgan = false,
}: {
  organIds: number[] | null;
  limit?: number;
  withOrgan?: boolean;
}) {
  const organs = useOrgans();
  const deadlines = useQuery({
    queryKey: ['deadlines', 'open'],
    queryFn: () => ok(api.GET('/api/v1/deadlines', { params: { query: { status: 'open' } } })),
  });
  const rows = (deadlines.data ?? [])
    .filter(
      (deadline: Deadline) =>
        organIds === null || deadline.organId === null || organIds.includes(deadline.organId),
    )
    .slice(0, limit);
  return (
    <>
      {deadlines.isPending && <Loading what="tidsfrister" />}
      <ProblemAlert error={deadlines.error} />
      {deadlines.data && rows.length === 0 && <Paragraph>Inga öppna tidsfrister.</Paragraph>}
      {rows.length > 0 && (
        <Table data-size="sm" className="nf-table">
          <caption className="nf-visually-hidden">Öppna tidsfrister, den närmaste först</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>Frist</Table.HeaderCell>
              <Table.HeaderCell>Gäller</Table.HeaderCell>
              {withOrgan && <Table.HeaderCell>Organ</Table.HeaderCell>}
              <Table.HeaderCell>Senast</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {rows.map((deadline) => (
              <Table.Row key={deadline.id}>
                <Table.Cell>{DEADLINE_TEXT[deadline.kind] ?? deadline.kind}</Table.Cell>
                <Table.Cell>
                  {deadline.caseId ? (
                    <Link asChild>
                      <RouterLink to={`/arenden/${deadline.caseId}`}>{deadline.title}</RouterLink>
                    </Link>
                  ) : (
                    deadline.title
                  )}
                </Table.Cell>
                {withOrgan && (
                  <Table.Cell>
                    {organs.data?.find((organ) => organ.id === deadline.organId)?.name ?? '–'}
                  </Table.Cell>
                )}
                <Table.Cell>
                  {formatDate(deadline.dueOn)}{' '}
                  {deadline.late && (
                    <Tag data-color="danger" data-size="sm">
                      Försenad
                    </Tag>
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </>
  );
}
