import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  EmptyState,
  Group,
  Modal,
  Pagination,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBrandWhatsapp, IconInbox, IconMailOff } from '@tabler/icons-react';
import { formatearFechaHora } from '../../shared/formato.ts';
import { api, mensajeDeError } from '../api.ts';
import { Cargando } from '../components/Cargando.tsx';
import { useParametrosUrl } from '../components/parametrosUrl.ts';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { contar } from '../components/formato.ts';
import { Seleccion } from '../components/Seleccion.tsx';
import { useUsuario } from '../sesion/sesion.ts';
import { ESTADO_MENSAJE, NOMBRE_CANAL, NOMBRE_MOTIVO, NOMBRE_VIA, puedeVerBandeja } from './catalogos.ts';
import { trasCambioDeMensajes, useMensajes, useSinServidorCorreo } from './consultas.ts';
import { mostrarDestino } from './formato.ts';
import type { EstadoMensaje, Mensaje } from './tipos.ts';

const POR_PAGINA = 50;
const CANALES = [
  { value: 'todos', label: 'Todos' },
  { value: 'email', label: 'Email' },
  { value: 'whatsapp', label: 'WhatsApp' },
  { value: 'sms', label: 'SMS' },
];

/** /bandeja: the outbox, every message the system sent, holds or could not send, and why. */
export default function Bandeja() {
  const usuario = useUsuario();
  if (!puedeVerBandeja(usuario.rol)) {
    return <Alert color="orange">La bandeja de salida es de administración y del área comercial.</Alert>;
  }
  return <ContenidoBandeja />;
}

function ContenidoBandeja() {
  const [parametros, cambiar] = useParametrosUrl();
  const estado = (parametros.get('estado') as EstadoMensaje | null) ?? null;
  const canal = parametros.get('canal');
  const idCliente = Number(parametros.get('cliente')) || null;
  const pagina = Math.max(1, Number(parametros.get('pagina')) || 1);
  const mensajes = useMensajes({ estado, canal, id_cliente: idCliente, offset: (pagina - 1) * POR_PAGINA });
  const sinServidor = useSinServidorCorreo();
  const [abierto, setAbierto] = useState<Mensaje | null>(null);

  const items = mensajes.data?.items ?? [];
  const total = mensajes.data?.total ?? 0;
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>Bandeja de salida</Title>
        <Text c="dimmed" size="sm">
          Correos y WhatsApp de campañas, recordatorios de mantención, saludos y encuestas, con su estado.
        </Text>
      </div>
      {sinServidor.data && (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconMailOff size={18} aria-hidden />}
          title="Sin servidor de correo"
        >
          Sin servidor de correo: los mensajes quedan aquí y en la historia de cada cliente, pero no salen. Para
          enviarlos, configure SMTP_URL en el servidor.
        </Alert>
      )}
      <Paper withBorder p="sm">
        <Group gap="md" align="flex-end">
          <Seleccion
            label="Estado"
            placeholder="Todos"
            data={Object.entries(ESTADO_MENSAJE).map(([value, e]) => ({ value, label: e.nombre }))}
            value={estado}
            onChange={(v) => cambiar({ estado: v })}
            clearable
            w={200}
          />
          <SegmentedControl
            data={CANALES}
            value={canal ?? 'todos'}
            onChange={(v) => cambiar({ canal: v === 'todos' ? null : v })}
            aria-label="Canal"
          />
          {idCliente && (
            <Button variant="light" size="xs" onClick={() => cambiar({ cliente: null })}>
              Solo un cliente · ver todos
            </Button>
          )}
        </Group>
      </Paper>

      {mensajes.isError && <ErrorCarga error={mensajes.error} reintentar={() => void mensajes.refetch()} />}
      {!mensajes.data && !mensajes.isError && <Cargando texto="Cargando la bandeja…" />}
      {mensajes.data && items.length === 0 && (
        <EmptyState
          icon={<IconInbox size={32} aria-hidden />}
          title="Sin mensajes"
          description="No hay mensajes con estos filtros."
        />
      )}
      {items.length > 0 && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={1100}>
            <Table verticalSpacing="xs" highlightOnHover aria-label="Mensajes">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Fecha</Table.Th>
                  <Table.Th>Cliente</Table.Th>
                  <Table.Th>Canal</Table.Th>
                  <Table.Th>Mensaje</Table.Th>
                  <Table.Th>Estado</Table.Th>
                  <Table.Th>Vía</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((m) => (
                  <FilaMensaje key={m.id_mensaje} m={m} abrir={() => setAbierto(m)} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {total > POR_PAGINA && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {contar(total, 'mensaje')}
          </Text>
          <Pagination
            total={Math.ceil(total / POR_PAGINA)}
            value={pagina}
            onChange={(p) => cambiar({ pagina: p > 1 ? String(p) : null })}
            getControlProps={(c) => ({ 'aria-label': c === 'next' ? 'Página siguiente' : 'Página anterior' })}
          />
        </Group>
      )}
      <Modal opened={abierto !== null} onClose={() => setAbierto(null)} title={abierto?.asunto ?? 'Mensaje'} size="lg">
        {abierto && (
          <Stack gap="xs">
            <Text size="xs" c="dimmed">
              Para {abierto.cliente} · {abierto.destino ? mostrarDestino(abierto.destino) : 'sin destino'}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {abierto.cuerpo}
            </Text>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

function FilaMensaje({ m, abrir }: { m: Mensaje; abrir: () => void }) {
  const queryClient = useQueryClient();
  const marcar = useMutation({
    mutationFn: () => api(`/api/mensajes/${m.id_mensaje}/enviado`, { metodo: 'POST' }),
    onSuccess: () => trasCambioDeMensajes(queryClient),
    onError: (error) =>
      notifications.show({ color: 'red', title: 'No se pudo marcar como enviado', message: mensajeDeError(error) }),
  });
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm">{formatearFechaHora(m.enviado_en ?? m.creado_en)}</Text>
        <Text size="xs" c="dimmed">
          {m.enviado_en ? 'enviado' : 'creado'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Anchor component={Link} to={`/clientes/${m.id_cliente}`} size="sm" fw={500}>
          {m.cliente}
        </Anchor>
        <Text size="xs" c="dimmed">
          {m.destino ? mostrarDestino(m.destino) : 'sin destino'}
        </Text>
      </Table.Td>
      <Table.Td>{NOMBRE_CANAL[m.canal]}</Table.Td>
      <Table.Td maw={380}>
        <Text size="xs" c="dimmed">
          {m.id_campana ? (
            <Anchor component={Link} to={`/campanas/${m.id_campana}`} inherit>
              {NOMBRE_MOTIVO[m.motivo] ?? m.motivo}
            </Anchor>
          ) : (
            (NOMBRE_MOTIVO[m.motivo] ?? m.motivo)
          )}
        </Text>
        <Anchor component="button" type="button" size="sm" onClick={abrir} ta="left" lineClamp={1}>
          {m.asunto ?? m.cuerpo.slice(0, 80)}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={ESTADO_MENSAJE[m.estado].color}>
          {ESTADO_MENSAJE[m.estado].nombre}
        </Badge>
        {m.estado === 'retenido' && m.motivo_retencion && (
          <Text size="xs" c="orange.9" maw={260}>
            {m.motivo_retencion} Sale el {formatearFechaHora(m.programado_para)} si las reglas lo permiten.
          </Text>
        )}
        {m.error && (
          <Text size="xs" c="red.8" maw={260}>
            {m.error}
            {m.intentos > 1 ? ` (${m.intentos} intentos)` : ''}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {m.via ? (
          <Text size="sm">{NOMBRE_VIA[m.via]}</Text>
        ) : m.canal === 'whatsapp' && m.estado === 'pendiente' && m.enlace ? (
          <Button
            component="a"
            href={m.enlace}
            target="_blank"
            rel="noopener noreferrer"
            size="compact-xs"
            color="green"
            leftSection={<IconBrandWhatsapp size={14} aria-hidden />}
            onClick={() => marcar.mutate()}
          >
            Abrir WhatsApp
          </Button>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
