import type { ComboboxItem, ComboboxParsedItem, OptionsFilter } from '@mantine/core';
import { plegar } from '../../shared/texto.ts';

/** Select search that ignores case and accents (`chillan` finds Chillán, `nuble` finds Ñuble), prefix matches first. */
export const filtroSinTildes: OptionsFilter = ({ options, search, limit }) => {
  const buscado = plegar(search);
  if (!buscado) return options.slice(0, limit);
  const alInicio: ComboboxParsedItem[] = [];
  const dentro: ComboboxParsedItem[] = [];
  for (const opcion of options) {
    if ('group' in opcion) continue;
    const texto = plegar((opcion as ComboboxItem).label);
    if (texto.startsWith(buscado)) alInicio.push(opcion);
    else if (texto.includes(buscado)) dentro.push(opcion);
  }
  return [...alInicio, ...dentro].slice(0, limit);
};
