import { useState } from 'react';
import { Alert, Group, Pagination, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { CAMPOS_IMPORTACION, type EntidadImportacion } from '../../shared/importacion.ts';
import { formatearMonto } from '../../shared/formato.ts';
import { formatearRut } from '../../shared/rut.ts';
import { contar, formatearNumero } from '../components/formato.ts';
import { etiquetaCampo } from './catalogos.ts';
import type { ResumenValidacion } from './tipos.ts';

const POR_PAGINA = 20;

function Cifra({ titulo, valor, color }: { titulo: string; valor: number; color?: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" fw={600}>
        {titulo}
      </Text>
      <Text fz={26} fw={700} c={valor > 0 ? color : undefined}>
        {formatearNumero(valor)}
      </Text>
    </Paper>
  );
}

/** A normalised value of the sample as a person reads it. */
function mostrarValor(campo: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string' && (campo === 'rut' || campo === 'rut_cliente')) return formatearRut(v);
  if (typeof v === 'number' && campo === 'monto_total') return formatearMonto(v);
  if (typeof v === 'boolean') return v ? 'Sí' : 'No';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v.split('-').reverse().join('-');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Step 3: the dry run's counts, every row error (paged) and a few rows as they will be saved. */
export function PasoRevision({ entidad, resumen }: { entidad: EntidadImportacion; resumen: ResumenValidacion }) {
  const [pagina, setPagina] = useState(1);
  const paginas = Math.max(1, Math.ceil(resumen.errores.length / POR_PAGINA));
  const visibles = resumen.errores.slice((pagina - 1) * POR_PAGINA, pagina * POR_PAGINA);
  // The entity's own fields, in their usual order; internal ones (codigo_comuna) and columns empty
  // in every sample row would only widen the table.
  const columnasMuestra = CAMPOS_IMPORTACION[entidad]
    .map((d) => d.campo)
    .filter((c) => resumen.muestra.some((fila) => fila[c] !== null && fila[c] !== undefined && fila[c] !== ''));

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, xs: 3, md: 6 }} spacing="sm">
        <Cifra titulo="Filas" valor={resumen.filas} />
        <Cifra titulo="Válidas" valor={resumen.validas} color="campo.8" />
        <Cifra titulo="Con errores" valor={resumen.con_errores} color="red.8" />
        <Cifra titulo="Nuevas" valor={resumen.nuevas} />
        <Cifra titulo="Actualizadas" valor={resumen.actualizadas} />
        <Cifra titulo="Sin cambios" valor={resumen.sin_cambios} />
      </SimpleGrid>

      {resumen.total_errores === 0 && resumen.filas > 0 && (
        <Alert color="campo" variant="light" icon={<IconCircleCheck aria-hidden />} title="El archivo está listo">
          Ninguna fila tiene errores. Al importar se guardan {contar(resumen.nuevas, 'fila nueva', 'filas nuevas')} y se
          actualizan {formatearNumero(resumen.actualizadas)}; todo o nada.
        </Alert>
      )}
      {resumen.filas === 0 && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} title="El archivo no trae filas">
          Tiene encabezados pero ninguna fila de datos.
        </Alert>
      )}

      {resumen.total_errores > 0 && (
        <section aria-labelledby="titulo-errores">
          <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} mb="sm">
            {contar(resumen.con_errores, 'fila tiene', 'filas tienen')} errores. No se importará nada hasta corregirlas:
            arregle el archivo y súbalo de nuevo.
          </Alert>
          <Title order={3} size="h5" id="titulo-errores" mb={6}>
            Errores ({formatearNumero(resumen.total_errores)})
          </Title>
          <Table.ScrollContainer minWidth={600}>
            <Table striped withTableBorder aria-labelledby="titulo-errores">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>Fila</Table.Th>
                  <Table.Th>Columna</Table.Th>
                  <Table.Th>Campo</Table.Th>
                  <Table.Th>Mensaje</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {visibles.map((e, i) => (
                  <Table.Tr key={`${e.fila}-${e.campo}-${i}`}>
                    <Table.Td>{e.fila}</Table.Td>
                    <Table.Td>{e.columna ?? '—'}</Table.Td>
                    <Table.Td>{etiquetaCampo(entidad, e.campo)}</Table.Td>
                    <Table.Td>{e.mensaje}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="space-between" mt="xs">
            <Text size="xs" c="dimmed">
              {resumen.total_errores > resumen.errores.length
                ? `Se muestran los primeros ${formatearNumero(resumen.errores.length)} errores de ${formatearNumero(resumen.total_errores)}.`
                : `Página ${pagina} de ${paginas}`}
            </Text>
            {paginas > 1 && (
              <Pagination
                size="sm"
                total={paginas}
                value={pagina}
                onChange={setPagina}
                getControlProps={(c) => ({
                  'aria-label': {
                    first: 'Primera página',
                    last: 'Última página',
                    next: 'Página siguiente',
                    previous: 'Página anterior',
                  }[c],
                })}
                getItemProps={(p) => ({ 'aria-label': `Página ${p} de errores` })}
              />
            )}
          </Group>
        </section>
      )}

      {resumen.muestra.length > 0 && (
        <section aria-labelledby="titulo-muestra">
          <Title order={3} size="h5" id="titulo-muestra" mb={6}>
            Muestra de filas válidas, como se guardarán
          </Title>
          <Table.ScrollContainer minWidth={600}>
            <Table withTableBorder fz="xs" aria-labelledby="titulo-muestra">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Fila</Table.Th>
                  {columnasMuestra.map((c) => (
                    <Table.Th key={c}>{etiquetaCampo(entidad, c)}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {resumen.muestra.map((fila) => (
                  <Table.Tr key={String(fila.fila)}>
                    <Table.Td>{String(fila.fila)}</Table.Td>
                    {columnasMuestra.map((c) => (
                      <Table.Td key={c}>{mostrarValor(c, fila[c])}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </section>
      )}
    </Stack>
  );
}
