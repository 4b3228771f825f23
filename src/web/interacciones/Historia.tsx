import { Link, useParams, useSearchParams } from 'react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import {
  Anchor,
  Badge,
  Button,
  Chip,
  EmptyState,
  Group,
  Paper,
  Stack,
  Text,
  ThemeIcon,
  Timeline,
  Title,
} from '@mantine/core';
import {
  IconClipboardList,
  IconFileDollar,
  IconHistory,
  IconMessages,
  IconMoodSmile,
  IconPackage,
  type Icon,
} from '@tabler/icons-react';
import { formatearFecha, formatearFechaHora, formatearMonto } from '../../shared/formato.ts';
import { api, consulta } from '../api.ts';
import { ClienteNoEncontrado, esClienteInexistente } from '../clientes/ClienteNoEncontrado.tsx';
import { useFicha } from '../clientes/consultas.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { contar } from '../components/formato.ts';
import { useTituloPagina } from '../components/Pagina.tsx';
import { colorEstado, nombreEstado, NOMBRE_TIPO_ORDEN } from '../servicios/catalogos.ts';
import type { TipoOrden } from '../servicios/tipos.ts';
import { COLOR_TIPO_INTERACCION, ICONO_TIPO_INTERACCION, nombreTipoInteraccion } from './catalogos.ts';
import { clavesInteracciones } from './consultas.ts';
import type { EventoHistoria, PaginaHistoria, TipoEvento, TipoInteraccion } from './tipos.ts';

const POR_PAGINA = 15;

const CLASES: { tipo: TipoEvento; etiqueta: string; singular: string; icono: Icon; color: string }[] = [
  { tipo: 'interaccion', etiqueta: 'Interacciones', singular: 'Interacción', icono: IconMessages, color: 'blue' },
  { tipo: 'orden', etiqueta: 'Órdenes', singular: 'Orden', icono: IconClipboardList, color: 'teal' },
  { tipo: 'pedido', etiqueta: 'Pedidos', singular: 'Pedido', icono: IconPackage, color: 'indigo' },
  { tipo: 'cotizacion', etiqueta: 'Cotizaciones', singular: 'Cotización', icono: IconFileDollar, color: 'yellow' },
  { tipo: 'encuesta', etiqueta: 'Encuestas', singular: 'Encuesta', icono: IconMoodSmile, color: 'pink' },
];
const TIPOS = CLASES.map((c) => c.tipo);

/** /clientes/:id/historia: the cliente's timeline, newest first, filtered by kind and loaded page by page. */
export default function Historia() {
  const id = Number(useParams().id);
  const ficha = useFicha(id);
  const [parametros, setParametros] = useSearchParams();
  // Kinds live in the URL (`?tipo=orden,pedido`) so a filtered history can be shared.
  const elegidos = (parametros.get('tipo') ?? '')
    .split(',')
    .filter((t): t is TipoEvento => TIPOS.includes(t as TipoEvento));
  const nombre = ficha.data?.cliente.nombre;
  useTituloPagina(nombre ? `Historia de ${nombre}` : undefined);

  const historia = useInfiniteQuery({
    queryKey: clavesInteracciones.historia(id, elegidos),
    queryFn: ({ pageParam, signal }) =>
      api<PaginaHistoria>(
        `/api/clientes/${id}/timeline${consulta({ tipo: elegidos.join(','), limit: POR_PAGINA, offset: pageParam })}`,
        { signal },
      ),
    initialPageParam: 0,
    getNextPageParam: (ultima) =>
      ultima.offset + ultima.items.length < ultima.total ? ultima.offset + ultima.items.length : undefined,
    enabled: Number.isInteger(id) && id > 0,
  });

  if (esClienteInexistente(id, historia.error ?? ficha.error)) return <ClienteNoEncontrado />;
  const eventos = historia.data?.pages.flatMap((p) => p.items) ?? [];
  const total = historia.data?.pages[0]?.total ?? 0;

  return (
    <Stack gap="md" maw={900}>
      <div>
        <Anchor component={Link} to={`/clientes/${id}`} size="sm">
          ← Volver a la ficha
        </Anchor>
        <Title order={1}>Historia{nombre ? ` de ${nombre}` : ''}</Title>
        <Text c="dimmed" size="sm" aria-live="polite">
          {historia.data ? contar(total, 'evento') : '\u00a0'}
        </Text>
      </div>
      <Chip.Group
        multiple
        value={elegidos}
        onChange={(v) => setParametros(v.length ? { tipo: v.join(',') } : {}, { replace: true })}
      >
        <Group gap="xs" role="group" aria-label="Filtrar por tipo">
          {CLASES.map((c) => (
            <Chip key={c.tipo} value={c.tipo} size="sm" variant="outline">
              {c.etiqueta}
            </Chip>
          ))}
        </Group>
      </Chip.Group>

      {historia.isError && <ErrorCarga error={historia.error} reintentar={() => void historia.refetch()} />}
      {historia.isPending && <Cargando texto="Cargando la historia…" />}
      {historia.data && eventos.length === 0 && (
        <EmptyState
          icon={<IconHistory size={32} aria-hidden />}
          title="Sin eventos"
          description={
            elegidos.length ? 'No hay eventos de los tipos elegidos.' : 'Este cliente aún no tiene historia.'
          }
        />
      )}
      {eventos.length > 0 && (
        <Paper withBorder p="md">
          <Timeline bulletSize={28} lineWidth={2}>
            {eventos.map((e) => (
              <Timeline.Item key={`${e.tipo}-${e.id}`} bullet={<Vineta evento={e} />} title={<Encabezado evento={e} />}>
                <Detalle evento={e} />
              </Timeline.Item>
            ))}
          </Timeline>
        </Paper>
      )}
      {historia.hasNextPage && (
        <Button
          variant="light"
          w="fit-content"
          loading={historia.isFetchingNextPage}
          onClick={() => void historia.fetchNextPage()}
        >
          Cargar más ({eventos.length} de {total})
        </Button>
      )}
    </Stack>
  );
}

function Vineta({ evento }: { evento: EventoHistoria }) {
  const clase = CLASES.find((c) => c.tipo === evento.tipo)!;
  const esInteraccion = evento.tipo === 'interaccion' && evento.subtipo;
  const Icono = esInteraccion
    ? (ICONO_TIPO_INTERACCION[evento.subtipo as TipoInteraccion] ?? clase.icono)
    : clase.icono;
  const color = esInteraccion
    ? (COLOR_TIPO_INTERACCION[evento.subtipo as TipoInteraccion] ?? clase.color)
    : clase.color;
  return (
    <ThemeIcon size={28} radius="xl" variant="light" color={color} aria-hidden>
      <Icono size={16} />
    </ThemeIcon>
  );
}

function Encabezado({ evento }: { evento: EventoHistoria }) {
  // Órdenes, pedidos and quotes carry a calendar date (sent as Santiago's midnight): their "00:00" would mislead.
  const conHora = evento.tipo === 'interaccion' || evento.tipo === 'encuesta';
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
      <Text fw={600} size="sm">
        {evento.titulo}
      </Text>
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {conHora ? formatearFechaHora(evento.fecha) : formatearFecha(evento.fecha)}
      </Text>
    </Group>
  );
}

function Detalle({ evento }: { evento: EventoHistoria }) {
  const clase = CLASES.find((c) => c.tipo === evento.tipo)!;
  const subtipo = !evento.subtipo
    ? null
    : evento.tipo === 'interaccion'
      ? nombreTipoInteraccion(evento.subtipo)
      : evento.tipo === 'orden'
        ? (NOMBRE_TIPO_ORDEN[evento.subtipo as TipoOrden] ?? evento.subtipo)
        : evento.subtipo.charAt(0).toUpperCase() + evento.subtipo.slice(1);
  return (
    <Stack gap={4}>
      {evento.detalle && (
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }} lineClamp={4}>
          {evento.detalle}
        </Text>
      )}
      <Group gap={6}>
        <Badge size="xs" variant="outline" color="gray">
          {evento.tipo === 'interaccion' ? (subtipo ?? clase.singular) : clase.singular}
        </Badge>
        {/* An orden's title already names its tipo. */}
        {evento.tipo !== 'interaccion' && evento.tipo !== 'orden' && subtipo && (
          <Badge size="xs" variant="light" color="gray">
            {subtipo}
          </Badge>
        )}
        {evento.estado && (
          <Badge size="xs" variant="light" color={colorEstado(evento.estado)}>
            {nombreEstado(evento.estado)}
          </Badge>
        )}
        {evento.monto !== null && evento.monto > 0 && (
          <Text size="xs" fw={600}>
            {formatearMonto(evento.monto)}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
