import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';

export function useOrgans() {
  return useQuery({
    queryKey: ['organs'],
    queryFn: () => ok(api.GET('/api/v1/organs')),
    staleTime: 10 * 60_000,
  });
}

export function useOrganName(organId: number | null | undefined): string {
  const organs = useOrgans();
  if (organId == null) return '–';
  return organs.data?.find((organ) => organ.id === organId)?.name ?? '…';
}
