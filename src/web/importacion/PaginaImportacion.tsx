import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Group, LoadingOverlay, Paper, Stack, Stepper, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconDatabaseImport, IconListCheck } from '@tabler/icons-react';
import type { EntidadImportacion } from '../../shared/importacion.ts';
import { mensajeDeError } from '../api.ts';
import { useUsuario } from '../sesion/sesion.ts';
import { ExportarDatos } from './ExportarDatos.tsx';
import { ZonaArchivo, PasoArchivo } from './PasoArchivo.tsx';
import { PasoImportar, type EstadoImportacion } from './PasoImportar.tsx';
import { camposRepetidos, PasoMapeo } from './PasoMapeo.tsx';
import { PasoRevision } from './PasoRevision.tsx';
import { importar, validarImportacion } from './servicio.ts';
import type { Mapeo, ResumenValidacion } from './tipos.ts';

const PASOS = { archivo: 0, columnas: 1, revision: 2, importacion: 3 } as const;

/** The mapping the server applied, as an explicit `{columna: campo}` the user can then correct. */
function mapeoDe(resumen: ResumenValidacion): Mapeo {
  return Object.fromEntries(resumen.columnas.map((c) => [c.columna, c.campo]));
}

/**
 * /importar: file → column mapping → dry run → import. The server keeps no state between steps
 * (importacion.rutas.ts), so each step sends the file again; the browser still has it in memory.
 */
export default function PaginaImportacion() {
  const usuario = useUsuario();
  const queryClient = useQueryClient();
  const [paso, setPaso] = useState<number>(PASOS.archivo);
  const [entidad, setEntidad] = useState<EntidadImportacion>('clientes');
  const [archivo, setArchivo] = useState<File | null>(null);
  const [mapeo, setMapeo] = useState<Mapeo>({});
  const [resumen, setResumen] = useState<ResumenValidacion | null>(null);
  const [revisando, setRevisando] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [importacion, setImportacion] = useState<EstadoImportacion | null>(null);
  const cancelar = useRef<AbortController | null>(null);

  if (usuario.rol !== 'admin' && usuario.rol !== 'comercial') {
    return (
      <Alert color="yellow" title="Sin permiso para importar">
        Cargar datos masivos es tarea de administradores y comerciales. Pida a uno de ellos que importe el archivo.
      </Alert>
    );
  }

  /** Dry run of `f` with `m` (null: let the server recognise the headers); lands on `destino`. */
  async function revisar(f: File, m: Mapeo | null, destino: number) {
    cancelar.current?.abort();
    const control = new AbortController();
    cancelar.current = control;
    setRevisando(true);
    setError(null);
    try {
      const r = await validarImportacion(entidad, f, m, control.signal);
      setResumen(r);
      setMapeo(mapeoDe(r));
      setPaso(destino);
    } catch (e) {
      if ((e as Error).name !== 'AbortError') setError(mensajeDeError(e));
    } finally {
      if (cancelar.current === control) setRevisando(false);
    }
  }

  async function confirmar() {
    if (!archivo) return;
    setPaso(PASOS.importacion);
    setImportacion({ fase: 'importando', progreso: null });
    try {
      const r = await importar(entidad, archivo, mapeo, (progreso) => setImportacion({ fase: 'importando', progreso }));
      setImportacion({ fase: 'terminada', resumen: r });
      // Lists, fichas and reports may all show imported data.
      void queryClient.invalidateQueries();
    } catch (e) {
      setImportacion({ fase: 'fallida', error: e });
    }
  }

  function reiniciar() {
    setPaso(PASOS.archivo);
    setArchivo(null);
    setResumen(null);
    setMapeo({});
    setImportacion(null);
    setError(null);
  }

  const importando = importacion?.fase === 'importando';
  const listo = resumen !== null && resumen.total_errores === 0 && resumen.filas > 0;

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>Importar datos</Title>
        <Text c="dimmed" size="sm">
          Cargue clientes, equipos, órdenes, pedidos o cotizaciones desde una planilla Excel o CSV. Nada se guarda hasta
          el último paso, y entonces se guarda todo o nada.
        </Text>
      </div>

      <Paper withBorder p="md" pos="relative">
        <LoadingOverlay
          visible={revisando}
          overlayProps={{ blur: 1 }}
          loaderProps={{ children: <Revisando alCancelar={() => cancelar.current?.abort()} /> }}
        />
        <Stepper
          active={paso}
          onStepClick={(p) => !importando && importacion?.fase !== 'terminada' && setPaso(p)}
          allowNextStepsSelect={false}
          size="sm"
        >
          <Stepper.Step label="Archivo" description="Qué y desde dónde">
            <PasoArchivo
              entidad={entidad}
              alCambiarEntidad={(e) => {
                setEntidad(e);
                setResumen(null);
              }}
              archivo={archivo}
              alElegirArchivo={(f) => {
                setArchivo(f);
                setResumen(null);
              }}
            />
          </Stepper.Step>
          <Stepper.Step label="Columnas" description="Qué dato es cada una">
            <Stack gap="sm">
              <PasoMapeo
                entidad={entidad}
                columnas={resumen?.columnas.map((c) => c.columna) ?? []}
                mapeo={mapeo}
                alCambiar={setMapeo}
              />
            </Stack>
          </Stepper.Step>
          <Stepper.Step label="Revisión" description="Errores y conteos">
            {resumen && <PasoRevision entidad={entidad} resumen={resumen} />}
          </Stepper.Step>
          <Stepper.Step label="Importación" description="Guardar todo">
            {importacion && (
              <PasoImportar
                entidad={entidad}
                estado={importacion}
                alReintentar={() => void confirmar()}
                alVolverARevisar={() => archivo && void revisar(archivo, mapeo, PASOS.revision)}
                alReiniciar={reiniciar}
              />
            )}
          </Stepper.Step>
        </Stepper>

        {error && (
          <Alert color="red" variant="light" role="alert" title="No se pudo revisar el archivo" mt="md">
            {error}
          </Alert>
        )}

        {paso === PASOS.archivo && (
          <Group justify="flex-end" mt="md">
            <Button
              disabled={!archivo}
              rightSection={<IconArrowRight size={16} aria-hidden />}
              onClick={() => archivo && void revisar(archivo, null, PASOS.columnas)}
            >
              Continuar
            </Button>
          </Group>
        )}
        {paso === PASOS.columnas && (
          <Group justify="space-between" mt="md">
            <Button
              variant="default"
              leftSection={<IconArrowLeft size={16} aria-hidden />}
              onClick={() => setPaso(PASOS.archivo)}
            >
              Atrás
            </Button>
            <Button
              disabled={camposRepetidos(mapeo).size > 0}
              leftSection={<IconListCheck size={16} aria-hidden />}
              onClick={() => archivo && void revisar(archivo, mapeo, PASOS.revision)}
            >
              Revisar
            </Button>
          </Group>
        )}
        {paso === PASOS.revision && resumen && (
          <Stack gap="sm" mt="md">
            {!listo && archivo && (
              <ZonaArchivo
                archivo={null}
                etiqueta="Subir archivo corregido"
                alElegir={(f) => {
                  setArchivo(f);
                  void revisar(f, mapeo, PASOS.revision);
                }}
              />
            )}
            <Group justify="space-between">
              <Button
                variant="default"
                leftSection={<IconArrowLeft size={16} aria-hidden />}
                onClick={() => setPaso(PASOS.columnas)}
              >
                Columnas
              </Button>
              <Button
                disabled={!listo}
                leftSection={<IconDatabaseImport size={16} aria-hidden />}
                onClick={() => void confirmar()}
              >
                Importar {resumen.filas > 0 ? `${resumen.filas} ${resumen.filas === 1 ? 'fila' : 'filas'}` : ''}
              </Button>
            </Group>
          </Stack>
        )}
      </Paper>

      <ExportarDatos />
    </Stack>
  );
}

function Revisando({ alCancelar }: { alCancelar: () => void }) {
  return (
    <Stack align="center" gap="xs" role="status">
      <Text size="sm" fw={500}>
        Revisando el archivo…
      </Text>
      <Button size="xs" variant="default" onClick={alCancelar}>
        Cancelar
      </Button>
    </Stack>
  );
}
