import { Link } from 'react-router';
import { Badge, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { formatearMonto } from '../../shared/formato.ts';
import { contar } from '../components/formato.ts';
import { COLOR_SEGMENTO, DESCRIPCION_SEGMENTO, NOMBRE_POTENCIAL, SEGMENTOS } from './catalogos.ts';
import type { CeldaMatriz, Potencial, Segmento } from './tipos.ts';

const POTENCIALES: readonly Potencial[] = ['alto', 'bajo'];

/** The customer list showing exactly the clientes of one cell (GET /api/clientes takes the same filters). */
export function enlaceListaSegmento(segmento: Segmento, potencial?: Potencial): string {
  return `/clientes?segmento=${segmento}${potencial ? `&potencial=${potencial}` : ''}`;
}

/**
 * ABC by historical value × potencial alto/bajo (brecha over or under the median), DOMAIN.md
 * "Value and segmentation". Every cell opens the customer list filtered to it: the matrix is
 * where a commercial user picks whom to call.
 */
export function MatrizSegmentos({ matriz }: { matriz: CeldaMatriz[] }) {
  const celda = (s: Segmento, p: Potencial) =>
    matriz.find((c) => c.segmento === s && c.potencial === p) ?? {
      segmento: s,
      potencial: p,
      clientes: 0,
      valor_total: 0,
    };
  const valorTotal = matriz.reduce((t, c) => t + c.valor_total, 0);

  return (
    <Table.ScrollContainer minWidth={560}>
      <Table withColumnBorders withTableBorder layout="fixed" verticalSpacing="sm">
        <caption className="solo-lector">
          Clientes por segmento ABC (filas) y potencial (columnas); cada celda abre la lista de esos clientes
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={190}>Segmento</Table.Th>
            {POTENCIALES.map((p) => (
              <Table.Th key={p} ta="center">
                {NOMBRE_POTENCIAL[p]}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {SEGMENTOS.map((s) => (
            <Table.Tr key={s}>
              <Table.Th scope="row">
                <Group gap={8} wrap="nowrap">
                  <Badge color={COLOR_SEGMENTO[s]} variant="filled" size="lg" aria-hidden>
                    {s}
                  </Badge>
                  <div>
                    <Text size="sm" fw={600}>
                      Segmento {s}
                    </Text>
                    <Text size="xs" c="dimmed" fw={400}>
                      {DESCRIPCION_SEGMENTO[s]}
                    </Text>
                  </div>
                </Group>
              </Table.Th>
              {POTENCIALES.map((p) => (
                <Table.Td key={p} p={4}>
                  <Celda celda={celda(s, p)} parte={valorTotal ? celda(s, p).valor_total / valorTotal : 0} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Celda({ celda, parte }: { celda: CeldaMatriz; parte: number }) {
  const nombre = `${celda.segmento} / ${celda.potencial}`;
  const color = COLOR_SEGMENTO[celda.segmento];
  return (
    <UnstyledButton
      component={Link}
      to={enlaceListaSegmento(celda.segmento, celda.potencial)}
      aria-label={`${nombre}: ${contar(celda.clientes, 'cliente')}, ${formatearMonto(celda.valor_total)}. Ver la lista`}
      display="block"
      p="sm"
      style={{
        borderRadius: 'var(--mantine-radius-sm)',
        // The share of the total value tints the cell, so where the money sits shows at a glance.
        background: `color-mix(in srgb, var(--mantine-color-${color}-2) ${Math.round(15 + parte * 85)}%, white)`,
      }}
    >
      <Text size="xs" c="dimmed" fw={600}>
        {nombre}
      </Text>
      <Text fw={700} size="lg" lh={1.2}>
        {contar(celda.clientes, 'cliente')}
      </Text>
      <Text size="sm">{formatearMonto(celda.valor_total)}</Text>
    </UnstyledButton>
  );
}
