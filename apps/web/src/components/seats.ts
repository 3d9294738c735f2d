import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { useDirectory } from './people';

export const SEAT_ROLE_TEXT: Record<string, string> = {
  ordforande: 'ordförande',
  vice_ordforande: 'vice ordförande',
  ledamot: 'ledamot',
  ersattare: 'ersättare',
};

/** A seat on an organ on one day, with the person's name and the user they sign in as (if any). */
export interface SeatOnDay {
  personId: number;
  name: string;
  party: string | null;
  role: string;
  userId: number | null;
}

export function usePeople() {
  return useQuery({
    queryKey: ['people'],
    queryFn: () => ok(api.GET('/api/v1/people')),
    staleTime: 10 * 60_000,
  });
}

/** The organ's seats held on `day` (YYYY-MM-DD): members first (the ordförande first), then ersättare. */
export function useSeats(organId: number, day: string) {
  const memberships = useQuery({
    queryKey: ['memberships', organId],
    queryFn: () =>
      ok(api.GET('/api/v1/organs/{id}/memberships', { params: { path: { id: organId } } })),
  });
  const people = usePeople();
  const directory = useDirectory();
  const order = ['ordforande', 'vice_ordforande', 'ledamot', 'ersattare'];
  const seats: SeatOnDay[] | undefined =
    memberships.data && people.data && directory.data
      ? memberships.data
          .filter((seat) => seat.validFrom <= day && (seat.validTo === null || seat.validTo >= day))
          .map((seat) => {
            const person = people.data.find((candidate) => candidate.id === seat.personId);
            return {
              personId: seat.personId,
              name: person?.name ?? `Person ${seat.personId}`,
              party: seat.party ?? person?.party ?? null,
              role: seat.role,
              userId: directory.data.find((entry) => entry.personId === seat.personId)?.id ?? null,
            };
          })
          .sort(
            (a, b) =>
              order.indexOf(a.role) - order.indexOf(b.role) || a.name.localeCompare(b.name, 'sv'),
          )
      : undefined;
  return {
    seats,
    isPending: memberships.isPending || people.isPending || directory.isPending,
    error: memberships.error ?? people.error ?? directory.error,
  };
}

/** "Anna Larsson (V)". */
export const named = (person: { name: string; party?: string | null }) =>
  person.party ? `${person.name} (${person.party})` : person.name;
