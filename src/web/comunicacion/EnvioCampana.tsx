import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Button, Group, Progress, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconBrandWhatsapp, IconCheck } from '@tabler/icons-react';
import { api, mensajeDeError } from '../api.ts';
import { contar } from '../components/formato.ts';
import { useUsuario } from '../sesion/sesion.ts';
import { ESTADO_MENSAJE, puedeGestionarContacto } from './catalogos.ts';
import { trasCambioDeMensajes } from './consultas.ts';
import { mostrarDestino } from './formato.ts';
import type { MensajeCampana, ResultadosCampana } from './tipos.ts';

/**
 * How far the sending got. Email is sent by the server's outbox worker (every 30 s), so the bar
 * follows the polled results; WhatsApp cannot be sent by the server: each message waits with its
 * wa.me link for a person to open it, and opening it marks it sent.
 */
export function EnvioCampana({ datos }: { datos: ResultadosCampana }) {
  const { campana, resumen, items } = datos;
  const hechos = resumen.destinatarios - resumen.pendientes;
  const porcentaje = resumen.destinatarios ? Math.round((100 * hechos) / resumen.destinatarios) : 0;
  const fallidos = items.filter((m) => m.estado === 'fallido');
  return (
    <Stack gap="sm">
      <div>
        <Group justify="space-between" mb={4}>
          <Text size="sm" fw={500}>
            {resumen.pendientes > 0
              ? campana.canal !== 'whatsapp'
                ? `Enviando… ${hechos} de ${resumen.destinatarios}`
                : `${hechos} de ${resumen.destinatarios} WhatsApp enviados`
              : `Envío terminado: ${contar(resumen.enviados, 'enviado')}${resumen.fallidos ? `, ${contar(resumen.fallidos, 'fallido')}` : ''}`}
          </Text>
          <Text size="sm" c="dimmed">
            {porcentaje} %
          </Text>
        </Group>
        <Progress
          value={porcentaje}
          color={resumen.fallidos ? 'orange' : 'campo'}
          animated={resumen.pendientes > 0 && campana.canal !== 'whatsapp'}
          aria-label="Avance del envío"
          size="lg"
        />
        {resumen.pendientes > 0 && campana.canal !== 'whatsapp' && (
          <Text size="xs" c="dimmed" mt={4}>
            El servidor despacha los correos cada 30 segundos; puede salir de esta página, el envío sigue.
          </Text>
        )}
      </div>
      {fallidos.length > 0 && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title="Fallidos">
          <Stack gap={2}>
            {fallidos.map((m) => (
              <Text key={m.id_mensaje} size="sm">
                {m.nombre} ({mostrarDestino(m.destino)}): {m.error ?? 'sin detalle'}
                {m.intentos < 5 ? ' · se reintentará' : ' · sin más reintentos'}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      {items.some((m) => m.canal === 'whatsapp') && (
        <ListaWhatsapp items={items.filter((m) => m.canal === 'whatsapp')} />
      )}
    </Stack>
  );
}

/** One row per WhatsApp: "Abrir WhatsApp" opens the prepared chat in a new tab and records the send. */
function ListaWhatsapp({ items }: { items: MensajeCampana[] }) {
  const usuario = useUsuario();
  const queryClient = useQueryClient();
  const marcar = useMutation({
    mutationFn: (id: number) => api(`/api/mensajes/${id}/enviado`, { metodo: 'POST' }),
    onSuccess: () => trasCambioDeMensajes(queryClient),
    onError: (error) =>
      notifications.show({ color: 'red', title: 'No se pudo marcar como enviado', message: mensajeDeError(error) }),
  });
  const envia = puedeGestionarContacto(usuario.rol);
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs" aria-label="Mensajes de WhatsApp">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Cliente</Table.Th>
            <Table.Th>Teléfono</Table.Th>
            <Table.Th>Estado</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((m) => (
            <Table.Tr key={m.id_mensaje}>
              <Table.Td>
                <Text size="sm">{m.nombre}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {mostrarDestino(m.destino)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={ESTADO_MENSAJE[m.estado].color}>
                  {ESTADO_MENSAJE[m.estado].nombre}
                </Badge>
              </Table.Td>
              <Table.Td>
                {m.estado === 'pendiente' && m.enlace && envia ? (
                  // A real link, so the browser opens the tab from the click itself (no popup blocker);
                  // the click also records the send.
                  <Button
                    component="a"
                    href={m.enlace}
                    target="_blank"
                    rel="noopener noreferrer"
                    size="compact-sm"
                    color="green"
                    leftSection={<IconBrandWhatsapp size={16} aria-hidden />}
                    onClick={() => marcar.mutate(m.id_mensaje)}
                    aria-label={`Abrir WhatsApp de ${m.nombre}`}
                  >
                    Abrir WhatsApp
                  </Button>
                ) : m.estado !== 'pendiente' ? (
                  <IconCheck size={18} color="var(--mantine-color-campo-7)" aria-hidden />
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
