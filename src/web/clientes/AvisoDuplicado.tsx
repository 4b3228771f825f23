import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Anchor, List, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { api, consulta } from '../api.ts';
import { claves } from './consultas.ts';
import type { ClienteParecido } from './tipos.ts';

const MINIMO = 4;

/** Warns, while the name is typed, that a cliente of very similar name exists. It never blocks saving: only the RUT is unique. */
export function AvisoDuplicado({ nombre, excluir }: { nombre: string; excluir?: number }) {
  const [buscado] = useDebouncedValue(nombre.trim(), 400);
  const parecidos = useQuery({
    queryKey: claves.parecidos(buscado, excluir),
    queryFn: async ({ signal }) =>
      (
        await api<{ items: ClienteParecido[] }>(`/api/clientes/parecidos${consulta({ nombre: buscado, excluir })}`, {
          signal,
        })
      ).items,
    enabled: buscado.length >= MINIMO,
    staleTime: 60_000,
  });
  const items = buscado.length >= MINIMO ? (parecidos.data ?? []) : [];
  if (items.length === 0) return null;

  return (
    <Alert color="yellow" icon={<IconAlertTriangle />} role="status">
      <List spacing={4} size="sm" listStyleType="none">
        {items.map((p) => (
          <List.Item key={p.id_cliente}>
            Posible duplicado: ya existe «
            <Anchor component={Link} to={`/clientes/${p.id_cliente}`} target="_blank" inherit>
              {p.nombre}
            </Anchor>
            » (RUT {p.rut_formateado}
            {p.comuna ? `, comuna ${p.comuna}` : ''})
          </List.Item>
        ))}
      </List>
      <Text size="xs" c="dimmed" mt={6}>
        Si es otro cliente, puede guardar igual.
      </Text>
    </Alert>
  );
}
