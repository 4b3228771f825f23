import { Button, Menu, type ButtonProps } from '@mantine/core';
import { IconChevronDown, IconDownload, IconFileSpreadsheet, IconFileText } from '@tabler/icons-react';
import type { EntidadExportacion } from '../../shared/importacion.ts';
import { consulta } from '../api.ts';

type Filtros = Record<string, string | number | boolean | null | undefined>;

// The export takes the list's filters but not its paging: it always exports every matching row.
const SIN_PAGINA = new Set(['limit', 'offset', 'pagina']);

export interface PropsBotonExportar {
  /** What to export: clientes, equipos, ordenes, pedidos, cotizaciones or interacciones. */
  entidad: EntidadExportacion;
  /** The filters of the list on screen, as its API takes them (limit/offset are dropped). */
  filtros?: Filtros;
  /** Look of the button (default: default variant). */
  boton?: ButtonProps;
}

/** `/api/exportar/clientes?formato=xlsx&region=…`: the address a download link points at. */
export function enlaceExportacion(entidad: EntidadExportacion, formato: 'csv' | 'xlsx', filtros: Filtros = {}): string {
  const limpios = Object.fromEntries(Object.entries(filtros).filter(([clave]) => !SIN_PAGINA.has(clave)));
  return `/api/exportar/${entidad}${consulta({ ...limpios, formato })}`;
}

/**
 * "Exportar" → CSV / Excel. A plain same-origin link: the browser sends the session cookie and
 * streams the file straight to disk, however many rows, without holding it in page memory.
 * Clientes and interacciones may only be exported by admin and comercial: show it to them only.
 */
export function BotonExportar({ entidad, filtros, boton }: PropsBotonExportar) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={18} aria-hidden />}
          rightSection={<IconChevronDown size={14} aria-hidden />}
          {...boton}
        >
          Exportar
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          component="a"
          href={enlaceExportacion(entidad, 'xlsx', filtros)}
          download
          leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
        >
          Excel (.xlsx)
        </Menu.Item>
        <Menu.Item
          component="a"
          href={enlaceExportacion(entidad, 'csv', filtros)}
          download
          leftSection={<IconFileText size={16} aria-hidden />}
        >
          CSV
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
