import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';

/** The municipality's people by name (id → display name). */
export function useDirectory() {
  return useQuery({
    queryKey: ['directory'],
    queryFn: () => ok(api.GET('/api/v1/users/directory')),
    staleTime: 10 * 60_000,
  });
}

export function useUserName(userId: number | null | undefined): string {
  const directory = useDirectory();
  if (userId == null) return '–';
  return directory.data?.find((entry) => entry.id === userId)?.displayName ?? '…';
}
