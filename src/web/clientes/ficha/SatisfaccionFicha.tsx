import { Badge, EmptyState, Group, Progress, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { IconMoodSmile } from '@tabler/icons-react';
import { formatearFecha } from '../../../shared/formato.ts';
import { DIMENSIONES, NOMBRE_DIMENSION } from '../../../shared/satisfaccion.ts';
import { contar } from '../../components/formato.ts';
import type { SatisfaccionFicha as Satisfaccion } from '../tipos.ts';

const decimal = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

const mayuscula = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

function colorNps(nps: number): string {
  if (nps >= 50) return 'campo';
  if (nps >= 0) return 'yellow';
  return 'red';
}

/**
 * "Alta satisfacción en calidad de servicio pero menor en tiempo de respuesta": strongest and
 * weakest dimensions in words (DOMAIN.md "Weakest area", ties all named).
 */
export function fraseDimensiones(d: Satisfaccion['dimensiones']): string | null {
  if (d.mas_debil.length === 0) return null;
  const nombres = (ds: string[]) =>
    ds.map((x) => NOMBRE_DIMENSION[x as keyof typeof NOMBRE_DIMENSION] ?? x).join(' y ');
  const fuertes = d.mas_fuerte.filter((x) => !d.mas_debil.includes(x));
  if (fuertes.length === 0) return `Satisfacción pareja en todas las dimensiones.`;
  const brecha = d.brecha ? ` (${decimal.format(d.brecha)} puntos bajo el resto)` : '';
  return `Alta satisfacción en ${nombres(fuertes)} pero menor en ${nombres(d.mas_debil)}${brecha}.`;
}

/** NPS of the cliente with its promoters / passives / detractors, and the mean of each dimension. */
export function SatisfaccionFicha({ satisfaccion }: { satisfaccion: Satisfaccion }) {
  const { nps, dimensiones, ultimas } = satisfaccion;
  if (nps.respondidas === 0 || nps.nps === null) {
    return (
      <EmptyState
        size="sm"
        icon={<IconMoodSmile size={28} aria-hidden />}
        title="Sin encuestas respondidas"
        description="El NPS del cliente y su opinión por dimensión aparecerán aquí."
      />
    );
  }
  const pct = (n: number) => (100 * n) / nps.respondidas;
  const frase = fraseDimensiones(dimensiones);
  return (
    <Stack gap="sm">
      <Group gap="md" align="center">
        <Stack gap={0} align="center">
          <Text fz={34} fw={700} lh={1} c={colorNps(nps.nps)} aria-label={`NPS ${nps.nps}`}>
            {nps.nps > 0 ? `+${nps.nps}` : nps.nps}
          </Text>
          <Text size="xs" c="dimmed">
            NPS
          </Text>
        </Stack>
        <Stack gap={4} style={{ flex: 1 }}>
          <Progress.Root size="lg" aria-hidden>
            <Progress.Section value={pct(nps.promotores)} color="campo" />
            <Progress.Section value={pct(nps.pasivos)} color="gray.4" />
            <Progress.Section value={pct(nps.detractores)} color="red" />
          </Progress.Root>
          <Text size="xs">
            {contar(nps.promotores, 'promotor', 'promotores')} · {contar(nps.pasivos, 'pasivo')} ·{' '}
            {contar(nps.detractores, 'detractor', 'detractores')}
            <Text span c="dimmed" inherit>
              {' '}
              ({nps.respondidas} {nps.respondidas === 1 ? 'encuesta' : 'encuestas'})
            </Text>
          </Text>
        </Stack>
      </Group>
      <SimpleGrid cols={2} spacing="xs" verticalSpacing={6}>
        {DIMENSIONES.map((d) => {
          const promedio = dimensiones.promedios[d];
          const debil = dimensiones.mas_debil.includes(d);
          const fuerte = dimensiones.mas_fuerte.includes(d) && !debil;
          return (
            <Stack key={d} gap={2}>
              <Group justify="space-between" gap={4} wrap="nowrap">
                <Text size="xs" truncate>
                  {mayuscula(NOMBRE_DIMENSION[d])}
                </Text>
                <Text size="xs" fw={700} c={debil ? 'orange.8' : fuerte ? 'campo.8' : undefined}>
                  {promedio === null ? '—' : decimal.format(promedio)}
                </Text>
              </Group>
              <Progress
                value={promedio === null ? 0 : promedio * 10}
                size="sm"
                color={debil ? 'orange' : fuerte ? 'campo' : 'blue'}
                aria-label={`${NOMBRE_DIMENSION[d]}: ${promedio ?? 'sin datos'} de 10`}
              />
            </Stack>
          );
        })}
      </SimpleGrid>
      {frase && <Text size="sm">{frase}</Text>}
      {ultimas[0] && (
        <Tooltip
          label={ultimas[0].comentarios ?? 'Sin comentarios'}
          multiline
          w={280}
          disabled={!ultimas[0].comentarios}
        >
          <Group gap={6}>
            <Text size="xs" c="dimmed">
              Última: {formatearFecha(ultimas[0].fecha)} · nota {ultimas[0].puntuacion_general ?? '—'}/10
            </Text>
            {ultimas[0].nps === -1 && (
              <Badge size="xs" color="red" variant="light">
                Detractor
              </Badge>
            )}
          </Group>
        </Tooltip>
      )}
    </Stack>
  );
}
