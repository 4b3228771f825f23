import { Link } from 'react-router';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  EmptyState,
  Group,
  Pagination,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconListSearch } from '@tabler/icons-react';
import { formatearFechaHora } from '../../shared/formato.ts';
import { useUsuarios } from '../clientes/consultas.ts';
import { CampoFecha } from '../components/CampoFecha.tsx';
import { Cargando } from '../components/Cargando.tsx';
import { useParametrosUrl } from '../components/parametrosUrl.ts';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { contar } from '../components/formato.ts';
import { Seleccion } from '../components/Seleccion.tsx';
import { useUsuario } from '../sesion/sesion.ts';
import { POR_PAGINA, useAuditoria } from './consultas.ts';
import type { RegistroAuditoria } from './tipos.ts';

const ACCIONES: Record<string, string> = {
  crear: 'Creó',
  editar: 'Editó',
  archivar: 'Archivó',
  restaurar: 'Restauró',
  exportar: 'Exportó',
  bloquear: 'Bloqueó',
  desbloquear: 'Desbloqueó',
  anonimizar: 'Anonimizó',
  consentir: 'Registró consentimiento',
  revocar: 'Registró retiro de consentimiento',
  cumplir: 'Cumplió',
  rechazar: 'Rechazó',
};
const COLOR_ACCION: Record<string, string> = {
  exportar: 'blue',
  bloquear: 'orange',
  anonimizar: 'red',
  desbloquear: 'campo',
};

/** /privacidad/auditoria: who did what, when, to which record, with the change; read only, admins only. */
export default function Auditoria() {
  const usuario = useUsuario();
  if (usuario.rol !== 'admin') return <Alert color="orange">La auditoría es de administración.</Alert>;
  return <Contenido />;
}

function Contenido() {
  const [parametros, cambiar] = useParametrosUrl();
  const numero = (clave: string) => Number(parametros.get(clave)) || null;
  const filtros = {
    id_usuario: numero('usuario'),
    id_cliente: numero('cliente'),
    desde: parametros.get('desde'),
    hasta: parametros.get('hasta'),
    pagina: Math.max(1, numero('pagina') ?? 1),
  };
  const registros = useAuditoria(filtros);
  const usuarios = useUsuarios();
  const datos = registros.data;
  const nombreCliente = datos?.items.find((r) => r.id_cliente === filtros.id_cliente)?.cliente;
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>Auditoría</Title>
        <Text c="dimmed" size="sm">
          Cada escritura y cada exportación de datos personales: quién, cuándo, qué y con qué cambios. Los registros no
          se pueden modificar ni borrar.
        </Text>
      </div>
      <Paper withBorder p="sm">
        <Group gap="md" align="flex-end">
          <Seleccion
            label="Usuario"
            placeholder="Todos"
            data={(usuarios.data ?? []).map((u) => ({ value: String(u.id_usuario), label: u.nombre }))}
            value={filtros.id_usuario ? String(filtros.id_usuario) : null}
            onChange={(v) => cambiar({ usuario: v })}
            searchable
            clearable
            w={240}
          />
          <CampoFecha label="Desde" value={filtros.desde} onChange={(v) => cambiar({ desde: v })} w={160} />
          <CampoFecha label="Hasta" value={filtros.hasta} onChange={(v) => cambiar({ hasta: v })} w={160} />
          {filtros.id_cliente && (
            <Button variant="light" size="sm" onClick={() => cambiar({ cliente: null })}>
              Cliente: {nombreCliente ?? filtros.id_cliente} · quitar filtro
            </Button>
          )}
        </Group>
      </Paper>
      {registros.isError && <ErrorCarga error={registros.error} reintentar={() => void registros.refetch()} />}
      {!datos && !registros.isError && <Cargando texto="Cargando la auditoría…" />}
      {datos && datos.items.length === 0 && (
        <EmptyState
          icon={<IconListSearch size={32} aria-hidden />}
          title="Sin registros"
          description="No hay registros con estos filtros."
        />
      )}
      {datos && datos.items.length > 0 && (
        <>
          <Text size="sm" c="dimmed">
            {contar(datos.total, 'registro')}
          </Text>
          <Paper withBorder>
            <Table.ScrollContainer minWidth={1000}>
              <Table verticalSpacing="xs" aria-label="Registros de auditoría">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Fecha</Table.Th>
                    <Table.Th>Usuario</Table.Th>
                    <Table.Th w={190}>Acción</Table.Th>
                    <Table.Th>Cliente</Table.Th>
                    <Table.Th>Detalle</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {datos.items.map((r) => (
                    <Table.Tr key={r.id_auditoria}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatearFechaHora(r.fecha)}</Table.Td>
                      <Table.Td>{r.usuario ?? 'Sistema'}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={COLOR_ACCION[r.accion] ?? 'gray'} maw="none">
                          {ACCIONES[r.accion] ?? r.accion}
                        </Badge>
                        <Text size="xs" c="dimmed">
                          {r.entidad.replace(/_/g, ' ')}
                          {r.id_entidad ? ` ${r.id_entidad}` : ''}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {r.id_cliente ? (
                          <Anchor component={Link} to={`/clientes/${r.id_cliente}`} size="sm">
                            {r.cliente ?? `Cliente ${r.id_cliente}`}
                          </Anchor>
                        ) : (
                          '—'
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Detalle registro={r} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        </>
      )}
      {datos && datos.total > POR_PAGINA && (
        <Group justify="flex-end">
          <Pagination
            total={Math.ceil(datos.total / POR_PAGINA)}
            value={filtros.pagina}
            onChange={(p) => cambiar({ pagina: p > 1 ? String(p) : null })}
            getControlProps={(c) => ({ 'aria-label': c === 'next' ? 'Página siguiente' : 'Página anterior' })}
          />
        </Group>
      )}
    </Stack>
  );
}

/** A recorded value as people read it: yes/no, dash for empty, compact JSON for nested data. */
function texto(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'Sí' : 'No';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** The diff as "campo: antes → después"; any other detail as "clave: valor". */
function Detalle({ registro }: { registro: RegistroAuditoria }) {
  const d = registro.detalle;
  if (!d)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  const { cambios, ...resto } = d as { cambios?: Record<string, [unknown, unknown]> } & Record<string, unknown>;
  return (
    <Stack gap={2}>
      {cambios &&
        Object.entries(cambios).map(([campo, [antes, despues]]) => (
          <Text size="xs" key={campo}>
            <b>{campo.replace(/_/g, ' ')}</b>: <s>{texto(antes)}</s> → {texto(despues)}
          </Text>
        ))}
      {Object.entries(resto).map(([clave, valor]) => (
        <Text size="xs" key={clave} style={{ overflowWrap: 'anywhere' }}>
          <b>{clave.replace(/_/g, ' ')}</b>:{' '}
          {typeof valor === 'object' && valor !== null && !Array.isArray(valor)
            ? Object.entries(valor)
                .map(([k, v]) => `${k.replace(/_/g, ' ')} ${texto(v)}`)
                .join(' · ') || '—'
            : texto(valor)}
        </Text>
      ))}
    </Stack>
  );
}
