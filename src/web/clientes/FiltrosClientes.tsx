import { useEffect, useRef, useState } from 'react';
import { Button, Collapse, Group, SimpleGrid, Stack, Switch } from '@mantine/core';
import { useDebouncedCallback, useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconFilterOff } from '@tabler/icons-react';
import { FALTANTES, NOMBRE_FALTANTE } from '../../shared/completitud.ts';
import { Autocompletar, Seleccion } from '../components/Seleccion.tsx';
import { SelectoresTerritorio } from '../territorio/SelectoresTerritorio.tsx';
import type { Territorio } from '../territorio/territorio.ts';
import { MARCAS_EQUIPO, OPCIONES_TIPO_EQUIPO } from './catalogos.ts';
import type { CambioFiltros, FiltrosLista } from './filtrosUrl.ts';
import type { Etiqueta } from './tipos.ts';

const OPCIONES_FALTA = FALTANTES.map((f) => ({ value: f, label: NOMBRE_FALTANTE[f] }));

const OPCIONES_ACTIVO = [
  { value: 'todos', label: 'Todos' },
  { value: 'true', label: 'Activos' },
  { value: 'false', label: 'Inactivos' },
];

interface Props {
  filtros: FiltrosLista;
  cambiar: (cambio: CambioFiltros) => void;
  limpiar: () => void;
  hayFiltros: boolean;
  territorio: Territorio | undefined;
  etiquetas: Etiqueta[] | undefined;
}

/** The list's filters; each one writes straight into the URL. */
export function FiltrosClientes({ filtros, cambiar, limpiar, hayFiltros, territorio, etiquetas }: Props) {
  // On a phone six selects would push the results below the fold: they fold behind a button.
  const ancho = useMediaQuery('(min-width: 48em)', true);
  const [abiertos, { toggle }] = useDisclosure(false);
  const activos = [
    filtros.region,
    filtros.comuna,
    filtros.activo,
    filtros.etiqueta,
    filtros.tipo_equipo,
    filtros.marca_equipo,
    filtros.falta,
  ].filter((v) => v !== null).length;

  return (
    <Stack gap="sm">
      {!ancho && (
        <Button
          variant="light"
          leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
          onClick={toggle}
          aria-expanded={abiertos}
        >
          {abiertos ? 'Ocultar filtros' : 'Mostrar filtros'}
          {activos > 0 ? ` (${activos})` : ''}
        </Button>
      )}
      <Collapse expanded={ancho || abiertos}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" verticalSpacing="xs">
          <SelectoresTerritorio
            territorio={territorio}
            region={filtros.region}
            comuna={filtros.comuna}
            alCambiar={cambiar}
            propsRegion={{ placeholder: 'Todas' }}
            propsComuna={{ placeholder: filtros.region ? 'Todas las de la región' : 'Todas' }}
          />
          <Seleccion
            label="Activo"
            data={OPCIONES_ACTIVO}
            value={filtros.activo ?? 'todos'}
            onChange={(v) => cambiar({ activo: v === 'true' || v === 'false' ? v : null })}
            allowDeselect={false}
          />
          <Seleccion
            label="Etiqueta"
            placeholder="Todas"
            data={(etiquetas ?? []).map((e) => ({ value: String(e.id_etiqueta), label: e.nombre }))}
            value={filtros.etiqueta}
            onChange={(etiqueta) => cambiar({ etiqueta })}
            clearable
            searchable
            nothingFoundMessage="Sin etiquetas"
          />
          <Seleccion
            label="Tipo de equipo"
            placeholder="Todos"
            data={OPCIONES_TIPO_EQUIPO}
            value={filtros.tipo_equipo}
            onChange={(tipo_equipo) => cambiar({ tipo_equipo })}
            clearable
          />
          <FiltroMarca
            valor={filtros.marca_equipo ?? ''}
            alCambiar={(marca) => cambiar({ marca_equipo: marca.trim() || null })}
          />
          <Seleccion
            label="Datos faltantes"
            placeholder="Todos"
            data={OPCIONES_FALTA}
            value={filtros.falta}
            onChange={(v) => cambiar({ falta: v as FiltrosLista['falta'] })}
            clearable
          />
        </SimpleGrid>
      </Collapse>
      <Group justify="space-between">
        <Switch
          label="Ver archivados"
          checked={filtros.archivados}
          onChange={(e) => cambiar({ archivados: e.currentTarget.checked })}
        />
        {hayFiltros && (
          <Button variant="subtle" size="xs" leftSection={<IconFilterOff size={14} aria-hidden />} onClick={limpiar}>
            Limpiar filtros
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/** Brand: pick a common one or type any other; typed text waits for a pause before filtering. */
function FiltroMarca({ valor, alCambiar }: { valor: string; alCambiar: (marca: string) => void }) {
  const [texto, setTexto] = useState(valor);
  const enviado = useRef(valor);
  const enviar = useDebouncedCallback((marca: string) => {
    enviado.current = marca;
    alCambiar(marca);
  }, 400);

  useEffect(() => {
    if (valor !== enviado.current) {
      enviado.current = valor;
      enviar.cancel();
      setTexto(valor);
    }
  }, [valor, enviar]);

  return (
    <Autocompletar
      label="Marca de equipo"
      placeholder="Todas"
      data={MARCAS_EQUIPO}
      value={texto}
      onChange={(marca) => {
        setTexto(marca);
        enviar(marca);
      }}
      onOptionSubmit={(marca) => {
        setTexto(marca);
        enviar(marca);
        enviar.flush();
      }}
      clearable
    />
  );
}
