import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ActionIcon, Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { formatearFecha, formatearMonto, hoyEnSantiago } from '../../../shared/formato.ts';
import { colorEstado, nombreEstado, NOMBRE_TIPO_ORDEN } from '../../servicios/catalogos.ts';
import type { PedidoDialogoServicio } from '../../servicios/DialogosServicio.tsx';
import type { CotizacionFicha, OrdenFicha, PedidoFicha } from '../tipos.ts';

interface Fila {
  clave: number;
  titulo: string;
  detalle: string;
  estado?: string;
  aviso?: { texto: string; color: string };
  monto: number;
  editar?: () => void;
}

/**
 * A short list of documents: number and detail on the left, amount and state on the right (stacked,
 * so a narrow column never truncates the state), and an edit action.
 */
function ListaCorta({ filas, vacio, etiquetaEditar }: { filas: Fila[]; vacio: string; etiquetaEditar: string }) {
  if (filas.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {vacio}
      </Text>
    );
  }
  return (
    <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {filas.map((f, i) => (
        <Group
          key={f.clave}
          component="li"
          justify="space-between"
          wrap="nowrap"
          gap="xs"
          py={8}
          style={i > 0 ? { borderTop: '1px solid var(--mantine-color-gray-2)' } : undefined}
        >
          <div style={{ minWidth: 0 }}>
            <Text size="sm" fw={500}>
              {f.titulo}
            </Text>
            <Text size="xs" c="dimmed">
              {f.detalle}
            </Text>
          </div>
          <Group gap={4} wrap="nowrap" align="flex-start" style={{ flexShrink: 0 }}>
            <Stack gap={2} align="flex-end">
              <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                {formatearMonto(f.monto)}
              </Text>
              {f.estado && (
                <Badge size="xs" variant="light" color={colorEstado(f.estado)}>
                  {nombreEstado(f.estado)}
                </Badge>
              )}
              {f.aviso && (
                <Badge size="xs" variant="light" color={f.aviso.color}>
                  {f.aviso.texto}
                </Badge>
              )}
            </Stack>
            {f.editar && (
              <ActionIcon
                variant="subtle"
                color="gray"
                size="sm"
                aria-label={`${etiquetaEditar} ${f.titulo}`}
                onClick={f.editar}
                className="no-imprimir"
              >
                <IconPencil size={14} aria-hidden />
              </ActionIcon>
            )}
          </Group>
        </Group>
      ))}
    </Stack>
  );
}

function VerTodas({ a, children }: { a: string; children: ReactNode }) {
  return (
    <Anchor component={Link} to={a} size="sm" className="no-imprimir">
      {children}
    </Anchor>
  );
}

type Abrir = ((p: PedidoDialogoServicio) => void) | null;

export function OrdenesFicha({
  idCliente,
  ordenes,
  abrir,
}: {
  idCliente: number;
  ordenes: OrdenFicha[];
  abrir: Abrir;
}) {
  const filas = ordenes.map((o) => ({
    clave: o.id_orden,
    titulo: `${o.numero ?? `Orden ${o.id_orden}`} · ${NOMBRE_TIPO_ORDEN[o.tipo] ?? o.tipo}`,
    // The server labels the machine with its raw tipo ("tractor John Deere"): capitalise it for reading.
    detalle: [formatearFecha(o.fecha_ingreso), o.equipo && o.equipo.charAt(0).toUpperCase() + o.equipo.slice(1)]
      .filter(Boolean)
      .join(' · '),
    estado: o.estado,
    monto: Number(o.monto_total),
    editar: abrir ? () => abrir({ tipo: 'orden', id: o.id_orden }) : undefined,
  }));
  return (
    <Stack gap={6}>
      <ListaCorta filas={filas} vacio="Sin órdenes de trabajo." etiquetaEditar="Editar orden" />
      {ordenes.length > 0 && <VerTodas a={`/ordenes?id_cliente=${idCliente}`}>Ver todas las órdenes</VerTodas>}
    </Stack>
  );
}

export function PedidosFicha({
  idCliente,
  pedidos,
  abrir,
}: {
  idCliente: number;
  pedidos: PedidoFicha[];
  abrir: Abrir;
}) {
  const filas = pedidos.map((p) => ({
    clave: p.id_pedido,
    titulo: p.numero ?? `Pedido ${p.id_pedido}`,
    detalle: [formatearFecha(p.fecha), p.fecha_entrega ? `entrega ${formatearFecha(p.fecha_entrega)}` : null]
      .filter(Boolean)
      .join(' · '),
    estado: p.estado,
    monto: Number(p.monto_total),
    editar: abrir ? () => abrir({ tipo: 'pedido', id: p.id_pedido }) : undefined,
  }));
  return (
    <Stack gap={6}>
      <ListaCorta filas={filas} vacio="Sin pedidos de repuestos." etiquetaEditar="Editar pedido" />
      {pedidos.length > 0 && <VerTodas a={`/pedidos?id_cliente=${idCliente}`}>Ver todos los pedidos</VerTodas>}
    </Stack>
  );
}

/** Open quotes, the ones expiring first on top; expired or near expiry say so. */
export function CotizacionesFicha({
  idCliente,
  cotizaciones,
  abrir,
}: {
  idCliente: number;
  cotizaciones: CotizacionFicha[];
  abrir: Abrir;
}) {
  const hoy = hoyEnSantiago();
  const filas = cotizaciones.map((q) => ({
    clave: q.id_cotizacion,
    titulo: q.numero ?? `Cotización ${q.id_cotizacion}`,
    detalle: [
      formatearFecha(q.fecha),
      q.fecha_vencimiento ? `vence ${formatearFecha(q.fecha_vencimiento)}` : null,
      q.descripcion,
    ]
      .filter(Boolean)
      .join(' · '),
    aviso:
      q.fecha_vencimiento && q.fecha_vencimiento < hoy
        ? { texto: 'Vencida', color: 'red' }
        : { texto: 'Pendiente', color: 'yellow' },
    monto: Number(q.monto_total),
    editar: abrir ? () => abrir({ tipo: 'cotizacion', id: q.id_cotizacion }) : undefined,
  }));
  return (
    <Stack gap={6}>
      <ListaCorta filas={filas} vacio="Sin cotizaciones pendientes." etiquetaEditar="Editar cotización" />
      <Group>
        <VerTodas a={`/cotizaciones?id_cliente=${idCliente}`}>Ver todas las cotizaciones</VerTodas>
      </Group>
    </Stack>
  );
}
