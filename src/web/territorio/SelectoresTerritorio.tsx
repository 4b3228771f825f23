import type { ComponentProps } from 'react';
import { Group, Text } from '@mantine/core';
import { Seleccion } from '../components/Seleccion.tsx';
import { filtroSinTildes } from '../components/filtroSinTildes.ts';
import { comunaPorCodigo, opcionesComunas, opcionesRegiones, type Territorio } from './territorio.ts';

type PropsBase = Omit<ComponentProps<typeof Seleccion>, 'data' | 'value' | 'onChange' | 'label'>;

interface Props {
  territorio: Territorio | undefined;
  /** CUT codes. */
  region: string | null;
  comuna: string | null;
  /** Called with both codes: the comuna decides the region (DOMAIN.md "Región / comuna"). */
  alCambiar: (cambio: { region: string | null; comuna: string | null }) => void;
  propsRegion?: PropsBase;
  propsComuna?: PropsBase;
}

/** Región and Comuna selects that keep each other consistent. */
export function SelectoresTerritorio({ territorio, region, comuna, alCambiar, propsRegion, propsComuna }: Props) {
  return (
    <>
      <Seleccion
        label="Región"
        data={opcionesRegiones(territorio)}
        value={region}
        onChange={(nueva) => {
          // Keep the comuna only if it is in the new region.
          const c = comunaPorCodigo(territorio, comuna);
          alCambiar({ region: nueva, comuna: c && c.codigo_region === nueva ? comuna : null });
        }}
        searchable
        clearable
        filter={filtroSinTildes}
        nothingFoundMessage="Ninguna región coincide"
        {...propsRegion}
      />
      <Seleccion
        label="Comuna"
        data={opcionesComunas(territorio, region)}
        value={comuna}
        onChange={(nueva) => {
          const c = comunaPorCodigo(territorio, nueva);
          alCambiar(c ? { region: c.codigo_region, comuna: nueva } : { region, comuna: null });
        }}
        searchable
        clearable
        filter={filtroSinTildes}
        limit={80}
        nothingFoundMessage="Ninguna comuna coincide"
        renderOption={({ option }) =>
          region ? (
            option.label
          ) : (
            <Group justify="space-between" gap="xs" wrap="nowrap" w="100%">
              <span>{option.label}</span>
              {/* The region helps tell places apart but must not change the option's accessible name. */}
              <Text span size="xs" c="dimmed" aria-hidden>
                {comunaPorCodigo(territorio, option.value)?.region}
              </Text>
            </Group>
          )
        }
        {...propsComuna}
      />
    </>
  );
}
