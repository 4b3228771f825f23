import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Anchor, Badge, Button, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMessagePlus } from '@tabler/icons-react';
import { api, mensajeDeError } from '../api.ts';
import { useRegistroInteraccion } from '../interacciones/DialogoInteraccion.tsx';
import { useUsuario } from '../sesion/sesion.ts';
import { ESTADO_MENSAJE, puedeGestionarContacto } from './catalogos.ts';
import { trasCambioDeMensajes } from './consultas.ts';
import type { MensajeCampana, ResultadosCampana } from './tipos.ts';

/** The outcomes the seed's example 2 asks to record after contacting each cliente. */
const RESULTADOS = [
  { valor: 'Respondió', color: 'blue' },
  { valor: 'Agendó mantención', color: 'campo' },
  { valor: 'Sin interés', color: 'gray' },
] as const;

/**
 * Step 4 of a reactivation: what each cliente answered. The outcome is written on the interacción
 * the campaign message created (POST /api/mensajes/:id/respondido), so it shows in the cliente's
 * history; "Registrar contacto" logs the call or visit that came of it, with its own follow-up.
 */
export function RegistroResultados({ datos }: { datos: ResultadosCampana }) {
  const usuario = useUsuario();
  const queryClient = useQueryClient();
  const registro = useRegistroInteraccion();
  // The server keeps "answered" but not which answer; the choice made here is shown until reload.
  const [elegidos, setElegidos] = useState<Record<number, string>>({});
  const responder = useMutation({
    mutationFn: async ({ m, resultado }: { m: MensajeCampana; resultado: string }) => {
      const r = await api<{ ok: boolean }>(`/api/mensajes/${m.id_mensaje}/respondido`, {
        metodo: 'POST',
        cuerpo: { resultado: `${resultado} (campaña «${datos.campana.nombre}»)` },
      });
      if (!r.ok) throw new Error(`El mensaje a ${m.nombre} aún no figura como enviado.`);
    },
    onSuccess: async (_, { m, resultado }) => {
      setElegidos((e) => ({ ...e, [m.id_mensaje]: resultado }));
      await trasCambioDeMensajes(queryClient);
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'No se pudo registrar el resultado', message: mensajeDeError(error) }),
  });
  const gestiona = puedeGestionarContacto(usuario.rol);

  return (
    <>
      <Table.ScrollContainer minWidth={820}>
        <Table verticalSpacing="xs" aria-label="Resultados por cliente">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Cliente</Table.Th>
              <Table.Th>Mensaje</Table.Th>
              <Table.Th>Resultado</Table.Th>
              {gestiona && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {datos.items.map((m) => {
              const elegido = elegidos[m.id_mensaje];
              const enviado = m.estado === 'enviado' || m.estado === 'respondido';
              return (
                <Table.Tr key={m.id_mensaje}>
                  <Table.Td>
                    <Anchor component={Link} to={`/clientes/${m.id_cliente}`} size="sm" fw={500}>
                      {m.nombre}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={ESTADO_MENSAJE[m.estado].color}>
                      {ESTADO_MENSAJE[m.estado].nombre}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {gestiona && enviado ? (
                      <Group gap={4} wrap="nowrap" role="group" aria-label={`Resultado de ${m.nombre}`}>
                        {RESULTADOS.map((r) => (
                          <Button
                            key={r.valor}
                            size="compact-xs"
                            color={r.color}
                            variant={elegido === r.valor ? 'filled' : 'light'}
                            aria-pressed={elegido === r.valor}
                            loading={
                              responder.isPending &&
                              responder.variables?.m.id_mensaje === m.id_mensaje &&
                              responder.variables.resultado === r.valor
                            }
                            onClick={() => responder.mutate({ m, resultado: r.valor })}
                          >
                            {r.valor}
                          </Button>
                        ))}
                      </Group>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {enviado ? '—' : 'Se registra cuando el mensaje esté enviado'}
                      </Text>
                    )}
                    {!elegido && (m.respondido || m.convertido) && (
                      <Group gap={4} mt={4}>
                        {m.respondido && (
                          <Badge size="xs" color="blue">
                            Respondió
                          </Badge>
                        )}
                        {m.convertido && (
                          <Badge size="xs" color="campo">
                            Convirtió
                          </Badge>
                        )}
                      </Group>
                    )}
                  </Table.Td>
                  {gestiona && (
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        leftSection={<IconMessagePlus size={14} aria-hidden />}
                        onClick={() =>
                          registro.abrir({
                            cliente: { id_cliente: m.id_cliente, nombre: m.nombre },
                            tipo: 'llamada',
                            motivo: `Respuesta a la campaña «${datos.campana.nombre}»`,
                          })
                        }
                        aria-label={`Registrar contacto con ${m.nombre}`}
                      >
                        Registrar contacto
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed">
        Una orden, un pedido o una cotización aceptada dentro de {datos.campana.dias_conversion} días del envío cuentan
        solos como conversión.
      </Text>
      {registro.dialogo}
    </>
  );
}
