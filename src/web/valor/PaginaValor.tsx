import { Link } from 'react-router';
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';
import { formatearFecha } from '../../shared/formato.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { Seccion } from '../components/Seccion.tsx';
import { useUsuario } from '../sesion/sesion.ts';
import { AdminValor } from './AdminValor.tsx';
import { ComparacionSegmentos } from './ComparacionSegmentos.tsx';
import { useSegmentos } from './consultas.ts';
import { MatrizSegmentos } from './MatrizSegmentos.tsx';
import { RankingValor } from './RankingValor.tsx';

/** /valor: where the money is — the ABC × potencial matrix, the segments side by side and the ranking (seed report 2). */
export default function PaginaValor() {
  const usuario = useUsuario();
  const segmentos = useSegmentos();
  const datos = segmentos.data;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>Valor de clientes</Title>
          <Text c="dimmed" size="sm">
            Segmentos por valor histórico y potencial, comparados lado a lado, y el ranking de clientes.
          </Text>
        </div>
        <Button component={Link} to="/oportunidades" variant="default" leftSection={<IconBulb size={18} aria-hidden />}>
          Ver oportunidades
        </Button>
      </Group>

      {segmentos.isError && <ErrorCarga error={segmentos.error} reintentar={() => void segmentos.refetch()} />}
      {segmentos.isPending && <Cargando texto="Cargando los segmentos…" />}
      {datos && (
        <>
          <Seccion titulo="Matriz de segmentos">
            <Text size="xs" c="dimmed">
              Filas: segmento ABC por valor histórico. Columnas: potencial alto cuando la brecha (lo que sus equipos
              necesitan al año menos lo que gastó el último año) supera la mediana. Cada celda abre sus clientes.
            </Text>
            <MatrizSegmentos matriz={datos.matriz} />
          </Seccion>
          <Seccion titulo="Comparación de segmentos">
            <Text size="xs" c="dimmed">
              Últimos 12 meses ({formatearFecha(datos.periodo.desde)} a {formatearFecha(datos.periodo.hasta)}), salvo el
              valor total, que es histórico.
            </Text>
            <ComparacionSegmentos comparacion={datos.comparacion} />
          </Seccion>
        </>
      )}

      <Seccion titulo="Ranking de clientes por valor">
        <RankingValor />
      </Seccion>

      {usuario.rol === 'admin' && (
        <Seccion titulo="Ajustes del cálculo de valor">
          <AdminValor />
        </Seccion>
      )}
    </Stack>
  );
}
