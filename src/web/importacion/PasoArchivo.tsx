import { useState, type DragEvent } from 'react';
import { Anchor, Button, FileButton, Group, Input, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { CAMPOS_IMPORTACION, ENTIDADES_IMPORTACION, type EntidadImportacion } from '../../shared/importacion.ts';
import { formatearNumero } from '../components/formato.ts';
import { descargarPlanilla, NOMBRE_ENTIDAD } from './catalogos.ts';
import { formatoDe } from './servicio.ts';

const ACEPTA = '.csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** "1,2 MB" / "830 kB". */
function tamano(bytes: number): string {
  return bytes >= 1_000_000
    ? `${(bytes / 1_000_000).toLocaleString('es-CL', { maximumFractionDigits: 1 })} MB`
    : `${formatearNumero(Math.ceil(bytes / 1000))} kB`;
}

/** A box that takes a dropped file or opens the file picker; only .csv and .xlsx get through. */
export function ZonaArchivo({
  archivo,
  alElegir,
  etiqueta = 'Elegir archivo',
}: {
  archivo: File | null;
  alElegir: (f: File) => void;
  etiqueta?: string;
}) {
  const [encima, setEncima] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function recibir(f: File | null | undefined) {
    if (!f) return;
    if (!formatoDe(f.name)) {
      setError(
        `«${f.name}» no es una planilla: use un archivo .csv o .xlsx (en Excel: Guardar como → Libro de Excel o CSV).`,
      );
      return;
    }
    setError(null);
    alElegir(f);
  }
  const alSoltar = (e: DragEvent) => {
    e.preventDefault();
    setEncima(false);
    recibir(e.dataTransfer.files[0]);
  };

  return (
    <div>
      <Paper
        withBorder
        p="lg"
        bg={encima ? 'campo.0' : undefined}
        style={{
          borderStyle: 'dashed',
          borderWidth: 2,
          borderColor: encima ? 'var(--mantine-color-campo-6)' : undefined,
        }}
        onDragOver={(e) => {
          e.preventDefault();
          setEncima(true);
        }}
        onDragLeave={() => setEncima(false)}
        onDrop={alSoltar}
      >
        <Stack align="center" gap="xs">
          <IconFileSpreadsheet size={36} color="var(--mantine-color-campo-7)" aria-hidden />
          {archivo ? (
            <Text fw={600}>
              {archivo.name}{' '}
              <Text span c="dimmed" size="sm">
                ({tamano(archivo.size)})
              </Text>
            </Text>
          ) : (
            <Text c="dimmed" size="sm">
              Arrastre aquí su planilla (.csv o .xlsx, hasta 60 MB)
            </Text>
          )}
          <FileButton onChange={recibir} accept={ACEPTA} inputProps={{ 'aria-label': 'Archivo' }}>
            {(props) => (
              <Button
                {...props}
                variant={archivo ? 'default' : 'filled'}
                leftSection={<IconUpload size={16} aria-hidden />}
              >
                {archivo ? 'Cambiar archivo' : etiqueta}
              </Button>
            )}
          </FileButton>
        </Stack>
      </Paper>
      {error && (
        <Input.Error mt={6} role="alert">
          {error}
        </Input.Error>
      )}
    </div>
  );
}

/** Step 1: what is being imported and from which file. */
export function PasoArchivo({
  entidad,
  alCambiarEntidad,
  archivo,
  alElegirArchivo,
}: {
  entidad: EntidadImportacion;
  alCambiarEntidad: (e: EntidadImportacion) => void;
  archivo: File | null;
  alElegirArchivo: (f: File) => void;
}) {
  const obligatorios = CAMPOS_IMPORTACION[entidad].filter((d) => d.obligatorio).map((d) => d.etiqueta);
  return (
    <Stack gap="md">
      <div>
        <Input.Label id="entidad-importacion">¿Qué va a importar?</Input.Label>
        <SegmentedControl
          aria-labelledby="entidad-importacion"
          fullWidth
          value={entidad}
          onChange={(v) => alCambiarEntidad(v as EntidadImportacion)}
          data={ENTIDADES_IMPORTACION.map((e) => ({ value: e, label: NOMBRE_ENTIDAD[e] }))}
        />
        <Group gap="xs" mt={6}>
          <Text size="xs" c="dimmed">
            Columnas obligatorias: {obligatorios.join(', ')}. La primera fila debe traer los nombres de las columnas.
          </Text>
          <Anchor component="button" type="button" size="xs" onClick={() => descargarPlanilla(entidad)}>
            Descargar planilla vacía
          </Anchor>
        </Group>
      </div>
      <ZonaArchivo archivo={archivo} alElegir={alElegirArchivo} />
    </Stack>
  );
}
