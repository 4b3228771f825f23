import { useQuery } from '@tanstack/react-query';
import { Anchor, Group, ScrollArea, Table, Text } from '@mantine/core';
import { formatearMonto } from '../../shared/formato.ts';
import { api } from '../api.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { contar, formatearNumero } from '../components/formato.ts';
import type { FilaRegion, Medida } from './escala.ts';

interface Comuna {
  codigo_comuna: string;
  comuna: string;
  clientes: number;
  activos: number;
  valor: number;
  equipos: number;
}

const COLUMNAS: { medida: Medida; titulo: string }[] = [
  { medida: 'clientes', titulo: 'Clientes' },
  { medida: 'activos', titulo: 'Activos' },
  { medida: 'valor', titulo: 'Valor' },
  { medida: 'equipos', titulo: 'Equipos' },
  { medida: 'nps', titulo: 'NPS' },
];

const celda = (m: Medida, v: number | null) =>
  v == null ? '—' : m === 'valor' ? formatearMonto(v) : formatearNumero(v);

/** The 16 regions north to south; the coloured measure in bold; a row click shows its comunas. */
export function TablaRegiones({
  filas,
  medida,
  seleccionada,
  alElegir,
}: {
  filas: FilaRegion[];
  medida: Medida;
  seleccionada: string | null;
  alElegir: (codigo: string) => void;
}) {
  return (
    <ScrollArea.Autosize mah="calc(100vh - 250px)" type="auto" offsetScrollbars>
      <Table striped highlightOnHover verticalSpacing={2} fz="sm" stickyHeader>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Región</Table.Th>
            {COLUMNAS.map((c) => (
              <Table.Th key={c.medida} ta="right" fw={c.medida === medida ? 800 : 600}>
                {c.titulo}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {filas.map((f) => (
            <Table.Tr
              key={f.codigo_region}
              className={f.codigo_region === seleccionada ? 'fila-region-activa' : undefined}
            >
              <Table.Td>
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  fw={500}
                  onClick={() => alElegir(f.codigo_region)}
                  title={`Ver las comunas de ${f.region}`}
                >
                  {f.nombre_corto}
                </Anchor>
              </Table.Td>
              {COLUMNAS.map((c) => (
                <Table.Td key={c.medida} ta="right" fw={c.medida === medida ? 700 : 400}>
                  {celda(c.medida, f[c.medida])}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}

/** A region's numbers and the comunas where it has clientes. */
export function ComunasRegion({ region }: { region: FilaRegion }) {
  const consulta = useQuery({
    queryKey: ['mapa', 'comunas', region.codigo_region],
    queryFn: ({ signal }) =>
      api<{ region: string; comunas: Comuna[] }>(`/api/reportes/regiones/${region.codigo_region}/comunas`, { signal }),
  });
  const conClientes = consulta.data?.comunas.filter((c) => c.clientes > 0) ?? [];
  const sinClientes = (consulta.data?.comunas.length ?? 0) - conClientes.length;
  return (
    <div>
      <Group gap="lg" mb="xs">
        <Text fw={700}>{region.region}</Text>
        {COLUMNAS.map((c) => (
          <Text key={c.medida} size="sm">
            {c.titulo}: <b>{celda(c.medida, region[c.medida])}</b>
          </Text>
        ))}
      </Group>
      {consulta.isError && <ErrorCarga error={consulta.error} reintentar={() => void consulta.refetch()} />}
      {consulta.isPending && <Cargando texto="Cargando las comunas…" />}
      {consulta.data && conClientes.length === 0 && (
        <Text c="dimmed">No hay clientes en las comunas de esta región.</Text>
      )}
      {conClientes.length > 0 && (
        <ScrollArea.Autosize mah="calc(100vh - 320px)" type="auto" offsetScrollbars>
          <Table striped verticalSpacing={4} fz="sm" stickyHeader aria-label={`Comunas de ${region.region}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Comuna</Table.Th>
                {COLUMNAS.filter((c) => c.medida !== 'nps').map((c) => (
                  <Table.Th key={c.medida} ta="right">
                    {c.titulo}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {conClientes.map((c) => (
                <Table.Tr key={c.codigo_comuna}>
                  <Table.Td>{c.comuna}</Table.Td>
                  <Table.Td ta="right">{formatearNumero(c.clientes)}</Table.Td>
                  <Table.Td ta="right">{formatearNumero(c.activos)}</Table.Td>
                  <Table.Td ta="right">{formatearMonto(c.valor)}</Table.Td>
                  <Table.Td ta="right">{formatearNumero(c.equipos)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
      {sinClientes > 0 && conClientes.length > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          Otras {contar(sinClientes, 'comuna')} de la región sin clientes.
        </Text>
      )}
    </div>
  );
}
