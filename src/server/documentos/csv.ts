import Papa from 'papaparse';
import { formatearFecha } from '../../shared/formato.ts';
import type { Kpi } from '../../shared/kpis.ts';
import { formatearRut } from '../../shared/rut.ts';
import { formatearTelefono } from '../../shared/telefono.ts';
import type { Conexion } from '../db/tipos.ts';
import { reporteInactivos } from '../comunicacion/inactivos.ts';
import { clientesDeKpi, type FiltrosKpi } from '../kpis/kpis.ts';
import type { reporteRegiones } from '../reportes/regiones.ts';
import { exigirRol } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';
import type { Rol } from '../usuarios/usuarios.table.ts';

/** Ley 21.719: a list of clientes with their contact data leaves the app only with these roles (as /api/exportar/clientes). */
export const DATOS_PERSONALES: readonly Rol[] = ['admin', 'comercial'];

const PAGINA = 1000;

// Excel runs a cell starting with = + - @ as a formula (CSV injection): an apostrophe makes it text.
const PELIGROSO = /^[=+\-@\t\r](?!\d+([.,]\d+)?$)/;
const celda = (v: unknown) => {
  if (v == null) return '';
  const t = String(v);
  return PELIGROSO.test(t) ? `'${t}` : t;
};

/** CSV as Excel in Spanish (Chile) opens it: UTF-8 with BOM, `;` between fields, CRLF. */
export function csvExcel(encabezados: string[], filas: unknown[][]): string {
  return `\uFEFF${Papa.unparse([encabezados, ...filas.map((f) => f.map(celda))], { delimiter: ';', newline: '\r\n' })}\r\n`;
}

/** The 16 regions of the map with their numbers (aggregates only: no personal data). */
export function csvRegiones(r: Awaited<ReturnType<typeof reporteRegiones>>): string {
  const filas = r.regiones.map((x) => [
    x.codigo_region,
    x.region,
    x.clientes,
    x.activos,
    x.valor,
    x.equipos,
    x.nps ?? '',
  ]);
  if (r.sin_region.clientes > 0)
    filas.push([
      '',
      'Sin comuna registrada',
      r.sin_region.clientes,
      r.sin_region.activos,
      r.sin_region.valor,
      r.sin_region.equipos,
      r.sin_region.nps ?? '',
    ]);
  return csvExcel(['Código', 'Región', 'Clientes', 'Activos', 'Valor histórico', 'Equipos', 'NPS 12 meses'], filas);
}

/** Every cliente behind a KPI's number (the dashboard's click-through), page by page. */
export async function csvClientesKpi(
  db: Conexion,
  usuario: Usuario,
  kpi: Kpi,
  grupo: string | undefined,
  f: FiltrosKpi,
) {
  exigirRol(usuario, DATOS_PERSONALES, 'exportar datos de contacto de clientes');
  const filas: unknown[][] = [];
  let total = 0;
  for (let offset = 0; ; offset += PAGINA) {
    const r = await clientesDeKpi(db, usuario, kpi, grupo, { ...f, limit: PAGINA, offset });
    total = r.total;
    for (const c of r.items as Record<string, any>[]) {
      filas.push([
        c.nombre,
        formatearRut(c.rut),
        c.comuna ?? '',
        c.region ?? '',
        // Without the +56: Excel would read "+56 9…" as a formula; on re-import it is understood as Chilean.
        c.telefono ? formatearTelefono(c.telefono).replace(/^\+56 /, '') : '',
        c.ultimo_contacto ? formatearFecha(c.ultimo_contacto) : '',
        c.activo ? 'Sí' : 'No',
      ]);
    }
    if (offset + PAGINA >= r.total) break;
  }
  return {
    total,
    contenido: csvExcel(['Nombre', 'RUT', 'Comuna', 'Región', 'Teléfono', 'Último contacto', 'Activo'], filas),
  };
}

interface EquipoInactivo {
  tipo: string;
  marca: string;
  modelo: string | null;
  anio: number | null;
}

/**
 * The inactive clientes report (seed report 5) as a CSV: every cliente of the filters, or only the
 * chosen ones (`ids`). Built here, not in the browser, so that the export is audited.
 */
export async function csvInactivos(
  db: Conexion,
  usuario: Usuario,
  f: { meses: number; region?: string; segmento?: 'A' | 'B' | 'C'; ids?: number[] },
) {
  exigirRol(usuario, DATOS_PERSONALES, 'exportar datos de contacto de clientes');
  const elegidos = f.ids?.length ? new Set(f.ids) : null;
  const filas: unknown[][] = [];
  for (let offset = 0; ; offset += PAGINA) {
    const r = await reporteInactivos(db, usuario, { ...f, limit: PAGINA, offset });
    for (const c of r.items as Record<string, any>[]) {
      if (elegidos && !elegidos.has(c.id_cliente)) continue;
      filas.push([
        c.rut_formateado,
        c.nombre,
        c.region ?? '',
        c.comuna ?? '',
        c.telefono ? formatearTelefono(c.telefono).replace(/^\+56 /, '') : '',
        c.email ?? '',
        c.ultimo_contacto ? formatearFecha(c.ultimo_contacto) : '',
        c.dias_sin_contacto ?? '',
        c.valor_cliente,
        c.segmento_abc ?? '',
        (c.equipos as EquipoInactivo[])
          .map(
            (e) =>
              `${[e.tipo.charAt(0).toUpperCase() + e.tipo.slice(1), e.marca, e.modelo].filter(Boolean).join(' ')} (${e.anio ?? 'año no registrado'})`,
          )
          .join(', '),
      ]);
    }
    if (offset + PAGINA >= r.total) break;
  }
  return {
    total: filas.length,
    contenido: csvExcel(
      [
        'RUT',
        'Nombre',
        'Región',
        'Comuna',
        'Teléfono',
        'Email',
        'Último contacto',
        'Días sin contacto',
        'Valor',
        'Segmento',
        'Equipos',
      ],
      filas,
    ),
  };
}
