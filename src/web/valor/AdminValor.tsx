import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Group, NumberInput, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconListCheck, IconRefresh } from '@tabler/icons-react';
import { formatearMonto } from '../../shared/formato.ts';
import { api, mensajeDeError } from '../api.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { formatearNumero } from '../components/formato.ts';
import { NOMBRE_TIPO_EQUIPO } from './catalogos.ts';
import { clavesValor, useGastoEsperado, useRecalcular, useVerificar } from './consultas.ts';
import type { GastoEsperado } from './tipos.ts';

// Same input behaviour as the service dialogs (servicios/campos.ts PROPS_MONTO): whole pesos, $1.234.567.
const PROPS_MONTO = {
  prefix: '$',
  thousandSeparator: '.',
  decimalSeparator: ',',
  allowDecimal: false,
  allowNegative: false,
} as const;

/**
 * Admin only (the server refuses others): the expected yearly spend per machine type, which
 * drives every cliente's potencial (DOMAIN.md), and the on-demand recompute and verification.
 */
export function AdminValor() {
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
      <Stack gap="xs">
        <Title order={3} size="h5">
          Gasto anual esperado por tipo de equipo
        </Title>
        <Text size="xs" c="dimmed">
          Lo que un equipo de ese tipo gasta al año en servicio, a las horas de referencia; se escala por las horas
          anuales de cada equipo. Los cambios se notan en el valor potencial tras «Recalcular ahora».
        </Text>
        <TablaGasto />
      </Stack>
      <Stack gap="xs">
        <Title order={3} size="h5">
          Métricas y segmentos
        </Title>
        <Text size="xs" c="dimmed">
          Se recalculan cada noche y con cada orden o pedido. Recalcule a mano tras cambiar el gasto esperado.
        </Text>
        <Recalculo />
      </Stack>
    </SimpleGrid>
  );
}

function TablaGasto() {
  const gasto = useGastoEsperado();
  if (gasto.isError) return <ErrorCarga error={gasto.error} reintentar={() => void gasto.refetch()} />;
  if (!gasto.data) return <Cargando texto="Cargando el gasto esperado…" />;
  return (
    <Table verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Tipo</Table.Th>
          <Table.Th>Monto anual</Table.Th>
          <Table.Th>Horas de referencia</Table.Th>
          <Table.Th>
            <span className="solo-lector">Acciones</span>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {gasto.data.map((g) => (
          <FilaGasto key={g.tipo} gasto={g} />
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** One editable row; it keeps its own draft so editing one type never disturbs another. */
function FilaGasto({ gasto }: { gasto: GastoEsperado }) {
  const queryClient = useQueryClient();
  const [monto, setMonto] = useState<number | string>(gasto.monto_anual);
  const [horas, setHoras] = useState<number | string>(gasto.horas_referencia);
  const [guardando, setGuardando] = useState(false);
  const nombre = NOMBRE_TIPO_EQUIPO[gasto.tipo] ?? gasto.tipo;
  const valido = typeof monto === 'number' && typeof horas === 'number' && horas >= 1;
  const cambiado = monto !== gasto.monto_anual || horas !== gasto.horas_referencia;

  async function guardar() {
    if (!valido) return;
    setGuardando(true);
    try {
      await api(`/api/gasto-esperado/${gasto.tipo}`, {
        metodo: 'PATCH',
        cuerpo: { monto_anual: monto, horas_referencia: horas },
      });
      await queryClient.invalidateQueries({ queryKey: clavesValor.gastoEsperado });
      notifications.show({
        color: 'campo',
        title: 'Gasto esperado guardado',
        message: `${nombre}: ${formatearMonto(monto)} al año a ${formatearNumero(horas)} h.`,
      });
    } catch (error) {
      notifications.show({ color: 'red', title: 'No se pudo guardar', message: mensajeDeError(error) });
    } finally {
      setGuardando(false);
    }
  }

  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        {nombre}
      </Table.Th>
      <Table.Td>
        <NumberInput
          aria-label={`Monto anual de ${nombre}`}
          size="xs"
          min={0}
          max={1_000_000_000}
          {...PROPS_MONTO}
          value={monto}
          onChange={setMonto}
          w={140}
        />
      </Table.Td>
      <Table.Td>
        <NumberInput
          aria-label={`Horas de referencia de ${nombre}`}
          size="xs"
          min={1}
          max={10_000}
          allowDecimal={false}
          allowNegative={false}
          thousandSeparator="."
          decimalSeparator=","
          suffix=" h"
          value={horas}
          onChange={setHoras}
          w={110}
        />
      </Table.Td>
      <Table.Td>
        <Button
          size="xs"
          variant={cambiado ? 'filled' : 'default'}
          disabled={!cambiado || !valido}
          loading={guardando}
          onClick={guardar}
          aria-label={`Guardar ${nombre}`}
        >
          Guardar
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

function Recalculo() {
  const recalcular = useRecalcular();
  const verificar = useVerificar();
  const r = recalcular.data;
  const v = verificar.data;
  return (
    <Stack gap="sm">
      <Group gap="sm">
        <Button
          leftSection={<IconRefresh size={18} aria-hidden />}
          loading={recalcular.isPending}
          onClick={() => recalcular.mutate()}
        >
          Recalcular ahora
        </Button>
        <Button
          variant="default"
          leftSection={<IconListCheck size={18} aria-hidden />}
          loading={verificar.isPending}
          onClick={() => verificar.mutate()}
        >
          Verificar métricas
        </Button>
      </Group>
      <div aria-live="polite">
        {recalcular.isError && (
          <ErrorCarga titulo="No se pudo recalcular" error={recalcular.error} reintentar={() => recalcular.mutate()} />
        )}
        {r && (
          <Alert color="campo" icon={<IconCheck />} title="Recalculado" mb="xs">
            {formatearNumero(r.clientes)} clientes recalculados y {formatearNumero(r.equipos)} equipos con su próxima
            mantención cambiada, en {r.segundos.toLocaleString('es-CL')} s.
          </Alert>
        )}
        {verificar.isError && <ErrorCarga titulo="No se pudo verificar" error={verificar.error} />}
        {v && <ResultadoVerificacion resultado={v} />}
      </div>
    </Stack>
  );
}

function ResultadoVerificacion({ resultado }: { resultado: NonNullable<ReturnType<typeof useVerificar>['data']> }) {
  if (resultado.correcto) {
    return (
      <Alert color="campo" icon={<IconCheck />} title="Métricas correctas">
        Las métricas guardadas coinciden con un cálculo desde cero.
      </Alert>
    );
  }
  return (
    <Alert color="orange" title={`${formatearNumero(resultado.diferencias)} diferencias`}>
      <Text size="sm" mb={4}>
        Las métricas guardadas no coinciden con el cálculo desde cero. «Recalcular ahora» las corrige; si vuelven a
        aparecer, avise al equipo técnico.
      </Text>
      <Table fz="xs" verticalSpacing={2}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Cliente</Table.Th>
            <Table.Th>Columna</Table.Th>
            <Table.Th>Guardado</Table.Th>
            <Table.Th>Calculado</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {resultado.muestra.slice(0, 10).map((d) => (
            <Table.Tr key={`${d.id_cliente}-${d.columna}`}>
              <Table.Td>{d.id_cliente}</Table.Td>
              <Table.Td>{d.columna}</Table.Td>
              <Table.Td>{String(d.tabla)}</Table.Td>
              <Table.Td>{String(d.calculado)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Alert>
  );
}
