import { useQuery } from '@tanstack/react-query';
import { api, ok, type MeView } from '../api/client';

/** Who is signed in: the user, their roles (per organ) and permissions. */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: () => ok(api.GET('/api/v1/auth/me')),
    staleTime: 5 * 60_000,
  });
}

export const hasPermission = (me: MeView | undefined, permission: string): boolean =>
  me?.permissions.includes(permission) ?? false;

/** May plan this organ's meetings and build its agendas: its nämndsekreterare, or an admin. */
export const managesMeetingsOf = (me: MeView | undefined, organId: number): boolean =>
  me?.grants.some(
    (grant) =>
      grant.role === 'admin' || (grant.role === 'sekreterare' && grant.organId === organId),
  ) ?? false;

/** The organs the user belongs to or serves, by any role scoped to one. */
export const organIdsOf = (me: MeView | undefined): number[] => [
  ...new Set(
    (me?.grants ?? []).flatMap((grant) => (grant.organId === null ? [] : [grant.organId])),
  ),
];

export const secretaryOrganIds = (me: MeView | undefined): number[] =>
  (me?.grants ?? []).flatMap((grant) =>
    grant.role === 'sekreterare' && grant.organId !== null ? [grant.organId] : [],
  );
