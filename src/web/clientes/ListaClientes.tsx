import { useState } from 'react';
import { useNavigate } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Box,
  Button,
  EmptyState,
  Group,
  LoadingOverlay,
  Modal,
  Pagination,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconPlus, IconUsers } from '@tabler/icons-react';
import { api, consulta } from '../api.ts';
import { CorregirCliente } from '../calidad/CorregirCliente.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { contar } from '../components/formato.ts';
import { useRegistroInteraccion } from '../interacciones/DialogoInteraccion.tsx';
import { puedeEditarClientes, puedeRegistrarInteracciones, useUsuario } from '../sesion/sesion.ts';
import { useTerritorio } from '../territorio/territorio.ts';
import { BuscadorClientes } from './BuscadorClientes.tsx';
import { claves, useEtiquetas } from './consultas.ts';
import { FiltrosClientes } from './FiltrosClientes.tsx';
import { parametrosApi, POR_PAGINA, useFiltrosLista } from './filtrosUrl.ts';
import { TablaClientes } from './TablaClientes.tsx';
import type { ClienteResumen, PaginaClientes } from './tipos.ts';
import { VistasGuardadas } from './VistasGuardadas.tsx';

/** /clientes: search, filters, sortable table and pages; the whole view lives in the URL. */
export default function ListaClientes() {
  const usuario = useUsuario();
  const navigate = useNavigate();
  const { filtros, cambiar, limpiar, hayFiltros } = useFiltrosLista();
  const territorio = useTerritorio();
  const etiquetas = useEtiquetas();
  const registro = useRegistroInteraccion();
  const [corrigiendo, setCorrigiendo] = useState<ClienteResumen | null>(null);
  const parametros = parametrosApi(filtros);
  const lista = useQuery({
    queryKey: claves.lista(parametros),
    queryFn: ({ signal }) => api<PaginaClientes>(`/api/clientes${consulta(parametros)}`, { signal }),
    // Keep the previous page on screen while the next one arrives: no flicker while typing.
    placeholderData: keepPreviousData,
  });

  const total = lista.data?.total ?? 0;
  const paginas = Math.max(1, Math.ceil(total / POR_PAGINA));
  const orden = filtros.orden ?? (filtros.q.trim() ? 'relevancia' : 'nombre');

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>Clientes</Title>
          <Text c="dimmed" size="sm" aria-live="polite">
            {lista.data ? contar(total, 'cliente') : '\u00a0'}
          </Text>
        </div>
        <Group gap="sm">
          <VistasGuardadas />
          {puedeEditarClientes(usuario.rol) && (
            <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => navigate('/clientes/nuevo')}>
              Nuevo cliente
            </Button>
          )}
        </Group>
      </Group>

      <Paper withBorder p="md" component="section" aria-label="Búsqueda y filtros">
        <Stack gap="sm">
          <BuscadorClientes valor={filtros.q} alCambiar={(q) => cambiar({ q }, { reemplazar: true })} />
          <FiltrosClientes
            filtros={filtros}
            cambiar={cambiar}
            limpiar={limpiar}
            hayFiltros={hayFiltros}
            territorio={territorio.data}
            etiquetas={etiquetas.data}
          />
        </Stack>
      </Paper>

      {lista.isError && <ErrorCarga error={lista.error} reintentar={() => void lista.refetch()} />}

      {lista.data && (
        <Paper withBorder pos="relative">
          <LoadingOverlay
            visible={lista.isFetching && lista.isPlaceholderData}
            overlayProps={{ blur: 1 }}
            loaderProps={{ size: 'sm' }}
          />
          {lista.data.items.length === 0 ? (
            <EmptyState
              py="xl"
              icon={<IconUsers size={32} aria-hidden />}
              title={hayFiltros ? 'Ningún cliente coincide' : 'Aún no hay clientes'}
              description={
                hayFiltros
                  ? 'Pruebe con otra búsqueda o quite algunos filtros.'
                  : puedeEditarClientes(usuario.rol)
                    ? 'Registre el primero con «Nuevo cliente».'
                    : 'Cuando el taller registre clientes aparecerán aquí.'
              }
            />
          ) : (
            <TablaClientes
              clientes={lista.data.items}
              orden={orden}
              alOrdenar={(o) => cambiar({ orden: o })}
              territorio={territorio.data}
              etiquetas={etiquetas.data}
              alRegistrar={
                puedeRegistrarInteracciones(usuario.rol)
                  ? (c) => registro.abrir({ cliente: { id_cliente: c.id_cliente, nombre: c.nombre } })
                  : undefined
              }
              alCorregir={puedeEditarClientes(usuario.rol) ? setCorrigiendo : undefined}
            />
          )}
        </Paper>
      )}
      {!lista.data && !lista.isError && <Box mih={200} />}

      {total > POR_PAGINA && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            Página {filtros.pagina} de {paginas}
          </Text>
          <Pagination
            total={paginas}
            value={Math.min(filtros.pagina, paginas)}
            onChange={(pagina) => {
              cambiar({ pagina });
              // The pager sits below the table: start the new page from its top.
              window.scrollTo({ top: 0 });
            }}
            getControlProps={(control) => ({
              'aria-label': {
                first: 'Primera página',
                last: 'Última página',
                next: 'Página siguiente',
                previous: 'Página anterior',
              }[control],
            })}
            getItemProps={(pagina) => ({ 'aria-label': `Página ${pagina}` })}
          />
        </Group>
      )}
      {registro.dialogo}
      <Modal
        opened={corrigiendo !== null}
        onClose={() => setCorrigiendo(null)}
        title={corrigiendo ? `Completar datos · ${corrigiendo.nombre}` : ''}
        size="lg"
      >
        {corrigiendo && (
          <CorregirCliente
            idCliente={corrigiendo.id_cliente}
            falta={filtros.falta}
            alCerrar={() => setCorrigiendo(null)}
          />
        )}
      </Modal>
    </Stack>
  );
}
