import { useQuery } from '@tanstack/react-query';
import { Badge } from '@mantine/core';
import { api } from '../api.ts';

// This file is part of the first load (the navbar): it imports nothing of the module's pages.
export { IconAlertCircle, IconInbox, IconSpeakerphone, IconUserOff } from '@tabler/icons-react';

/** The navbar's count of the user's alerts that ask for action today, refreshed every minute. */
export function InsigniaAlertas() {
  const alertas = useQuery({
    // Under ['alertas'], so acting on an alert in the centre refreshes the badge too.
    queryKey: ['alertas', 'total'],
    queryFn: async ({ signal }) => (await api<{ total: number }>('/api/alertas?limit=1', { signal })).total,
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
  const total = alertas.data ?? 0;
  if (total === 0) return null;
  return (
    <Badge size="sm" circle={total < 10} color="orange" title={`${total} por atender`}>
      {total}
      <span className="solo-lector">{total === 1 ? ' alerta' : ' alertas'}</span>
    </Badge>
  );
}
