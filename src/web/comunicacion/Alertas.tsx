import { Link } from 'react-router';
import { Anchor, Button, EmptyState, Group, Pagination, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { IconBellCheck } from '@tabler/icons-react';
import { formatearFecha } from '../../shared/formato.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { contar } from '../components/formato.ts';
import { Seccion } from '../components/Seccion.tsx';
import { useRegistroInteraccion } from '../interacciones/DialogoInteraccion.tsx';
import { EnlacesContacto } from '../interacciones/EnlacesContacto.tsx';
import type { TipoInteraccion } from '../interacciones/tipos.ts';
import { useUsuario } from '../sesion/sesion.ts';
import { AccionesAlerta } from './AccionesAlerta.tsx';
import { Cercania } from './Cercania.tsx';
import { puedeGestionarContacto, TIPOS_ALERTA } from './catalogos.ts';
import { useAlertas } from './consultas.ts';
import { FechasEspeciales } from './FechasEspeciales.tsx';
import type { Alerta, TipoAlerta } from './tipos.ts';
import { useParametrosUrl } from '../components/parametrosUrl.ts';

const POR_PAGINA = 200;

/** /alertas: what asks for action today, grouped by kind, each alert one click from its cliente. */
export default function Alertas() {
  const usuario = useUsuario();
  const esAdmin = usuario.rol === 'admin';
  const gestiona = puedeGestionarContacto(usuario.rol);
  const [parametros, cambiar] = useParametrosUrl();
  const todos = esAdmin && parametros.get('todos') === 'true';
  const tipo = TIPOS_ALERTA.find((t) => t.tipo === parametros.get('tipo'))?.tipo ?? null;
  const pagina = Math.max(1, Number(parametros.get('pagina')) || 1);
  const offset = (pagina - 1) * POR_PAGINA;
  // The counts per kind always come from the unfiltered list, so the filter buttons keep theirs.
  const resumen = useAlertas({ todos, tipo: null, offset: tipo ? 0 : offset });
  const filtrada = useAlertas({ todos, tipo, offset }, tipo !== null);
  const lista = tipo ? filtrada : resumen;
  const registro = useRegistroInteraccion();

  const registrar = (a: Alerta, tipoContacto?: TipoInteraccion) =>
    registro.abrir({ cliente: { id_cliente: a.id_cliente, nombre: a.cliente }, tipo: tipoContacto, motivo: a.titulo });

  const porTipo = resumen.data?.por_tipo ?? {};
  const items = lista.data?.items ?? [];
  const total = lista.data?.total ?? 0;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>Alertas</Title>
          <Text c="dimmed" size="sm">
            Lo que pide acción hoy {todos ? 'en todo el equipo' : 'asignado a usted'}: seguimientos, mantenciones,
            clientes inactivos, fechas especiales y clientes insatisfechos.
          </Text>
        </div>
        {esAdmin && (
          <Switch
            label="Ver todas"
            checked={todos}
            onChange={(e) => cambiar({ todos: e.currentTarget.checked ? 'true' : null, pagina: null })}
          />
        )}
      </Group>

      <Group gap="xs" role="group" aria-label="Filtrar por tipo de alerta">
        <Button
          size="xs"
          variant={tipo === null ? 'filled' : 'light'}
          onClick={() => cambiar({ tipo: null, pagina: null })}
          aria-pressed={tipo === null}
        >
          Todas ({resumen.data?.total ?? 0})
        </Button>
        {TIPOS_ALERTA.map((t) => (
          <Button
            key={t.tipo}
            size="xs"
            color={t.color}
            variant={tipo === t.tipo ? 'filled' : 'light'}
            leftSection={<t.icono size={14} aria-hidden />}
            onClick={() => cambiar({ tipo: t.tipo, pagina: null })}
            aria-pressed={tipo === t.tipo}
          >
            {t.nombre} ({porTipo[t.tipo] ?? 0})
          </Button>
        ))}
      </Group>

      {lista.isError && <ErrorCarga error={lista.error} reintentar={() => void lista.refetch()} />}
      {!lista.data && !lista.isError && <Cargando texto="Cargando alertas…" />}
      {lista.data && items.length === 0 && (
        <EmptyState
          icon={<IconBellCheck size={32} aria-hidden />}
          title="Nada pendiente"
          description="No hay alertas por atender. El sistema revisa seguimientos, mantenciones e inactividad cada 15 minutos."
        />
      )}
      {TIPOS_ALERTA.filter((t) => items.some((a) => a.tipo === t.tipo)).map((t) => (
        <GrupoAlertas
          key={t.tipo}
          tipo={t.tipo}
          items={items.filter((a) => a.tipo === t.tipo)}
          gestiona={gestiona}
          registrar={registrar}
        />
      ))}
      {total > POR_PAGINA && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {contar(total, 'alerta')}
          </Text>
          <Pagination
            total={Math.ceil(total / POR_PAGINA)}
            value={pagina}
            onChange={(p) => cambiar({ pagina: p > 1 ? String(p) : null })}
            getControlProps={(c) => ({ 'aria-label': c === 'next' ? 'Página siguiente' : 'Página anterior' })}
          />
        </Group>
      )}

      <FechasEspeciales dias={7} />
      {registro.dialogo}
    </Stack>
  );
}

function GrupoAlertas({
  tipo,
  items,
  gestiona,
  registrar,
}: {
  tipo: TipoAlerta;
  items: Alerta[];
  gestiona: boolean;
  registrar: (a: Alerta, tipo?: TipoInteraccion) => void;
}) {
  const t = TIPOS_ALERTA.find((x) => x.tipo === tipo)!;
  return (
    <Seccion titulo={`${t.nombre} (${items.length})`}>
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing="xs" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Cliente</Table.Th>
              <Table.Th>Alerta</Table.Th>
              <Table.Th>Fecha</Table.Th>
              <Table.Th>Contacto</Table.Th>
              {gestiona && <Table.Th>Acciones</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((a) => (
              <Table.Tr key={a.id_alerta}>
                <Table.Td>
                  <Anchor component={Link} to={`/clientes/${a.id_cliente}`} size="sm" fw={500}>
                    {a.cliente}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{a.titulo}</Text>
                  {sinCliente(a) && (
                    <Text size="xs" c="dimmed">
                      {sinCliente(a)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{formatearFecha(a.fecha)}</Text>
                  <Cercania fecha={a.fecha} />
                </Table.Td>
                <Table.Td>
                  <EnlacesContacto
                    telefono={a.telefono}
                    nombre={a.cliente}
                    compacto
                    alContactar={gestiona ? (tipoContacto) => registrar(a, tipoContacto) : undefined}
                  />
                </Table.Td>
                {gestiona && (
                  <Table.Td>
                    <AccionesAlerta alerta={a} registrarContacto={() => registrar(a)} />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Seccion>
  );
}

/** The alert's detail without the cliente's name, which the row already shows in its first column. */
function sinCliente(a: Alerta): string | null {
  if (!a.detalle || a.detalle === a.cliente) return null;
  return a.detalle.startsWith(`${a.cliente} · `) ? a.detalle.slice(a.cliente.length + 3) : a.detalle;
}
