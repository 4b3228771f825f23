import type { ReactNode } from 'react';
import { Alert, Group, Paper, Progress, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconThumbUp } from '@tabler/icons-react';
import { contar, formatearNumero } from '../components/formato.ts';
import { colorNota, colorNps, formatearNota, formatearNps, TITULO_DIMENSION } from './formato.ts';
import type { AnalisisSatisfaccion } from './tipos.ts';

const porcentaje = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 1 });

function Tarjeta({ titulo, children }: { titulo: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={titulo}>
      <Stack gap={6}>
        <Text size="sm" fw={600} c="dimmed">
          {titulo}
        </Text>
        {children}
      </Stack>
    </Paper>
  );
}

/** NPS with its promoters / passives / detractors, the response rate and the mean general score. */
export function Indicadores({ analisis }: { analisis: AnalisisSatisfaccion }) {
  const { nps, tasa_respuesta: tasa, promedio_general: promedio } = analisis;
  const pct = nps.porcentajes;
  const grupos = [
    { nombre: 'Promotores', rango: '9–10', cantidad: nps.promotores, pct: pct?.promotores ?? 0, color: 'campo' },
    { nombre: 'Pasivos', rango: '7–8', cantidad: nps.pasivos, pct: pct?.pasivos ?? 0, color: 'yellow' },
    { nombre: 'Detractores', rango: '1–6', cantidad: nps.detractores, pct: pct?.detractores ?? 0, color: 'red' },
  ];
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
      <Tarjeta titulo="NPS">
        <Group gap="xs" align="baseline">
          <Text fz={40} fw={700} lh={1} c={colorNps(nps.nps)}>
            {formatearNps(nps.nps)}
          </Text>
          <Text size="sm" c="dimmed">
            {contar(nps.respondidas, 'respondida')}
          </Text>
        </Group>
        {nps.respondidas > 0 && (
          <Progress.Root size="lg" aria-hidden>
            {grupos.map((g) => (
              <Tooltip key={g.nombre} label={`${g.nombre}: ${g.cantidad} (${g.pct} %)`}>
                <Progress.Section value={(100 * g.cantidad) / nps.respondidas} color={g.color} />
              </Tooltip>
            ))}
          </Progress.Root>
        )}
        <Stack gap={0}>
          {grupos.map((g) => (
            <Group key={g.nombre} justify="space-between" gap={4}>
              <Text size="xs">
                <Text span inherit c={`${g.color}.8`} fw={700} aria-hidden>
                  ●{' '}
                </Text>
                {g.nombre} ({g.rango})
              </Text>
              <Text size="xs" fw={500}>
                {formatearNumero(g.cantidad)} · {g.pct} %
              </Text>
            </Group>
          ))}
        </Stack>
      </Tarjeta>

      <Tarjeta titulo="Tasa de respuesta">
        <Text fz={40} fw={700} lh={1}>
          {tasa.tasa === null ? '—' : `${porcentaje.format(tasa.tasa)} %`}
        </Text>
        <Text size="sm" c="dimmed">
          {tasa.enviadas === 0
            ? 'No se enviaron encuestas en el período.'
            : `${formatearNumero(tasa.respondidas)} de ${contar(tasa.enviadas, 'encuesta enviada', 'encuestas enviadas')}`}
        </Text>
        {tasa.tasa !== null && <Progress value={tasa.tasa} size="sm" aria-hidden />}
      </Tarjeta>

      <Tarjeta titulo="Nota general promedio">
        <Group gap={4} align="baseline">
          <Text fz={40} fw={700} lh={1} c={promedio === null ? undefined : `${colorNota(promedio)}.8`}>
            {formatearNota(promedio)}
          </Text>
          <Text size="sm" c="dimmed">
            de 10
          </Text>
        </Group>
        <Text size="sm" c="dimmed">
          Promedio de la pregunta general en {contar(nps.respondidas, 'encuesta')}.
        </Text>
      </Tarjeta>
    </SimpleGrid>
  );
}

/**
 * "Tiempo de respuesta: 5,4 — 3,1 puntos bajo las demás" (DOMAIN.md "Weakest area": the lowest
 * mean of the period; on a tie every one is named).
 */
export function AreaMasDebil({ dimensiones }: { dimensiones: AnalisisSatisfaccion['dimensiones'] }) {
  const { mas_debil: debiles, promedios, brecha } = dimensiones;
  if (debiles.length === 0) return null;
  const nombres = debiles.map((d) => TITULO_DIMENSION[d]);
  const lista = nombres.length > 1 ? `${nombres.slice(0, -1).join(', ')} y ${nombres.at(-1)}` : nombres[0];
  if (!brecha) {
    return (
      <Alert color="campo" variant="light" title="Área más débil" icon={<IconThumbUp aria-hidden />}>
        Todas las áreas tienen el mismo promedio ({formatearNota(promedios[debiles[0]!])}): ninguna se queda atrás.
      </Alert>
    );
  }
  return (
    <Alert color="orange" variant="light" title="Área más débil" icon={<IconAlertTriangle aria-hidden />}>
      <Text size="sm">
        <strong>
          {lista}: {formatearNota(promedios[debiles[0]!])}
        </strong>{' '}
        — {formatearNota(brecha)} {brecha === 1 ? 'punto' : 'puntos'} bajo{' '}
        {debiles.length > 1 ? 'el resto' : 'las demás'}.
      </Text>
      <Text size="xs" c="dimmed" mt={4}>
        Promedio de 1 a 10 de cada área en el período; la brecha es la distancia al promedio de las otras áreas.
      </Text>
    </Alert>
  );
}
