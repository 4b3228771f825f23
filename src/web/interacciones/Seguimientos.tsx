import { Link } from 'react-router';
import { Anchor, Badge, Group, Paper, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { formatearFecha } from '../../shared/formato.ts';
import { useUsuarios } from '../clientes/consultas.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { diasHasta } from '../components/fechas.ts';
import { Seccion } from '../components/Seccion.tsx';
import { Seleccion } from '../components/Seleccion.tsx';
import { puedeRegistrarInteracciones, useUsuario } from '../sesion/sesion.ts';
import { AccionesSeguimiento } from './AccionesSeguimiento.tsx';
import { NOMBRE_TIPO_INTERACCION } from './catalogos.ts';
import { useBandejaSeguimientos } from './consultas.ts';
import { useRegistroInteraccion } from './DialogoInteraccion.tsx';
import { EnlacesContacto } from './EnlacesContacto.tsx';
import type { Seguimiento, TipoInteraccion } from './tipos.ts';
import { useParametrosUrl } from '../components/parametrosUrl.ts';

/** /seguimientos: the follow-ups due, overdue first; an admin can look at everyone's or one person's. */
export default function Seguimientos() {
  const usuario = useUsuario();
  const esAdmin = usuario.rol === 'admin';
  const [parametros, cambiar] = useParametrosUrl();
  const todos = esAdmin && parametros.get('todos') === 'true';
  const idUsuario = esAdmin && /^\d+$/.test(parametros.get('usuario') ?? '') ? Number(parametros.get('usuario')) : null;
  const bandeja = useBandejaSeguimientos({ todos, id_usuario: idUsuario });
  const usuarios = useUsuarios();
  const registro = useRegistroInteraccion();

  const alContactar = puedeRegistrarInteracciones(usuario.rol)
    ? (s: Seguimiento, tipo: TipoInteraccion) =>
        registro.abrir({
          cliente: { id_cliente: s.id_cliente, nombre: s.cliente },
          tipo,
          motivo: `Seguimiento: ${s.motivo}`,
        })
    : undefined;

  const deQuien = idUsuario
    ? `de ${usuarios.data?.find((u) => u.id_usuario === idUsuario)?.nombre ?? 'otro usuario'}`
    : todos
      ? 'de todo el equipo'
      : 'asignados a usted';

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{todos || idUsuario ? 'Seguimientos' : 'Mis seguimientos'}</Title>
          <Text c="dimmed" size="sm">
            Pendientes {deQuien}: vencidos, de hoy y de los próximos 14 días
          </Text>
        </div>
        {esAdmin && (
          <Paper withBorder p="xs">
            <Group gap="md" align="flex-end">
              <Switch
                label="Ver todos"
                checked={todos}
                onChange={(e) => cambiar({ todos: e.currentTarget.checked ? 'true' : null })}
                mb={8}
              />
              <Seleccion
                label="Usuario"
                placeholder={todos ? 'Todos' : 'Yo'}
                data={(usuarios.data ?? []).map((u) => ({ value: String(u.id_usuario), label: u.nombre }))}
                value={idUsuario ? String(idUsuario) : null}
                onChange={(v) => cambiar({ usuario: v })}
                clearable
                searchable
                w={220}
              />
            </Group>
          </Paper>
        )}
      </Group>

      {bandeja.isError && <ErrorCarga error={bandeja.error} reintentar={() => void bandeja.refetch()} />}
      {!bandeja.data && !bandeja.isError && <Cargando texto="Cargando seguimientos…" />}
      {bandeja.data && (
        <>
          <Grupo
            titulo="Vencidos"
            color="red"
            items={bandeja.data.vencidos}
            vacio="Nada vencido."
            alContactar={alContactar}
          />
          <Grupo
            titulo="Hoy"
            color="orange"
            items={bandeja.data.de_hoy}
            vacio="Nada para hoy."
            alContactar={alContactar}
          />
          <Grupo
            titulo="Próximos"
            color="blue"
            items={bandeja.data.proximos}
            vacio="Nada programado para los próximos 14 días."
            alContactar={alContactar}
          />
        </>
      )}
      {registro.dialogo}
    </Stack>
  );
}

function Grupo({
  titulo,
  color,
  items,
  vacio,
  alContactar,
}: {
  titulo: string;
  color: string;
  items: Seguimiento[];
  vacio: string;
  alContactar: ((s: Seguimiento, tipo: TipoInteraccion) => void) | undefined;
}) {
  return (
    <Seccion titulo={`${titulo} (${items.length})`}>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {vacio}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Cliente</Table.Th>
                <Table.Th>Motivo</Table.Th>
                <Table.Th>Fecha</Table.Th>
                <Table.Th>Responsable</Table.Th>
                <Table.Th>Contacto</Table.Th>
                <Table.Th>Acciones</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((s) => {
                const dias = s.fecha_seguimiento ? diasHasta(s.fecha_seguimiento) : 0;
                return (
                  <Table.Tr key={s.id_interaccion}>
                    <Table.Td>
                      <Anchor component={Link} to={`/clientes/${s.id_cliente}`} size="sm" fw={500}>
                        {s.cliente}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{s.motivo}</Text>
                      <Text size="xs" c="dimmed">
                        {NOMBRE_TIPO_INTERACCION[s.tipo] ?? s.tipo}
                        {s.resultado ? ` · ${s.resultado}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm">{formatearFecha(s.fecha_seguimiento)}</Text>
                      {dias < 0 && (
                        <Badge size="xs" color={color} variant="light">
                          hace {-dias} {dias === -1 ? 'día' : 'días'}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{s.responsable_seguimiento ?? '—'}</Table.Td>
                    <Table.Td>
                      <EnlacesContacto
                        telefono={s.telefono_cliente}
                        nombre={s.cliente}
                        compacto
                        alContactar={alContactar ? (tipo) => alContactar(s, tipo) : undefined}
                      />
                    </Table.Td>
                    <Table.Td>
                      <AccionesSeguimiento seguimiento={s} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Seccion>
  );
}
