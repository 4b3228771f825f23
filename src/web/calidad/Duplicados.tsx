import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Anchor, Badge, Button, EmptyState, Group, Pagination, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsJoin, IconCopyCheck, IconRefresh } from '@tabler/icons-react';
import { formatearFechaHora } from '../../shared/formato.ts';
import { api, mensajeDeError } from '../api.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { contar } from '../components/formato.ts';
import { puedeEditarClientes, useUsuario } from '../sesion/sesion.ts';
import { useDuplicados, type ClientePar, type ParDuplicado } from './duplicados.consultas.ts';

const POR_PAGINA = 50;

/** Color of a score: red is "almost surely the same customer". */
const colorPuntaje = (p: number) => (p >= 85 ? 'red' : p >= 65 ? 'orange' : 'yellow');

/** /calidad/duplicados: likely duplicate pairs of the whole base, best first, to merge or dismiss. */
export default function Duplicados() {
  const [parametros, setParametros] = useSearchParams();
  const pagina = Math.max(1, Number(parametros.get('pagina')) || 1);
  const lista = useDuplicados({ limit: POR_PAGINA, offset: (pagina - 1) * POR_PAGINA });
  const cliente = useQueryClient();
  const recalcular = useMutation({
    mutationFn: () => api(`/api/duplicados?recalcular=true&limit=1`),
    onSuccess: () => void cliente.invalidateQueries({ queryKey: ['duplicados'] }),
    onError: (e) => notifications.show({ color: 'red', title: 'No se pudo buscar', message: mensajeDeError(e) }),
  });

  if (lista.isError) return <ErrorCarga error={lista.error} reintentar={() => void lista.refetch()} />;
  if (!lista.data) return <Cargando texto="Buscando posibles duplicados en toda la base…" />;
  const { items, total, calculado_en } = lista.data;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Posibles duplicados</Title>
          <Text c="dimmed" size="sm">
            {contar(total, 'par', 'pares')} por revisar · búsqueda del {formatearFechaHora(calculado_en)}. Mismo RUT con
            otro dígito, mismo correo o teléfono, o nombres casi iguales sin tildes ni «Ltda.», «SpA», «S.A.».
          </Text>
        </div>
        <Button
          variant="default"
          leftSection={<IconRefresh size={16} aria-hidden />}
          loading={recalcular.isPending}
          onClick={() => recalcular.mutate()}
        >
          Buscar de nuevo
        </Button>
      </Group>
      {items.length === 0 ? (
        <EmptyState
          icon={<IconCopyCheck size={32} aria-hidden />}
          title="No hay duplicados por revisar"
          description="Cada cliente aparece una sola vez. Vuelva a buscar después de una importación."
        />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" aria-label="Pares de posibles duplicados">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Puntaje</Table.Th>
                <Table.Th>Cliente</Table.Th>
                <Table.Th>Posible duplicado</Table.Th>
                <Table.Th>Por qué</Table.Th>
                <Table.Th aria-label="Acciones" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <FilaPar key={`${p.a.id_cliente}:${p.b.id_cliente}`} par={p} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {total > POR_PAGINA && (
        <Pagination
          total={Math.ceil(total / POR_PAGINA)}
          value={pagina}
          onChange={(n) => setParametros({ pagina: String(n) })}
          getControlProps={(control) => ({ 'aria-label': `Ir a la página ${control}` })}
        />
      )}
    </Stack>
  );
}

function Cliente({ c }: { c: ClientePar }) {
  return (
    <Stack gap={0}>
      <Anchor component={Link} to={`/clientes/${c.id_cliente}`} fw={500}>
        {c.nombre}
      </Anchor>
      <Text size="xs" c="dimmed">
        RUT {c.rut_formateado}
        {c.comuna ? ` · ${c.comuna}` : ''}
      </Text>
      {(c.telefono || c.email) && (
        <Text size="xs" c="dimmed">
          {[c.telefono, c.email].filter(Boolean).join(' · ')}
        </Text>
      )}
    </Stack>
  );
}

function FilaPar({ par }: { par: ParDuplicado }) {
  const usuario = useUsuario();
  const navigate = useNavigate();
  const cliente = useQueryClient();
  const descartar = useMutation({
    mutationFn: () =>
      api('/api/duplicados/descartar', { metodo: 'POST', cuerpo: { id_a: par.a.id_cliente, id_b: par.b.id_cliente } }),
    onSuccess: () => {
      notifications.show({
        color: 'campo',
        message: `«${par.a.nombre}» y «${par.b.nombre}» quedan como clientes distintos.`,
      });
      void cliente.invalidateQueries({ queryKey: ['duplicados'] });
    },
    onError: (e) => notifications.show({ color: 'red', title: 'No se pudo descartar', message: mensajeDeError(e) }),
  });
  return (
    <Table.Tr>
      <Table.Td>
        <Badge color={colorPuntaje(par.puntaje)} variant="light" size="lg">
          {par.puntaje}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Cliente c={par.a} />
      </Table.Td>
      <Table.Td>
        <Cliente c={par.b} />
      </Table.Td>
      <Table.Td maw={320}>
        <Stack gap={2}>
          {par.razones.map((r) => (
            <Text key={r} size="sm">
              {r}
            </Text>
          ))}
        </Stack>
      </Table.Td>
      <Table.Td>
        {puedeEditarClientes(usuario.rol) && (
          <Stack gap={4} align="flex-start">
            <Button
              size="compact-sm"
              leftSection={<IconArrowsJoin size={14} aria-hidden />}
              onClick={() => navigate(`/calidad/fusionar?a=${par.a.id_cliente}&b=${par.b.id_cliente}`)}
              aria-label={`Comparar y fusionar ${par.a.nombre} con ${par.b.nombre}`}
            >
              Comparar
            </Button>
            <Button
              size="compact-sm"
              variant="subtle"
              color="gray"
              loading={descartar.isPending}
              onClick={() => descartar.mutate()}
            >
              No son el mismo
            </Button>
          </Stack>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
