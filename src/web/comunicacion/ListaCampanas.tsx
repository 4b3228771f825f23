import { Link, useNavigate } from 'react-router';
import { Anchor, Badge, Button, EmptyState, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus, IconSpeakerphone, IconUserOff } from '@tabler/icons-react';
import { formatearFecha, formatearFechaHora } from '../../shared/formato.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { useUsuario } from '../sesion/sesion.ts';
import { ESTADO_CAMPANA, NOMBRE_CANAL, NOMBRE_TIPO_CAMPANA, puedeEnviarCampanas } from './catalogos.ts';
import { useCampanas } from './consultas.ts';

/** /campanas: every campaign, newest first, each one a click from its results. */
export default function ListaCampanas() {
  const usuario = useUsuario();
  const navigate = useNavigate();
  const campanas = useCampanas();
  const envia = puedeEnviarCampanas(usuario.rol);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>Campañas</Title>
          <Text c="dimmed" size="sm">
            Mensajes a grupos de clientes elegidos por filtros, con el resultado de cada destinatario.
          </Text>
        </div>
        {envia && (
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconUserOff size={16} aria-hidden />}
              onClick={() => navigate('/inactivos')}
            >
              Reactivar inactivos
            </Button>
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => navigate('/campanas/nueva')}>
              Nueva campaña
            </Button>
          </Group>
        )}
      </Group>
      {campanas.isError && <ErrorCarga error={campanas.error} reintentar={() => void campanas.refetch()} />}
      {campanas.isPending && <Cargando texto="Cargando campañas…" />}
      {campanas.data?.length === 0 && (
        <EmptyState
          icon={<IconSpeakerphone size={32} aria-hidden />}
          title="Aún no hay campañas"
          description="Cree una para avisar una promoción de temporada, o reactive a los clientes que llevan meses sin contacto."
        />
      )}
      {campanas.data && campanas.data.length > 0 && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" highlightOnHover aria-label="Campañas">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Campaña</Table.Th>
                  <Table.Th>Tipo</Table.Th>
                  <Table.Th>Canal</Table.Th>
                  <Table.Th>Estado</Table.Th>
                  <Table.Th>Creada</Table.Th>
                  <Table.Th>Enviada</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {campanas.data.map((c) => (
                  <Table.Tr key={c.id_campana}>
                    <Table.Td>
                      <Anchor component={Link} to={`/campanas/${c.id_campana}`} fw={500} size="sm">
                        {c.nombre}
                      </Anchor>
                      {c.asunto && (
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {c.asunto}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{NOMBRE_TIPO_CAMPANA[c.tipo] ?? c.tipo}</Table.Td>
                    <Table.Td>{NOMBRE_CANAL[c.canal]}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={ESTADO_CAMPANA[c.estado].color}>
                        {ESTADO_CAMPANA[c.estado].nombre}
                      </Badge>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatearFecha(c.creada_en)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {c.enviada_en ? formatearFechaHora(c.enviada_en) : '—'}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
