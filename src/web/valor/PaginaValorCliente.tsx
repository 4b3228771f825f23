import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Anchor, Breadcrumbs, EmptyState, Stack, Text, Title } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';
import { formatearMonto } from '../../shared/formato.ts';
import { api } from '../api.ts';
import { ClienteNoEncontrado, esClienteInexistente } from '../clientes/ClienteNoEncontrado.tsx';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { contar } from '../components/formato.ts';
import { useTituloPagina } from '../components/Pagina.tsx';
import { Seccion } from '../components/Seccion.tsx';
import { useOportunidadesCliente } from './consultas.ts';
import { ResumenValorCliente } from './ResumenValorCliente.tsx';
import { TablaOportunidades } from './TablaOportunidades.tsx';

/** /clientes/:id/valor: the cliente's value and potential, and what to offer it now. */
export default function PaginaValorCliente() {
  const id = Number(useParams().id);
  const valido = Number.isInteger(id) && id > 0;
  // Only the name is needed here; GET /api/clientes/:id is light next to the whole ficha.
  const cliente = useQuery({
    queryKey: ['clientes', 'datos', id],
    queryFn: ({ signal }) =>
      api<{ id_cliente: number; nombre: string; rut_formateado: string }>(`/api/clientes/${id}`, { signal }),
    enabled: valido,
  });
  const oportunidades = useOportunidadesCliente(id);
  useTituloPagina(cliente.data ? `Valor · ${cliente.data.nombre}` : undefined);

  if (!valido || (cliente.isError && esClienteInexistente(id, cliente.error))) return <ClienteNoEncontrado />;
  if (cliente.isError) return <ErrorCarga error={cliente.error} reintentar={() => void cliente.refetch()} />;
  if (!cliente.data) return <Cargando />;
  const nombre = cliente.data.nombre;

  return (
    <Stack gap="md">
      <div>
        <Breadcrumbs separator="›" mb={4}>
          <Anchor component={Link} to="/clientes" size="sm">
            Clientes
          </Anchor>
          <Anchor component={Link} to={`/clientes/${id}`} size="sm">
            {nombre}
          </Anchor>
        </Breadcrumbs>
        <Title order={1}>{nombre}</Title>
        <Text c="dimmed" size="sm">
          Valor y oportunidades · RUT {cliente.data.rut_formateado}
        </Text>
      </div>

      <Seccion titulo="Valor del cliente">
        <ResumenValorCliente idCliente={id} />
      </Seccion>

      <Seccion titulo="Oportunidades">
        {oportunidades.isError && (
          <ErrorCarga error={oportunidades.error} reintentar={() => void oportunidades.refetch()} />
        )}
        {oportunidades.isPending && <Cargando texto="Cargando las oportunidades…" />}
        {oportunidades.data &&
          (oportunidades.data.items.length === 0 ? (
            <EmptyState
              py="md"
              icon={<IconBulb size={28} aria-hidden />}
              title="Sin oportunidades por ahora"
              description="Aparecen cuando un equipo necesita mantención o renovación, una cotización está por vencer o el cliente gasta bastante menos que su potencial."
            />
          ) : (
            <>
              <Text size="sm" c="dimmed">
                {contar(oportunidades.data.total, 'oportunidad', 'oportunidades')} por{' '}
                {formatearMonto(oportunidades.data.valor_total)} estimados
              </Text>
              <TablaOportunidades oportunidades={oportunidades.data.items} nombreCliente={nombre} />
            </>
          ))}
      </Seccion>
    </Stack>
  );
}
