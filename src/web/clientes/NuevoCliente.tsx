import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { api } from '../api.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { puedeEditarClientes, useUsuario } from '../sesion/sesion.ts';
import { useTerritorio } from '../territorio/territorio.ts';
import { claves } from './consultas.ts';
import { FormularioCliente } from './FormularioCliente.tsx';
import type { Cliente, ClienteParecido } from './tipos.ts';
import { cuerpoCreacion, valoresVacios, type ValoresCliente } from './valoresCliente.ts';

/** /clientes/nuevo: register a cliente, then open its ficha. */
export default function NuevoCliente() {
  const usuario = useUsuario();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const territorio = useTerritorio();

  if (!puedeEditarClientes(usuario.rol)) {
    return (
      <Alert color="yellow" title="Sin permiso">
        Su rol no permite registrar clientes.
      </Alert>
    );
  }
  if (territorio.isPending) return <Cargando />;
  if (territorio.isError) return <ErrorCarga error={territorio.error} reintentar={() => void territorio.refetch()} />;

  async function guardar(valores: ValoresCliente) {
    const r = await api<{ cliente: Cliente; posibles_duplicados: ClienteParecido[] }>('/api/clientes', {
      metodo: 'POST',
      cuerpo: cuerpoCreacion(valores, territorio.data),
    });
    await queryClient.invalidateQueries({ queryKey: claves.todo });
    notifications.show({ color: 'campo', title: 'Cliente registrado', message: r.cliente.nombre });
    navigate(`/clientes/${r.cliente.id_cliente}`);
  }

  return (
    <Stack maw={900}>
      <Title order={1}>Nuevo cliente</Title>
      <FormularioCliente
        inicial={valoresVacios(usuario.id_usuario)}
        guardar={guardar}
        alCancelar={() => navigate('/clientes')}
      />
    </Stack>
  );
}
