import { useState } from 'react';
import { useNavigate } from 'react-router';
import {
  Button,
  EmptyState,
  Group,
  Input,
  Pagination,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconDownload, IconMoodHappy, IconSpeakerphone } from '@tabler/icons-react';
import { formatearFecha, formatearMonto } from '../../shared/formato.ts';
import { consulta } from '../api.ts';
import { Cargando } from '../components/Cargando.tsx';
import { useParametrosUrl } from '../components/parametrosUrl.ts';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { contar } from '../components/formato.ts';
import { Seccion } from '../components/Seccion.tsx';
import { Seleccion } from '../components/Seleccion.tsx';
import { useUsuario } from '../sesion/sesion.ts';
import { opcionesRegiones, useTerritorio } from '../territorio/territorio.ts';
import { OPCIONES_SEGMENTO, puedeEnviarCampanas } from './catalogos.ts';
import { MAX_REACTIVACION, useInactivos } from './consultas.ts';
import { TablaInactivos } from './TablaInactivos.tsx';
import type { ClienteInactivo } from './tipos.ts';

const POR_PAGINA = 50;
const MESES = ['3', '6', '9', '12', '18', '24'];

/** The wizard's address for these filters and, if any, the chosen clientes. */
export function enlaceReactivacion(
  p: { meses: number; region: string | null; segmento: string | null },
  ids: number[],
) {
  const q = new URLSearchParams({ meses: String(p.meses) });
  if (p.region) q.set('region', p.region);
  if (p.segmento) q.set('segmento', p.segmento);
  if (ids.length) q.set('ids', ids.join(','));
  return `/campanas/reactivacion?${q}`;
}

/** /inactivos (seed, reporte 5): clientes without an interacción in N months, to win them back. */
export default function Inactivos() {
  const usuario = useUsuario();
  const navigate = useNavigate();
  const territorio = useTerritorio();
  const [parametros, cambiarUrl] = useParametrosUrl();
  const meses = MESES.includes(parametros.get('meses') ?? '') ? Number(parametros.get('meses')) : 6;
  const region = parametros.get('region');
  const segmento = ['A', 'B', 'C'].includes(parametros.get('segmento') ?? '') ? parametros.get('segmento') : null;
  const pagina = Math.max(1, Number(parametros.get('pagina')) || 1);
  const filtros = { meses, region, segmento };
  const reporte = useInactivos({ ...filtros, limit: POR_PAGINA, offset: (pagina - 1) * POR_PAGINA });
  // Chosen clientes survive paging; a new filter starts a new choice.
  const [seleccion, setSeleccion] = useState<ReadonlySet<number>>(new Set());
  const [vistos, setVistos] = useState<Map<number, ClienteInactivo>>(new Map());
  const envia = puedeEnviarCampanas(usuario.rol);

  const cambiar = (cambios: Record<string, string | null>) => {
    if (!('pagina' in cambios)) setSeleccion(new Set());
    cambiarUrl(cambios);
  };

  function alternar(ids: number[], marcar: boolean) {
    setSeleccion((previa) => {
      const nueva = new Set(previa);
      for (const id of ids) {
        if (marcar) nueva.add(id);
        else nueva.delete(id);
      }
      return nueva;
    });
    // Rows of other pages are kept for the CSV of the selection.
    setVistos((previos) => {
      const nuevos = new Map(previos);
      for (const c of reporte.data?.items ?? []) if (ids.includes(c.id_cliente)) nuevos.set(c.id_cliente, c);
      return nuevos;
    });
  }

  // The server builds the CSV (all the filter's clientes, or the chosen ones) and audits the export.
  const enlaceCsv = `/api/reportes/inactivos.csv${consulta({
    meses,
    region,
    segmento,
    ids: seleccion.size ? [...seleccion].join(',') : null,
  })}`;

  const datos = reporte.data;
  const total = datos?.total ?? 0;
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>Clientes inactivos</Title>
        <Text c="dimmed" size="sm">
          Clientes sin interacciones recientes, de mayor a menor valor, para preparar una campaña de reactivación.
        </Text>
      </div>

      <Paper withBorder p="sm">
        <Group gap="md" align="flex-end">
          <Input.Wrapper label="Sin interacción en los últimos" labelElement="div" id="meses-inactividad">
            {/* In a block of its own: inline, the control would sit beside its label. */}
            <div>
              <SegmentedControl
                aria-labelledby="meses-inactividad-label"
                data={MESES.map((m) => ({ value: m, label: `${m} meses` }))}
                value={String(meses)}
                onChange={(m) => cambiar({ meses: m === '6' ? null : m })}
              />
            </div>
          </Input.Wrapper>
          <Seleccion
            label="Región"
            placeholder="Todas"
            data={opcionesRegiones(territorio.data)}
            value={region}
            onChange={(r) => cambiar({ region: r })}
            searchable
            clearable
            w={260}
          />
          <Seleccion
            label="Segmento"
            placeholder="Todos"
            data={OPCIONES_SEGMENTO}
            value={segmento}
            onChange={(s) => cambiar({ segmento: s })}
            clearable
            w={220}
          />
        </Group>
      </Paper>

      {reporte.isError && <ErrorCarga error={reporte.error} reintentar={() => void reporte.refetch()} />}
      {!datos && !reporte.isError && <Cargando texto="Buscando clientes inactivos…" />}
      {datos && (
        <Seccion
          titulo={`${contar(total, 'cliente inactivo', 'clientes inactivos')} · sin interacción desde el ${formatearFecha(datos.desde)}`}
          acciones={
            <>
              {envia && (
                <Button
                  component="a"
                  href={enlaceCsv}
                  download
                  size="xs"
                  variant="default"
                  leftSection={<IconDownload size={14} aria-hidden />}
                  disabled={total === 0}
                >
                  {seleccion.size ? 'Exportar seleccionados (CSV)' : 'Exportar todos (CSV)'}
                </Button>
              )}
              {envia && (
                <Button
                  size="xs"
                  leftSection={<IconSpeakerphone size={14} aria-hidden />}
                  disabled={total === 0}
                  onClick={() => navigate(enlaceReactivacion(filtros, [...seleccion]))}
                >
                  {seleccion.size
                    ? `Iniciar campaña de reactivación (${seleccion.size})`
                    : `Iniciar campaña de reactivación con todos (${Math.min(total, MAX_REACTIVACION)})`}
                </Button>
              )}
            </>
          }
        >
          {total === 0 ? (
            <EmptyState
              size="sm"
              icon={<IconMoodHappy size={28} aria-hidden />}
              title="Nadie inactivo"
              description={`Todos los clientes${region || segmento ? ' de estos filtros' : ''} tuvieron contacto en los últimos ${meses} meses.`}
            />
          ) : (
            <>
              <Group justify="space-between" gap="xs">
                <Text size="sm" c="dimmed" aria-live="polite">
                  {seleccion.size
                    ? `${contar(seleccion.size, 'cliente seleccionado', 'clientes seleccionados')} · valor ${formatearMonto(
                        [...seleccion].reduce((s, id) => s + (vistos.get(id)?.valor_cliente ?? 0), 0),
                      )}`
                    : 'Marque clientes para una campaña solo con ellos, o iníciela con todos.'}
                </Text>
                {seleccion.size > 0 && (
                  <Button size="compact-xs" variant="subtle" onClick={() => setSeleccion(new Set())}>
                    Quitar selección
                  </Button>
                )}
              </Group>
              <TablaInactivos items={datos.items} seleccion={envia ? seleccion : null} alternar={alternar} />
              {total > POR_PAGINA && (
                <Group justify="flex-end">
                  <Pagination
                    total={Math.ceil(total / POR_PAGINA)}
                    value={pagina}
                    onChange={(p) => cambiar({ pagina: p > 1 ? String(p) : null })}
                    getControlProps={(c) => ({ 'aria-label': c === 'next' ? 'Página siguiente' : 'Página anterior' })}
                  />
                </Group>
              )}
            </>
          )}
        </Seccion>
      )}
    </Stack>
  );
}
