import type { ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Anchor, Badge, Button, DataList, EmptyState, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import {
  IconBrandWhatsapp,
  IconChartBar,
  IconMessages,
  IconMoodSmile,
  IconPencil,
  IconPhone,
} from '@tabler/icons-react';
import { formatearFecha } from '../../shared/formato.ts';
import { digitosWhatsapp, formatearTelefono } from '../../shared/telefono.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { useTituloPagina } from '../components/Pagina.tsx';
import { Seccion } from '../components/Seccion.tsx';
import { puedeEditarClientes, useUsuario } from '../sesion/sesion.ts';
import { ArchivarCliente } from './ArchivarCliente.tsx';
import { ClienteNoEncontrado, esClienteInexistente } from './ClienteNoEncontrado.tsx';
import { NOMBRE_TIPO_PERSONA } from './catalogos.ts';
import { useFicha } from './consultas.ts';
import { EquiposCliente } from './EquiposCliente.tsx';
import type { Cliente } from './tipos.ts';

/** /clientes/:id: everything the workshop knows about one cliente. */
export default function FichaCliente() {
  const id = Number(useParams().id);
  const usuario = useUsuario();
  const navigate = useNavigate();
  const ficha = useFicha(id);
  useTituloPagina(ficha.data?.cliente.nombre);

  if (esClienteInexistente(id, ficha.error)) return <ClienteNoEncontrado />;
  if (ficha.isError) return <ErrorCarga error={ficha.error} reintentar={() => void ficha.refetch()} />;
  if (!ficha.data) return <Cargando texto="Cargando la ficha…" />;

  const { cliente, equipos } = ficha.data;
  const escribe = puedeEditarClientes(usuario.rol);

  return (
    <Stack gap="md">
      <div>
        <Anchor component={Link} to="/clientes" size="sm" className="no-imprimir">
          ← Clientes
        </Anchor>
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={4}>
            <Title order={1}>{cliente.nombre}</Title>
            <Group gap="xs">
              <Text c="dimmed">RUT {cliente.rut_formateado}</Text>
              <Badge variant="light" color={cliente.activo ? 'campo' : 'gray'}>
                {cliente.activo ? 'Activo' : 'Inactivo'}
              </Badge>
              {cliente.archivado && (
                <Badge variant="outline" color="orange">
                  Archivado
                </Badge>
              )}
              {cliente.tipo_persona && (
                <Badge variant="outline" color="gray">
                  {NOMBRE_TIPO_PERSONA[cliente.tipo_persona]}
                </Badge>
              )}
            </Group>
          </Stack>
          {escribe && (
            <Group gap="xs" className="no-imprimir">
              <Button
                leftSection={<IconPencil size={16} aria-hidden />}
                onClick={() => navigate(`/clientes/${cliente.id_cliente}/editar`)}
              >
                Editar
              </Button>
              <ArchivarCliente cliente={cliente} />
            </Group>
          )}
        </Group>
      </div>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Seccion titulo="Contacto">
          <DataList labelWidth={130}>
            <Dato etiqueta="Teléfono">
              <Telefono telefono={cliente.telefono} />
            </Dato>
            <Dato etiqueta="Email">
              {cliente.email ? (
                <Anchor href={`mailto:${cliente.email}`} inherit>
                  {cliente.email}
                </Anchor>
              ) : null}
            </Dato>
            <Dato etiqueta="Dirección">{cliente.direccion}</Dato>
            <Dato etiqueta="Comuna">{cliente.comuna}</Dato>
            <Dato etiqueta="Región">{cliente.region}</Dato>
          </DataList>
        </Seccion>
        <Seccion titulo="Relación con el taller">
          <DataList labelWidth={150}>
            <Dato etiqueta="Cliente desde">{formatearFecha(cliente.fecha_registro)}</Dato>
            <Dato etiqueta="Último contacto">{formatearFecha(cliente.ultimo_contacto)}</Dato>
            <Dato etiqueta="Responsable">{cliente.responsable}</Dato>
            {(cliente.fecha_nacimiento || cliente.tipo_persona !== 'empresa') && (
              <Dato etiqueta="Nacimiento">{formatearFecha(cliente.fecha_nacimiento)}</Dato>
            )}
            {(cliente.fecha_aniversario || cliente.tipo_persona === 'empresa') && (
              <Dato etiqueta="Aniversario">{formatearFecha(cliente.fecha_aniversario)}</Dato>
            )}
            <Dato etiqueta="Etiquetas">{cliente.etiquetas.length > 0 ? <Etiquetas cliente={cliente} /> : null}</Dato>
          </DataList>
        </Seccion>
      </SimpleGrid>

      {cliente.notas && (
        <Seccion titulo="Notas">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {cliente.notas}
          </Text>
        </Seccion>
      )}

      <Seccion titulo="Equipos">
        <EquiposCliente equipos={equipos} />
      </Seccion>

      {/* Filled by the interacciones, encuestas and valor modules; until then they say so, without invented data. */}
      <SimpleGrid cols={{ base: 1, lg: 3 }}>
        <Seccion titulo="Interacciones">
          <EmptyState
            size="sm"
            icon={<IconMessages size={28} aria-hidden />}
            title="Sin interacciones para mostrar"
            description="Las llamadas, visitas, correos y mensajes con el cliente aparecerán aquí."
          />
        </Seccion>
        <Seccion titulo="Satisfacción">
          <EmptyState
            size="sm"
            icon={<IconMoodSmile size={28} aria-hidden />}
            title="Sin encuestas para mostrar"
            description="Las encuestas respondidas y el NPS del cliente aparecerán aquí."
          />
        </Seccion>
        <Seccion titulo="Valor">
          <EmptyState
            size="sm"
            icon={<IconChartBar size={28} aria-hidden />}
            title="Sin datos de valor para mostrar"
            description="El valor histórico, el potencial y el segmento del cliente aparecerán aquí."
          />
        </Seccion>
      </SimpleGrid>
    </Stack>
  );
}

/** One label/value row; an empty value reads as "—" rather than disappearing. */
function Dato({ etiqueta, children }: { etiqueta: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{etiqueta}</DataList.ItemLabel>
      <DataList.ItemValue>
        {children === null || children === undefined || children === '' ? '—' : children}
      </DataList.ItemValue>
    </DataList.Item>
  );
}

function Telefono({ telefono }: { telefono: string | null }) {
  if (!telefono) return null;
  return (
    <Group gap="sm" wrap="nowrap">
      <Anchor href={`tel:${telefono}`} inherit>
        <Group gap={4} wrap="nowrap" component="span">
          <IconPhone size={14} aria-hidden />
          {formatearTelefono(telefono)}
        </Group>
      </Anchor>
      <Anchor
        href={`https://wa.me/${digitosWhatsapp(telefono)}`}
        target="_blank"
        rel="noopener noreferrer"
        c="green.8"
        inherit
      >
        <Group gap={4} wrap="nowrap" component="span">
          <IconBrandWhatsapp size={14} aria-hidden />
          WhatsApp
        </Group>
      </Anchor>
    </Group>
  );
}

function Etiquetas({ cliente }: { cliente: Cliente }) {
  return (
    <Group gap={4}>
      {cliente.etiquetas.map((e) => (
        <Badge key={e.id_etiqueta} color={e.color} variant="light">
          {e.nombre}
        </Badge>
      ))}
    </Group>
  );
}
