import { Badge, DataList, Group, Stack, Text } from '@mantine/core';
import { formatearMonto } from '../../../shared/formato.ts';
import type { ValorFicha as Valor } from '../tipos.ts';

const veces = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 1 });

/** Historical value against the average cliente, last year's value, recurrence and ABC segment. */
export function ValorFicha({ valor }: { valor: Valor }) {
  const relacion = valor.relacion_con_promedio;
  return (
    <Stack gap="sm">
      <div>
        <Text fz={26} fw={700} lh={1.1}>
          {formatearMonto(valor.valor_historico)}
        </Text>
        <Text size="xs" c="dimmed">
          Valor histórico (órdenes completadas y pedidos entregados)
        </Text>
      </div>
      {relacion !== null && valor.valor_promedio_clientes !== null && (
        <Text size="sm" c={relacion >= 1 ? 'campo.8' : 'orange.8'} fw={500}>
          {veces.format(relacion)} × el promedio de clientes ({formatearMonto(valor.valor_promedio_clientes)})
        </Text>
      )}
      <DataList labelWidth={130}>
        <DataList.Item>
          <DataList.ItemLabel>Último año</DataList.ItemLabel>
          <DataList.ItemValue>{formatearMonto(valor.valor_ultimo_anio)}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Promedio clientes</DataList.ItemLabel>
          <DataList.ItemValue>
            {valor.valor_promedio_clientes === null ? '—' : formatearMonto(valor.valor_promedio_clientes)}
          </DataList.ItemValue>
        </DataList.Item>
      </DataList>
      <Group gap={6}>
        <Badge variant="light" color={valor.cliente_recurrente ? 'campo' : 'gray'}>
          {valor.cliente_recurrente ? 'Cliente recurrente' : 'No recurrente'}
        </Badge>
        {valor.segmento_abc && (
          <Badge
            variant="filled"
            color={valor.segmento_abc === 'A' ? 'campo' : valor.segmento_abc === 'B' ? 'blue' : 'gray'}
          >
            Segmento {valor.segmento_abc}
          </Badge>
        )}
        {valor.potencial_alto !== null && (
          <Badge variant="outline" color={valor.potencial_alto ? 'orange' : 'gray'}>
            Potencial {valor.potencial_alto ? 'alto' : 'bajo'}
          </Badge>
        )}
      </Group>
    </Stack>
  );
}
