import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  EmptyState,
  Group,
  LoadingOverlay,
  Pagination,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconFilterOff, IconListSearch, IconPencil } from '@tabler/icons-react';
import { formatearFecha, formatearMonto } from '../../shared/formato.ts';
import { api, consulta } from '../api.ts';
import { CampoFecha } from '../components/CampoFecha.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { contar } from '../components/formato.ts';
import { Seleccion } from '../components/Seleccion.tsx';
import { puedeEditarTaller, puedeEditarVentas, useUsuario, type Rol } from '../sesion/sesion.ts';
import {
  aNumero,
  colorEstado,
  nombreEstado,
  NOMBRE_ESTADO_COTIZACION,
  NOMBRE_ESTADO_ORDEN,
  NOMBRE_ESTADO_PEDIDO,
  NOMBRE_TIPO_ORDEN,
  opciones,
} from './catalogos.ts';
import { clavesServicios, type Recurso } from './consultas.ts';
import { useDialogosServicio } from './DialogosServicio.tsx';
import type { Cotizacion, Orden, Pagina, Pedido } from './tipos.ts';
import { useParametrosUrl } from '../components/parametrosUrl.ts';

const POR_PAGINA = 25;

interface Columna<T> {
  titulo: string;
  celda: (fila: T) => ReactNode;
  derecha?: boolean;
  /** Names and descriptions may wrap; numbers, dates and states stay on one line. */
  ajustable?: boolean;
}

interface Config<T> {
  recurso: Exclude<Recurso, 'equipos'>;
  titulo: string;
  singular: string;
  plural: string;
  dialogo: 'orden' | 'pedido' | 'cotizacion';
  estados: Record<string, string>;
  id: (fila: T) => number;
  columnas: Columna<T>[];
  puedeEditar: (rol: Rol) => boolean;
}

const cliente = (f: { id_cliente: number; cliente: string }) => (
  <Anchor component={Link} to={`/clientes/${f.id_cliente}`} size="sm">
    {f.cliente}
  </Anchor>
);
const estado = (e: string) => (
  <Badge size="sm" variant="light" color={colorEstado(e)}>
    {nombreEstado(e)}
  </Badge>
);
const mayuscula = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
const monto = (v: number | string) => formatearMonto(aNumero(v) ?? 0);

/**
 * A list of service documents with filters by state and dates, all in the URL (as the customer
 * list does); `?id_cliente=` narrows it to one cliente, as the ficha's "Ver todas" links do.
 */
function ListaServicio<T extends { id_cliente: number; cliente: string }>({ config }: { config: Config<T> }) {
  const usuario = useUsuario();
  const [parametros, cambiar, limpiar] = useParametrosUrl({ reemplazar: false });
  const [clienteEdicion, setClienteEdicion] = useState(0);
  const dialogos = useDialogosServicio(clienteEdicion);
  const pagina = Math.max(1, Number(parametros.get('pagina')) || 1);
  const filtros = {
    estado: parametros.get('estado') ?? undefined,
    desde: parametros.get('desde') ?? undefined,
    hasta: parametros.get('hasta') ?? undefined,
    id_cliente: /^\d+$/.test(parametros.get('id_cliente') ?? '') ? Number(parametros.get('id_cliente')) : undefined,
  };
  const consultaApi = { ...filtros, limit: POR_PAGINA, offset: (pagina - 1) * POR_PAGINA };
  const lista = useQuery({
    queryKey: clavesServicios.lista(config.recurso, consultaApi),
    queryFn: ({ signal }) => api<Pagina<T>>(`/api/${config.recurso}${consulta(consultaApi)}`, { signal }),
    placeholderData: keepPreviousData,
  });
  const hayFiltros = Object.values(filtros).some((v) => v !== undefined);
  const total = lista.data?.total ?? 0;
  const editable = config.puedeEditar(usuario.rol);
  const nombreCliente = filtros.id_cliente ? lista.data?.items[0]?.cliente : undefined;

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{config.titulo}</Title>
        <Text c="dimmed" size="sm" aria-live="polite">
          {lista.data ? contar(total, config.singular, config.plural) : '\u00a0'}
          {filtros.id_cliente ? ` de ${nombreCliente ?? 'un cliente'}` : ''}
        </Text>
      </div>
      <Paper withBorder p="md" component="section" aria-label="Filtros">
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <Seleccion
            label="Estado"
            placeholder="Todos"
            data={opciones(config.estados)}
            value={filtros.estado ?? null}
            onChange={(v) => cambiar({ estado: v })}
            clearable
          />
          <CampoFecha label="Desde" value={filtros.desde ?? null} onChange={(v) => cambiar({ desde: v })} />
          <CampoFecha label="Hasta" value={filtros.hasta ?? null} onChange={(v) => cambiar({ hasta: v })} />
        </SimpleGrid>
        {hayFiltros && (
          <Button
            mt="sm"
            variant="subtle"
            size="xs"
            leftSection={<IconFilterOff size={14} aria-hidden />}
            onClick={limpiar}
          >
            Limpiar filtros
          </Button>
        )}
      </Paper>

      {lista.isError && <ErrorCarga error={lista.error} reintentar={() => void lista.refetch()} />}
      {lista.data && (
        <Paper withBorder pos="relative">
          <LoadingOverlay
            visible={lista.isFetching && lista.isPlaceholderData}
            overlayProps={{ blur: 1 }}
            loaderProps={{ size: 'sm' }}
          />
          {lista.data.items.length === 0 ? (
            <EmptyState
              py="xl"
              icon={<IconListSearch size={32} aria-hidden />}
              title={hayFiltros ? 'Nada coincide con los filtros' : `Aún no hay ${config.plural}`}
              description={`Se registran desde la ficha de cada cliente.`}
            />
          ) : (
            <Table.ScrollContainer minWidth={860}>
              <Table striped highlightOnHover verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    {config.columnas.map((c) => (
                      <Table.Th key={c.titulo} ta={c.derecha ? 'right' : undefined}>
                        {c.titulo}
                      </Table.Th>
                    ))}
                    {editable && (
                      <Table.Th w={44}>
                        <span className="solo-lector">Acciones</span>
                      </Table.Th>
                    )}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {lista.data.items.map((fila) => (
                    <Table.Tr key={config.id(fila)}>
                      {config.columnas.map((c) => (
                        <Table.Td
                          key={c.titulo}
                          ta={c.derecha ? 'right' : undefined}
                          style={c.ajustable ? undefined : { whiteSpace: 'nowrap' }}
                        >
                          {c.celda(fila)}
                        </Table.Td>
                      ))}
                      {editable && (
                        <Table.Td>
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            aria-label={`Editar ${config.singular} ${config.id(fila)}`}
                            onClick={() => {
                              setClienteEdicion(fila.id_cliente);
                              dialogos.abrir({ tipo: config.dialogo, id: config.id(fila) });
                            }}
                          >
                            <IconPencil size={16} aria-hidden />
                          </ActionIcon>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
      )}
      {total > POR_PAGINA && (
        <Group justify="flex-end">
          <Pagination
            total={Math.ceil(total / POR_PAGINA)}
            value={pagina}
            onChange={(p) => cambiar({ pagina: String(p) })}
            getItemProps={(p) => ({ 'aria-label': `Página ${p}` })}
          />
        </Group>
      )}
      {dialogos.dialogos}
    </Stack>
  );
}

const CONFIG_ORDENES: Config<Orden> = {
  recurso: 'ordenes',
  titulo: 'Órdenes de trabajo',
  singular: 'orden',
  plural: 'órdenes',
  dialogo: 'orden',
  estados: NOMBRE_ESTADO_ORDEN,
  id: (o) => o.id_orden,
  puedeEditar: puedeEditarTaller,
  columnas: [
    { titulo: 'Número', celda: (o) => o.numero ?? `N.º ${o.id_orden}` },
    { titulo: 'Cliente', celda: cliente, ajustable: true },
    { titulo: 'Equipo', celda: (o) => (o.equipo ? mayuscula(o.equipo) : '—'), ajustable: true },
    { titulo: 'Tipo', celda: (o) => NOMBRE_TIPO_ORDEN[o.tipo] ?? o.tipo },
    { titulo: 'Ingreso', celda: (o) => formatearFecha(o.fecha_ingreso) },
    { titulo: 'Cierre', celda: (o) => formatearFecha(o.fecha_cierre) || '—' },
    { titulo: 'Estado', celda: (o) => estado(o.estado) },
    { titulo: 'Monto', celda: (o) => monto(o.monto_total), derecha: true },
  ],
};

const CONFIG_PEDIDOS: Config<Pedido> = {
  recurso: 'pedidos',
  titulo: 'Pedidos de repuestos',
  singular: 'pedido',
  plural: 'pedidos',
  dialogo: 'pedido',
  estados: NOMBRE_ESTADO_PEDIDO,
  id: (p) => p.id_pedido,
  puedeEditar: puedeEditarVentas,
  columnas: [
    { titulo: 'Número', celda: (p) => p.numero ?? `N.º ${p.id_pedido}` },
    { titulo: 'Cliente', celda: cliente, ajustable: true },
    { titulo: 'Fecha', celda: (p) => formatearFecha(p.fecha) },
    { titulo: 'Entrega', celda: (p) => formatearFecha(p.fecha_entrega) || '—' },
    { titulo: 'Estado', celda: (p) => estado(p.estado) },
    { titulo: 'Monto', celda: (p) => monto(p.monto_total), derecha: true },
  ],
};

const CONFIG_COTIZACIONES: Config<Cotizacion> = {
  recurso: 'cotizaciones',
  titulo: 'Cotizaciones',
  singular: 'cotización',
  plural: 'cotizaciones',
  dialogo: 'cotizacion',
  estados: NOMBRE_ESTADO_COTIZACION,
  id: (q) => q.id_cotizacion,
  puedeEditar: puedeEditarVentas,
  columnas: [
    { titulo: 'Número', celda: (q) => q.numero ?? `N.º ${q.id_cotizacion}` },
    { titulo: 'Cliente', celda: cliente, ajustable: true },
    { titulo: 'Fecha', celda: (q) => formatearFecha(q.fecha) },
    { titulo: 'Vence', celda: (q) => formatearFecha(q.fecha_vencimiento) || '—' },
    {
      titulo: 'Descripción',
      celda: (q) => (
        <Text size="sm" lineClamp={1}>
          {q.descripcion ?? '—'}
        </Text>
      ),
      ajustable: true,
    },
    { titulo: 'Estado', celda: (q) => estado(q.estado) },
    { titulo: 'Monto', celda: (q) => monto(q.monto_total), derecha: true },
  ],
};

export const ListaOrdenes = () => <ListaServicio config={CONFIG_ORDENES} />;
export const ListaPedidos = () => <ListaServicio config={CONFIG_PEDIDOS} />;
export const ListaCotizaciones = () => <ListaServicio config={CONFIG_COTIZACIONES} />;
