import { NumberInput, SimpleGrid } from '@mantine/core';
import { MARCAS_EQUIPO, OPCIONES_TIPO_EQUIPO } from '../clientes/catalogos.ts';
import { useEtiquetas } from '../clientes/consultas.ts';
import { Autocompletar, Seleccion } from '../components/Seleccion.tsx';
import { SelectoresTerritorio } from '../territorio/SelectoresTerritorio.tsx';
import { useTerritorio } from '../territorio/territorio.ts';
import { OPCIONES_SEGMENTO } from './catalogos.ts';
import type { FiltrosCampana as Filtros } from './tipos.ts';

/** The form's values: every field may be empty (null), unlike the API's filters. */
export interface ValoresFiltros {
  segmento: string | null;
  potencial: string | null;
  region: string | null;
  comuna: string | null;
  activo: string | null;
  etiqueta: string | null;
  tipo_equipo: string | null;
  marca_equipo: string;
  antiguedad_equipo_min: number | null;
  inactivo_meses: number | null;
}

export const FILTROS_VACIOS: ValoresFiltros = {
  segmento: null,
  potencial: null,
  region: null,
  comuna: null,
  activo: null,
  etiqueta: null,
  tipo_equipo: null,
  marca_equipo: '',
  antiguedad_equipo_min: null,
  inactivo_meses: null,
};

/** Form values → the API's filters, leaving empty ones out (the server's schema is strict). */
export function aFiltros(v: ValoresFiltros): Filtros {
  const f: Filtros = {};
  if (v.segmento === 'A' || v.segmento === 'B' || v.segmento === 'C') f.segmento = v.segmento;
  if (v.potencial === 'alto' || v.potencial === 'bajo') f.potencial = v.potencial;
  if (v.region) f.region = v.region;
  if (v.comuna) f.comuna = v.comuna;
  if (v.activo === 'true' || v.activo === 'false') f.activo = v.activo;
  if (v.etiqueta) f.etiqueta = Number(v.etiqueta);
  if (v.tipo_equipo) f.tipo_equipo = v.tipo_equipo;
  if (v.marca_equipo.trim()) f.marca_equipo = v.marca_equipo.trim();
  if (v.antiguedad_equipo_min) f.antiguedad_equipo_min = v.antiguedad_equipo_min;
  if (v.inactivo_meses) f.inactivo_meses = v.inactivo_meses;
  return f;
}

const numero = (v: string | number) => (typeof v === 'number' && v > 0 ? v : null);

/** Who a general campaign goes to: the customer list's filters plus machine age and inactivity. */
export function FiltrosCampana({
  valor,
  cambiar,
}: {
  valor: ValoresFiltros;
  cambiar: (c: Partial<ValoresFiltros>) => void;
}) {
  const territorio = useTerritorio();
  const etiquetas = useEtiquetas();
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" verticalSpacing="xs">
      <Seleccion
        label="Segmento"
        placeholder="Todos"
        data={OPCIONES_SEGMENTO}
        value={valor.segmento}
        onChange={(segmento) => cambiar({ segmento })}
        clearable
      />
      <Seleccion
        label="Potencial"
        placeholder="Todos"
        data={[
          { value: 'alto', label: 'Alto (brecha sobre la mediana)' },
          { value: 'bajo', label: 'Bajo' },
        ]}
        value={valor.potencial}
        onChange={(potencial) => cambiar({ potencial })}
        clearable
      />
      <Seleccion
        label="Estado"
        placeholder="Todos"
        data={[
          { value: 'true', label: 'Activos' },
          { value: 'false', label: 'Inactivos (sin actividad en 12 meses)' },
        ]}
        value={valor.activo}
        onChange={(activo) => cambiar({ activo })}
        clearable
      />
      <SelectoresTerritorio
        territorio={territorio.data}
        region={valor.region}
        comuna={valor.comuna}
        alCambiar={cambiar}
        propsRegion={{ placeholder: 'Todas' }}
        propsComuna={{ placeholder: 'Todas' }}
      />
      <Seleccion
        label="Etiqueta"
        placeholder="Todas"
        data={(etiquetas.data ?? []).map((e) => ({ value: String(e.id_etiqueta), label: e.nombre }))}
        value={valor.etiqueta}
        onChange={(etiqueta) => cambiar({ etiqueta })}
        clearable
        searchable
        nothingFoundMessage="Sin etiquetas"
      />
      <Seleccion
        label="Tipo de equipo"
        placeholder="Todos"
        data={OPCIONES_TIPO_EQUIPO}
        value={valor.tipo_equipo}
        onChange={(tipo_equipo) => cambiar({ tipo_equipo })}
        clearable
      />
      <Autocompletar
        label="Marca de equipo"
        placeholder="Todas"
        data={MARCAS_EQUIPO}
        value={valor.marca_equipo}
        onChange={(marca_equipo) => cambiar({ marca_equipo })}
        clearable
      />
      <NumberInput
        label="Con un equipo de al menos (años)"
        placeholder="Cualquier antigüedad"
        min={1}
        max={80}
        allowDecimal={false}
        value={valor.antiguedad_equipo_min ?? ''}
        onChange={(v) => cambiar({ antiguedad_equipo_min: numero(v) })}
      />
      <NumberInput
        label="Sin interacción en los últimos (meses)"
        placeholder="Sin importar"
        min={1}
        max={120}
        allowDecimal={false}
        value={valor.inactivo_meses ?? ''}
        onChange={(v) => cambiar({ inactivo_meses: numero(v) })}
      />
    </SimpleGrid>
  );
}
