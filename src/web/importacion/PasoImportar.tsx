import { Link } from 'react-router';
import { Alert, Button, Group, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import type { EntidadImportacion } from '../../shared/importacion.ts';
import { mensajeDeError } from '../api.ts';
import { formatearNumero } from '../components/formato.ts';
import { NOMBRE_ENTIDAD, RUTA_ENTIDAD } from './catalogos.ts';
import type { Progreso, ResumenImportacion } from './tipos.ts';

export type EstadoImportacion =
  | { fase: 'importando'; progreso: Progreso | null }
  | { fase: 'terminada'; resumen: ResumenImportacion }
  | { fase: 'fallida'; error: unknown };

const segundos = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 1 });

/** The bar moves through validation (first 20 %) and writing (the rest): writing is the long part. */
function avance(p: Progreso | null): number {
  if (!p || p.total === 0) return 2;
  const parte = p.procesadas / p.total;
  return p.etapa === 'validando' ? 20 * parte : 20 + 80 * parte;
}

/** Step 4: the progress bar fed by the server's stream, then what was saved (or why nothing was). */
export function PasoImportar({
  entidad,
  estado,
  alReintentar,
  alVolverARevisar,
  alReiniciar,
}: {
  entidad: EntidadImportacion;
  estado: EstadoImportacion;
  alReintentar: () => void;
  alVolverARevisar: () => void;
  alReiniciar: () => void;
}) {
  if (estado.fase === 'importando') {
    const p = estado.progreso;
    const valor = avance(p);
    return (
      <Stack gap="xs" aria-busy>
        <Text size="sm" fw={500} aria-live="polite">
          {!p
            ? 'Enviando el archivo…'
            : p.etapa === 'validando'
              ? `Revisando ${formatearNumero(p.procesadas)} de ${formatearNumero(p.total)} filas…`
              : `Guardando ${formatearNumero(p.procesadas)} de ${formatearNumero(p.total)} filas…`}
        </Text>
        <Progress value={valor} size="xl" striped animated aria-label="Avance de la importación" />
        <Text size="xs" c="dimmed">
          No cierre esta página hasta que termine. Si algo falla no se guarda ninguna fila.
        </Text>
      </Stack>
    );
  }
  if (estado.fase === 'fallida') {
    return (
      <Stack gap="sm">
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title="La importación no se completó"
          role="alert"
        >
          {mensajeDeError(estado.error)}
        </Alert>
        <Group>
          <Button variant="default" onClick={alVolverARevisar}>
            Volver a revisar el archivo
          </Button>
          <Button onClick={alReintentar}>Intentar de nuevo</Button>
        </Group>
      </Stack>
    );
  }
  const r = estado.resumen;
  return (
    <Stack gap="md">
      <Progress value={100} size="xl" color="campo" aria-label="Avance de la importación" />
      <Alert color="campo" variant="light" icon={<IconCircleCheck aria-hidden />} title="Importación terminada">
        Se importaron {formatearNumero(r.filas)} filas de «{r.archivo}» en {segundos.format(r.duracion_ms / 1000)} s.
      </Alert>
      <SimpleGrid cols={3} spacing="sm" maw={480}>
        {(
          [
            ['Nuevas', r.nuevas],
            ['Actualizadas', r.actualizadas],
            ['Sin cambios', r.sin_cambios],
          ] as const
        ).map(([titulo, n]) => (
          <div key={titulo}>
            <Text size="xs" c="dimmed" fw={600}>
              {titulo}
            </Text>
            <Text fz={26} fw={700}>
              {formatearNumero(n)}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      <Group>
        <Button component={Link} to={RUTA_ENTIDAD[entidad]}>
          {/* Equipos have no list of their own: they are seen in each cliente's ficha. */}
          Ver {entidad === 'equipos' ? 'clientes' : NOMBRE_ENTIDAD[entidad].toLowerCase()}
        </Button>
        <Button variant="default" onClick={alReiniciar}>
          Importar otro archivo
        </Button>
      </Group>
    </Stack>
  );
}
