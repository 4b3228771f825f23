import { useState } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  EmptyState,
  Group,
  Menu,
  Pagination,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconChecks, IconChevronDown, IconShieldCheck } from '@tabler/icons-react';
import { formatearFecha } from '../../shared/formato.ts';
import { NOMBRE_TIPO_SOLICITUD } from '../../shared/privacidad.ts';
import { Cargando } from '../components/Cargando.tsx';
import { useParametrosUrl } from '../components/parametrosUrl.ts';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { contar } from '../components/formato.ts';
import { useUsuario } from '../sesion/sesion.ts';
import { enlaceDatosPersonales, POR_PAGINA, useCerrarSolicitud, useSolicitudes } from './consultas.ts';
import { DialogoAnonimizar, DialogoBloqueo } from './Dialogos.tsx';
import type { Solicitud } from './tipos.ts';

const ESTADOS = [
  { value: 'abierta', label: 'Abiertas' },
  { value: 'cumplida', label: 'Cumplidas' },
  { value: 'rechazada', label: 'Rechazadas' },
  { value: 'todas', label: 'Todas' },
];

/** /privacidad/solicitudes: the titulares' requests (Ley 21.719) with days left; overdue ones stand out. */
export default function SolicitudesTitular() {
  const usuario = useUsuario();
  if (usuario.rol !== 'admin') return <Alert color="orange">Las solicitudes del titular son de administración.</Alert>;
  return <Contenido />;
}

function Contenido() {
  const [parametros, cambiar] = useParametrosUrl();
  const estado = ESTADOS.some((e) => e.value === parametros.get('estado')) ? parametros.get('estado')! : 'abierta';
  const pagina = Math.max(1, Number(parametros.get('pagina')) || 1);
  const solicitudes = useSolicitudes({ estado, pagina });
  const [accion, setAccion] = useState<{ tipo: 'bloqueo' | 'anonimizar'; s: Solicitud } | null>(null);
  const datos = solicitudes.data;
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>Solicitudes del titular</Title>
        <Text c="dimmed" size="sm">
          Acceso, rectificación, supresión, oposición, portabilidad y bloqueo (Ley 21.719): 30 días corridos para
          responder. Se registran desde la ficha del cliente, menú «Privacidad».
        </Text>
      </div>
      <Paper withBorder p="sm">
        <SegmentedControl
          data={ESTADOS}
          value={estado}
          onChange={(v) => cambiar({ estado: v === 'abierta' ? null : v, pagina: null })}
          aria-label="Estado"
        />
      </Paper>
      {solicitudes.isError && <ErrorCarga error={solicitudes.error} reintentar={() => void solicitudes.refetch()} />}
      {!datos && !solicitudes.isError && <Cargando texto="Cargando solicitudes…" />}
      {datos && datos.vencidas > 0 && (
        <Alert color="red" variant="light" title="Solicitudes fuera de plazo">
          {contar(datos.vencidas, 'solicitud abierta venció', 'solicitudes abiertas vencieron')} sin respuesta.
        </Alert>
      )}
      {datos && datos.items.length === 0 && (
        <EmptyState
          icon={<IconShieldCheck size={32} aria-hidden />}
          title={estado === 'abierta' ? 'Nada pendiente' : 'Sin solicitudes'}
          description={estado === 'abierta' ? 'No hay solicitudes abiertas.' : 'No hay solicitudes con este estado.'}
        />
      )}
      {datos && datos.items.length > 0 && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="xs" aria-label="Solicitudes del titular">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Cliente</Table.Th>
                  <Table.Th>Derecho</Table.Th>
                  <Table.Th>Recibida</Table.Th>
                  <Table.Th>Plazo</Table.Th>
                  <Table.Th>Estado</Table.Th>
                  <Table.Th aria-label="Acciones" />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {datos.items.map((s) => (
                  <FilaSolicitud key={s.id_solicitud} s={s} abrir={(tipo) => setAccion({ tipo, s })} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {datos && datos.total > POR_PAGINA && (
        <Group justify="flex-end">
          <Pagination
            total={Math.ceil(datos.total / POR_PAGINA)}
            value={pagina}
            onChange={(p) => cambiar({ pagina: p > 1 ? String(p) : null })}
          />
        </Group>
      )}
      {accion && (
        <>
          <DialogoBloqueo
            cliente={{ ...accion.s, nombre: accion.s.cliente }}
            bloquear
            idSolicitud={accion.s.id_solicitud}
            abierto={accion.tipo === 'bloqueo'}
            cerrar={() => setAccion(null)}
          />
          <DialogoAnonimizar
            cliente={{ ...accion.s, nombre: accion.s.cliente }}
            idSolicitud={accion.s.id_solicitud}
            abierto={accion.tipo === 'anonimizar'}
            cerrar={() => setAccion(null)}
          />
        </>
      )}
    </Stack>
  );
}

function Plazo({ s }: { s: Solicitud }) {
  if (s.dias_restantes === null) return <Text size="sm">{formatearFecha(s.plazo)}</Text>;
  const dias = s.dias_restantes;
  const texto =
    dias < 0 ? `vencida hace ${contar(-dias, 'día')}` : dias === 0 ? 'vence hoy' : `quedan ${contar(dias, 'día')}`;
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm">{formatearFecha(s.plazo)}</Text>
      <Badge color={dias < 0 ? 'red' : dias <= 7 ? 'orange' : 'gray'} variant={dias < 0 ? 'filled' : 'light'}>
        {texto}
      </Badge>
    </Group>
  );
}

/** One request; an open one offers the action that fulfils it and closing it by hand. */
function FilaSolicitud({ s, abrir }: { s: Solicitud; abrir: (tipo: 'bloqueo' | 'anonimizar') => void }) {
  const cerrar = useCerrarSolicitud();
  const abierta = s.estado === 'abierta';
  return (
    <Table.Tr bg={s.vencida ? 'var(--mantine-color-red-light)' : undefined}>
      <Table.Td>
        <Anchor component={Link} to={`/clientes/${s.id_cliente}`} size="sm">
          {s.cliente}
        </Anchor>
        <Text size="xs" c="dimmed">
          RUT {s.rut_formateado}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{NOMBRE_TIPO_SOLICITUD[s.tipo]}</Text>
        {s.notas && (
          <Text size="xs" c="dimmed" lineClamp={2}>
            {s.notas}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{formatearFecha(s.recibida_en)}</Table.Td>
      <Table.Td>
        <Plazo s={s} />
      </Table.Td>
      <Table.Td>
        {abierta ? (
          <Badge variant="light">Abierta</Badge>
        ) : (
          <Text size="sm">
            {s.estado === 'cumplida' ? 'Cumplida' : 'Rechazada'} el {formatearFecha(s.cerrada_en)}
            {s.cerrada_por ? ` por ${s.cerrada_por}` : ''}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {abierta && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button size="xs" variant="light" rightSection={<IconChevronDown size={14} aria-hidden />}>
                Atender
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {(s.tipo === 'acceso' || s.tipo === 'portabilidad') && (
                <>
                  <Menu.Item component="a" href={enlaceDatosPersonales(s.id_cliente, 'json')} download>
                    Exportar datos (JSON)
                  </Menu.Item>
                  <Menu.Item component="a" href={enlaceDatosPersonales(s.id_cliente, 'pdf')} download>
                    Exportar datos (PDF)
                  </Menu.Item>
                </>
              )}
              {(s.tipo === 'rectificacion' || s.tipo === 'oposicion') && (
                <Menu.Item component={Link} to={`/clientes/${s.id_cliente}/editar`}>
                  Editar datos del cliente
                </Menu.Item>
              )}
              {s.tipo === 'bloqueo' && <Menu.Item onClick={() => abrir('bloqueo')}>Bloquear al cliente…</Menu.Item>}
              {s.tipo === 'supresion' && (
                <Menu.Item color="red" onClick={() => abrir('anonimizar')}>
                  Anonimizar al cliente…
                </Menu.Item>
              )}
              <Menu.Divider />
              <Menu.Item
                leftSection={<IconChecks size={16} aria-hidden />}
                onClick={() => cerrar.mutate({ id_solicitud: s.id_solicitud, estado: 'cumplida' })}
              >
                Marcar cumplida
              </Menu.Item>
              <Menu.Item onClick={() => cerrar.mutate({ id_solicitud: s.id_solicitud, estado: 'rechazada' })}>
                Rechazar
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
