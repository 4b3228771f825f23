import { Button, Group } from '@mantine/core';
import { IconFileSpreadsheet, IconFileText } from '@tabler/icons-react';
import { consulta } from '../api.ts';
import { CampoFecha } from '../components/CampoFecha.tsx';
import { Seleccion } from '../components/Seleccion.tsx';
import { puedeEditarClientes, useUsuario } from '../sesion/sesion.ts';
import { opcionesRegiones, useTerritorio } from '../territorio/territorio.ts';
import { SEGMENTOS } from './catalogos.ts';
import {
  NOMBRE_PERIODO,
  PERIODOS,
  rangoDePeriodo,
  type CambioRanking,
  type FiltrosRanking,
  type Periodo,
} from './filtrosRanking.ts';
import type { Segmento } from './tipos.ts';

/** `/api/exportar/clientes?formato=…&segmento=…&region=…`: the clientes of the ranking's filters, as a file. */
export function enlaceExportarClientes(
  formato: 'csv' | 'xlsx',
  f: Pick<FiltrosRanking, 'segmento' | 'region'>,
): string {
  return `/api/exportar/clientes${consulta({ formato, segmento: f.segmento, region: f.region })}`;
}

/** Period (presets or custom dates), region and segment of the ranking, and its export links. */
export function BarraRanking({ filtros, cambiar }: { filtros: FiltrosRanking; cambiar: (c: CambioRanking) => void }) {
  const usuario = useUsuario();
  const territorio = useTerritorio();
  const rango = rangoDePeriodo(filtros);

  function elegirPeriodo(periodo: Periodo) {
    // "Personalizado" starts from the dates on screen, so the user only edits the end that changes.
    cambiar(periodo === 'personalizado' ? { periodo, desde: rango.desde, hasta: rango.hasta } : { periodo });
  }

  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <Seleccion
        label="Período"
        data={PERIODOS.map((p) => ({ value: p, label: NOMBRE_PERIODO[p] }))}
        value={filtros.periodo}
        onChange={(v) => v && elegirPeriodo(v as Periodo)}
        allowDeselect={false}
        w={190}
      />
      {filtros.periodo === 'personalizado' && (
        <>
          <CampoFecha
            label="Desde"
            value={rango.desde}
            maxDate={rango.hasta}
            clearable={false}
            onChange={(v) => v && cambiar({ desde: String(v).slice(0, 10) })}
            w={150}
          />
          <CampoFecha
            label="Hasta"
            value={rango.hasta}
            minDate={rango.desde}
            clearable={false}
            onChange={(v) => v && cambiar({ hasta: String(v).slice(0, 10) })}
            w={150}
          />
        </>
      )}
      <Seleccion
        label="Región"
        placeholder="Todas"
        data={opcionesRegiones(territorio.data)}
        value={filtros.region}
        onChange={(region) => cambiar({ region })}
        clearable
        searchable
        w={260}
      />
      <Seleccion
        label="Segmento"
        placeholder="Todos"
        data={SEGMENTOS.map((s) => ({ value: s, label: `Segmento ${s}` }))}
        value={filtros.segmento}
        onChange={(segmento) => cambiar({ segmento: segmento as Segmento | null })}
        clearable
        w={150}
      />
      {/* Only admin and comercial may take clientes' contact data out of the app (Ley 21.719, server: exportar). */}
      {puedeEditarClientes(usuario.rol) && (
        <Group gap={6} ml="auto">
          <Button
            component="a"
            href={enlaceExportarClientes('csv', filtros)}
            download
            variant="default"
            leftSection={<IconFileText size={16} aria-hidden />}
            aria-label="Exportar estos clientes a CSV"
          >
            CSV
          </Button>
          <Button
            component="a"
            href={enlaceExportarClientes('xlsx', filtros)}
            download
            variant="default"
            leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
            aria-label="Exportar estos clientes a Excel"
          >
            Excel
          </Button>
        </Group>
      )}
    </Group>
  );
}
