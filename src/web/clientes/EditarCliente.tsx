import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { api } from '../api.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { useTituloPagina } from '../components/Pagina.tsx';
import { puedeEditarClientes, useUsuario } from '../sesion/sesion.ts';
import { useTerritorio } from '../territorio/territorio.ts';
import { ClienteNoEncontrado, esClienteInexistente } from './ClienteNoEncontrado.tsx';
import { claves, useFicha } from './consultas.ts';
import { FormularioCliente } from './FormularioCliente.tsx';
import type { Cliente, FichaCliente } from './tipos.ts';
import { cambiosEdicion, valoresDeCliente, type ValoresCliente } from './valoresCliente.ts';

/** /clientes/:id/editar: the form prefilled; sends only what changed, with the version it read. */
export default function EditarCliente() {
  const id = Number(useParams().id);
  const usuario = useUsuario();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const ficha = useFicha(id);
  const territorio = useTerritorio();
  const cliente = ficha.data?.cliente;
  const inicial = useMemo(
    () => (cliente && territorio.data ? valoresDeCliente(cliente, territorio.data) : null),
    [cliente, territorio.data],
  );
  useTituloPagina(cliente ? `Editar ${cliente.nombre}` : undefined);

  if (!puedeEditarClientes(usuario.rol)) {
    return (
      <Alert color="yellow" title="Sin permiso">
        Su rol no permite editar clientes.
      </Alert>
    );
  }
  if (esClienteInexistente(id, ficha.error)) return <ClienteNoEncontrado />;
  if (ficha.isError) return <ErrorCarga error={ficha.error} reintentar={() => void ficha.refetch()} />;
  if (territorio.isError) return <ErrorCarga error={territorio.error} reintentar={() => void territorio.refetch()} />;
  if (!cliente || !inicial) return <Cargando />;

  async function guardar(valores: ValoresCliente) {
    const cambios = cambiosEdicion(inicial!, valores, territorio.data);
    if (Object.keys(cambios).length === 0) {
      notifications.show({ color: 'gray', message: 'No hubo cambios que guardar.' });
      navigate(`/clientes/${id}`);
      return;
    }
    const actualizado = await api<Cliente>(`/api/clientes/${id}`, {
      metodo: 'PATCH',
      cuerpo: { ...cambios, version: cliente!.version },
    });
    queryClient.setQueryData<FichaCliente>(claves.ficha(id), (previa) =>
      previa ? { ...previa, cliente: actualizado } : previa,
    );
    await queryClient.invalidateQueries({ queryKey: claves.todo, predicate: (q) => q.queryKey[1] !== 'ficha' });
    notifications.show({ color: 'campo', title: 'Cambios guardados', message: actualizado.nombre });
    navigate(`/clientes/${id}`);
  }

  return (
    <Stack maw={900}>
      <div>
        <Anchor component={Link} to={`/clientes/${id}`} size="sm">
          ← Volver a la ficha
        </Anchor>
        <Title order={1}>Editar cliente</Title>
        <Text c="dimmed">
          {cliente.nombre} · RUT {cliente.rut_formateado}
        </Text>
      </div>
      {/* A new version (after "Recargar") remounts the form with the current data. */}
      <FormularioCliente
        key={cliente.version}
        inicial={inicial}
        idCliente={id}
        guardar={guardar}
        alCancelar={() => navigate(`/clientes/${id}`)}
        alRecargar={() => void ficha.refetch()}
      />
    </Stack>
  );
}
