import { Link } from 'react-router';
import { Anchor, Badge, EmptyState, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconBellCheck, IconMessages } from '@tabler/icons-react';
import { formatearFecha, formatearFechaHora, hoyEnSantiago } from '../../../shared/formato.ts';
import { diasHasta } from '../../components/fechas.ts';
import { AccionesSeguimiento } from '../../interacciones/AccionesSeguimiento.tsx';
import {
  COLOR_TIPO_INTERACCION,
  ICONO_TIPO_INTERACCION,
  NOMBRE_TIPO_INTERACCION,
} from '../../interacciones/catalogos.ts';
import type { InteraccionFicha, SeguimientoFicha } from '../tipos.ts';

/** The last 10 contacts, newest first, with a way into the full history. */
export function UltimasInteracciones({
  idCliente,
  interacciones,
}: {
  idCliente: number;
  interacciones: InteraccionFicha[];
}) {
  return (
    <Stack gap="xs">
      {interacciones.length === 0 ? (
        <EmptyState
          size="sm"
          icon={<IconMessages size={28} aria-hidden />}
          title="Sin interacciones registradas"
          description="Las llamadas, visitas, correos y mensajes con el cliente aparecerán aquí."
        />
      ) : (
        <Stack gap={10} component="ol" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Últimas interacciones">
          {interacciones.map((i) => {
            const Icono = ICONO_TIPO_INTERACCION[i.tipo] ?? IconMessages;
            return (
              <Group key={i.id_interaccion} component="li" gap="sm" wrap="nowrap" align="flex-start">
                <ThemeIcon
                  variant="light"
                  color={COLOR_TIPO_INTERACCION[i.tipo] ?? 'gray'}
                  size="md"
                  radius="xl"
                  aria-hidden
                >
                  <Icono size={16} />
                </ThemeIcon>
                <div style={{ minWidth: 0, flex: 1 }}>
                  <Group gap={6} justify="space-between" wrap="nowrap">
                    <Text size="sm" fw={600} truncate>
                      {i.motivo}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {formatearFechaHora(i.fecha)}
                    </Text>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {NOMBRE_TIPO_INTERACCION[i.tipo] ?? i.tipo}
                    {i.usuario ? ` · ${i.usuario}` : ''}
                    {i.seguimiento_requerido && i.fecha_seguimiento
                      ? ` · seguimiento ${formatearFecha(i.fecha_seguimiento)}${i.seguimiento_completado_en ? ' (hecho)' : ''}`
                      : ''}
                  </Text>
                  {i.resultado && (
                    <Text size="sm" lineClamp={2}>
                      {i.resultado}
                    </Text>
                  )}
                </div>
              </Group>
            );
          })}
        </Stack>
      )}
      <Anchor component={Link} to={`/clientes/${idCliente}/historia`} size="sm" fw={500} className="no-imprimir">
        Ver historia completa →
      </Anchor>
    </Stack>
  );
}

const enDias = (n: number) => (n === 1 ? 'Mañana' : `En ${n} días`);

/** Pending follow-ups of the cliente, soonest first; overdue ones in red. */
export function SeguimientosAbiertos({
  idCliente,
  seguimientos,
}: {
  idCliente: number;
  seguimientos: SeguimientoFicha[];
}) {
  const hoy = hoyEnSantiago();
  if (seguimientos.length === 0) {
    return (
      <EmptyState
        size="sm"
        icon={<IconBellCheck size={28} aria-hidden />}
        title="Sin seguimientos pendientes"
        description="Marque «Requiere seguimiento» al registrar una interacción para programar uno."
      />
    );
  }
  return (
    <Stack gap={10} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Seguimientos abiertos">
      {seguimientos.map((s) => {
        const vencido = s.fecha_seguimiento < hoy;
        const deHoy = s.fecha_seguimiento === hoy;
        return (
          <Stack key={s.id_interaccion} component="li" gap={4}>
            <Group gap={6} justify="space-between" wrap="nowrap">
              <Text size="sm" fw={600} truncate>
                {s.motivo}
              </Text>
              <Badge
                size="sm"
                variant="light"
                color={vencido ? 'red' : deHoy ? 'orange' : 'blue'}
                style={{ flexShrink: 0 }}
              >
                {vencido ? 'Vencido' : deHoy ? 'Hoy' : enDias(diasHasta(s.fecha_seguimiento))}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed">
              {formatearFecha(s.fecha_seguimiento)}
              {s.responsable ? ` · ${s.responsable}` : ''}
            </Text>
            <AccionesSeguimiento seguimiento={{ ...s, id_cliente: idCliente }} />
          </Stack>
        );
      })}
    </Stack>
  );
}
