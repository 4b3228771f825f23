import { Link } from 'react-router';
import { ActionIcon, Anchor, Badge, Group, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconListCheck, IconMessagePlus, IconSelector } from '@tabler/icons-react';
import { formatearFecha } from '../../shared/formato.ts';
import { formatearTelefono } from '../../shared/telefono.ts';
import { regionPorNombre, type Territorio } from '../territorio/territorio.ts';
import type { OrdenClientes } from './filtrosUrl.ts';
import type { ClienteResumen, Etiqueta } from './tipos.ts';

interface Props {
  clientes: ClienteResumen[];
  orden: OrdenClientes;
  alOrdenar: (orden: OrdenClientes) => void;
  territorio: Territorio | undefined;
  /** Current tag colours, so a tag recoloured in Ajustes shows right in rows fetched earlier. */
  etiquetas?: Etiqueta[];
  /** Opens "Registrar interacción" for that cliente; absent for roles that cannot log contacts. */
  alRegistrar?: (cliente: ClienteResumen) => void;
  /** Opens the inline editor of missing data; absent for roles that cannot edit clientes. */
  alCorregir?: (cliente: ClienteResumen) => void;
}

/** One page of clientes; sortable headers change the `orden` of the URL. */
export function TablaClientes({ clientes, orden, alOrdenar, territorio, etiquetas, alRegistrar, alCorregir }: Props) {
  const acciones = Boolean(alRegistrar || alCorregir);
  const colorDe = (e: Etiqueta) => etiquetas?.find((x) => x.id_etiqueta === e.id_etiqueta)?.color ?? e.color ?? 'gray';
  const columna = (etiqueta: string, asc: OrdenClientes, desc?: OrdenClientes, primero: OrdenClientes = asc) => (
    <Encabezado etiqueta={etiqueta} asc={asc} desc={desc} primero={primero} orden={orden} alOrdenar={alOrdenar} />
  );
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <caption className="solo-lector">Clientes; los encabezados con botón ordenan la lista</caption>
        <Table.Thead>
          <Table.Tr>
            {columna('Nombre', 'nombre', '-nombre')}
            {columna('RUT', 'rut')}
            {columna('Comuna', 'comuna')}
            {columna('Región', 'region')}
            <Table.Th>Teléfono</Table.Th>
            {columna('Último contacto', 'ultimo_contacto', '-ultimo_contacto', '-ultimo_contacto')}
            <Table.Th ta="right">Equipos</Table.Th>
            <Table.Th>Estado</Table.Th>
            {acciones && (
              <Table.Th w={alRegistrar && alCorregir ? 84 : 48}>
                <span className="solo-lector">Acciones</span>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {clientes.map((c) => {
            const region = regionPorNombre(territorio, c.region);
            return (
              <Table.Tr key={c.id_cliente}>
                <Table.Td>
                  <Anchor component={Link} to={`/clientes/${c.id_cliente}`} fw={500} size="sm">
                    {c.nombre}
                  </Anchor>
                  {c.etiquetas && c.etiquetas.length > 0 && (
                    <Group gap={4} mt={2}>
                      {c.etiquetas.map((e) => (
                        <Badge key={e.id_etiqueta} size="xs" variant="light" color={colorDe(e)}>
                          {e.nombre}
                        </Badge>
                      ))}
                    </Group>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.rut_formateado}</Table.Td>
                <Table.Td>{c.comuna ?? '—'}</Table.Td>
                <Table.Td title={c.region ?? undefined}>{region?.nombre_corto ?? c.region ?? '—'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.telefono ? formatearTelefono(c.telefono) : '—'}</Table.Td>
                <Table.Td>{c.ultimo_contacto ? formatearFecha(c.ultimo_contacto) : '—'}</Table.Td>
                <Table.Td ta="right">{c.cantidad_equipos}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Badge variant="light" color={c.activo ? 'campo' : 'gray'}>
                      {c.activo ? 'Activo' : 'Inactivo'}
                    </Badge>
                    {c.archivado && (
                      <Badge variant="outline" color="orange">
                        Archivado
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                {acciones && (
                  <Table.Td>
                    <Group gap={2} wrap="nowrap">
                      {alCorregir && (
                        <Tooltip label={`Completar datos de ${c.nombre}`} openDelay={400}>
                          <ActionIcon
                            variant="subtle"
                            aria-label={`Completar datos de ${c.nombre}`}
                            onClick={() => alCorregir(c)}
                          >
                            <IconListCheck size={18} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                      )}
                      {alRegistrar && (
                        <Tooltip label={`Registrar interacción con ${c.nombre}`} openDelay={400}>
                          <ActionIcon
                            variant="subtle"
                            aria-label="Registrar interacción"
                            onClick={() => alRegistrar(c)}
                          >
                            <IconMessagePlus size={18} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

interface PropsEncabezado {
  etiqueta: string;
  asc: OrdenClientes;
  desc: OrdenClientes | undefined;
  primero: OrdenClientes;
  orden: OrdenClientes;
  alOrdenar: (orden: OrdenClientes) => void;
}

function Encabezado({ etiqueta, asc, desc, primero, orden, alOrdenar }: PropsEncabezado) {
  const sentido = orden === asc ? 'ascending' : orden === desc ? 'descending' : undefined;
  const siguiente = sentido === 'ascending' && desc ? desc : sentido === 'descending' ? asc : primero;
  const Icono = sentido === 'ascending' ? IconChevronUp : sentido === 'descending' ? IconChevronDown : IconSelector;
  return (
    <Table.Th aria-sort={sentido ?? 'none'}>
      <UnstyledButton onClick={() => alOrdenar(siguiente)} fw={700} fz="sm">
        <Group gap={4} wrap="nowrap">
          <Text span inherit>
            {etiqueta}
          </Text>
          <Icono size={14} aria-hidden color={sentido ? undefined : 'var(--mantine-color-dimmed)'} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
