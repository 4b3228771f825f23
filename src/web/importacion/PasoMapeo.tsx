import { Alert, Badge, Select, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { CAMPOS_IMPORTACION, type EntidadImportacion } from '../../shared/importacion.ts';
import type { Mapeo } from './tipos.ts';

const IGNORAR = '';

/** Fields chosen by more than one column: the server would keep only the first, so we ask instead. */
export function camposRepetidos(mapeo: Mapeo): Set<string> {
  const vistos = new Set<string>();
  const repetidos = new Set<string>();
  for (const campo of Object.values(mapeo)) {
    if (!campo) continue;
    if (vistos.has(campo)) repetidos.add(campo);
    vistos.add(campo);
  }
  return repetidos;
}

/** Required fields no column provides (the dry run would reject the whole file). */
export function obligatoriosFaltantes(entidad: EntidadImportacion, mapeo: Mapeo): string[] {
  const elegidos = new Set(Object.values(mapeo));
  return CAMPOS_IMPORTACION[entidad].filter((d) => d.obligatorio && !elegidos.has(d.campo)).map((d) => d.etiqueta);
}

/**
 * Step 2: each column of the file and the field it fills. Prefilled with what the server
 * recognised from the headers ("Fono" → Teléfono); the user corrects the rest.
 */
export function PasoMapeo({
  entidad,
  columnas,
  mapeo,
  alCambiar,
}: {
  entidad: EntidadImportacion;
  columnas: string[];
  mapeo: Mapeo;
  alCambiar: (m: Mapeo) => void;
}) {
  const campos = CAMPOS_IMPORTACION[entidad];
  const opciones = [
    { value: IGNORAR, label: '— No importar —' },
    ...campos.map((d) => ({ value: d.campo, label: d.obligatorio ? `${d.etiqueta} *` : d.etiqueta })),
  ];
  const repetidos = camposRepetidos(mapeo);
  const faltan = obligatoriosFaltantes(entidad, mapeo);

  return (
    <>
      <Text size="sm">
        Revise a qué dato corresponde cada columna de su archivo. Las columnas marcadas «No importar» se ignoran; los
        campos con * son obligatorios.
      </Text>
      <Table.ScrollContainer minWidth={480}>
        <Table striped verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="45%">Columna del archivo</Table.Th>
              <Table.Th>Dato de Rancho Clientes</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {columnas.map((columna) => {
              const campo = mapeo[columna] ?? null;
              const repetido = campo !== null && repetidos.has(campo);
              return (
                <Table.Tr key={columna}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {columna || <em>(sin nombre)</em>}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`Dato para la columna ${columna}`}
                      data={opciones}
                      value={campo ?? IGNORAR}
                      onChange={(v) => alCambiar({ ...mapeo, [columna]: v || null })}
                      allowDeselect={false}
                      searchable
                      size="sm"
                      error={repetido ? 'Otra columna ya llena este dato.' : undefined}
                      rightSection={
                        campo === null ? (
                          <Badge size="xs" variant="light" color="gray">
                            Ignorada
                          </Badge>
                        ) : undefined
                      }
                      rightSectionWidth={campo === null ? 80 : undefined}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {faltan.length > 0 && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title="Faltan datos obligatorios"
        >
          Ninguna columna trae: {faltan.join(', ')}. Asígnelos a una columna o agréguelos al archivo.
        </Alert>
      )}
    </>
  );
}
