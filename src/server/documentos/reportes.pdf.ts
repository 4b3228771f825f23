import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { formatearFecha, formatearMonto } from '../../shared/formato.ts';
import type { Kpi } from '../../shared/kpis.ts';
import type { tableroKpis } from '../kpis/kpis.ts';
import type { reporteRegiones } from '../reportes/regiones.ts';
import {
  formatearDecimal,
  formatearEntero,
  generarPdf,
  GRIS,
  ROJO,
  seccion,
  tabla,
  bloqueTitulo,
  VERDE,
} from './pdf.ts';

type Tablero = Awaited<ReturnType<typeof tableroKpis>>;
type Regiones = Awaited<ReturnType<typeof reporteRegiones>>;
type FilaKpi = Tablero['kpis'][number];

/** Name, unit and how to read each KPI (DOMAIN.md "KPIs"); every one of them is better when higher. */
export const KPI_INFO: Record<Kpi, { nombre: string; valor: (n: number) => string; cambio: (n: number) => string }> = {
  retencion: {
    nombre: 'Tasa de retención',
    valor: (n) => `${formatearDecimal(n)} %`,
    cambio: (n) => `${formatearDecimal(n)} pts`,
  },
  valor_promedio: { nombre: 'Valor cliente promedio', valor: formatearMonto, cambio: formatearMonto },
  nps: { nombre: 'NPS global', valor: (n) => formatearEntero(n), cambio: (n) => formatearEntero(n) },
  frecuencia: {
    nombre: 'Frecuencia de interacción',
    valor: (n) => `${formatearDecimal(n)} por cliente activo`,
    cambio: (n) => formatearDecimal(n),
  },
  conversion: {
    nombre: 'Tasa de conversión de cotizaciones',
    valor: (n) => `${formatearDecimal(n)} %`,
    cambio: (n) => `${formatearDecimal(n)} pts`,
  },
};

/** What the number is made of, in words (the click-through's headline). */
export function detalleKpi(k: FilaKpi): string {
  const x = k as FilaKpi & Record<string, number>;
  switch (k.kpi) {
    case 'retencion':
      return `${x.retenidos} de ${x.activos_anterior} clientes activos en el período anterior siguen activos`;
    case 'valor_promedio':
      return `${formatearMonto(x.valor_total)} entre ${x.clientes} clientes con compras`;
    case 'nps':
      return `${x.respondidas} encuestas: ${x.promotores} promotores, ${x.detractores} detractores`;
    case 'frecuencia':
      return `${x.interacciones} interacciones, ${x.activos} clientes activos`;
    case 'conversion':
      return `${x.aceptadas} aceptadas de ${x.resueltas} resueltas; ${x.pendientes} pendientes`;
  }
}

function textoCambio(k: FilaKpi): TableCell {
  if (k.cambio == null) return { text: '—', color: GRIS };
  const signo = k.cambio > 0 ? '+' : k.cambio < 0 ? '-' : '';
  return {
    text: `${signo}${KPI_INFO[k.kpi].cambio(Math.abs(k.cambio))}`,
    color: k.cambio > 0 ? VERDE : k.cambio < 0 ? ROJO : GRIS,
    bold: true,
  };
}

/** A 24-month line drawn with the PDF's own vectors (no chart library on the server); a dot per month with data. */
function minigrafico(serie: { valor: number | null }[], ancho = 90, alto = 14): TableCell {
  const valores = serie.map((s) => s.valor).filter((v): v is number => v != null);
  if (valores.length === 0) return { text: 'sin datos', style: 'nota' };
  const min = Math.min(...valores);
  const max = Math.max(...valores);
  const puntos = serie.flatMap((s, i) =>
    s.valor == null
      ? []
      : [
          {
            x: (i / (serie.length - 1)) * ancho,
            y: 1 + alto - (max === min ? alto / 2 : ((s.valor - min) / (max - min)) * alto),
          },
        ],
  );
  return {
    canvas: [
      { type: 'line', x1: 0, y1: alto + 2, x2: ancho, y2: alto + 2, lineWidth: 0.3, lineColor: '#bbbbbb' },
      ...(puntos.length > 1 ? [{ type: 'polyline' as const, lineWidth: 1, lineColor: VERDE, points: puntos }] : []),
      ...puntos.map((p) => ({ type: 'ellipse' as const, x: p.x, y: p.y, r1: 1.3, r2: 1.3, color: VERDE })),
    ],
  };
}

const MESES = ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic'];
/** `2026-03` → `mar 2026`. */
const nombreMes = (mes: string) => `${MESES[Number(mes.slice(5, 7)) - 1]} ${mes.slice(0, 4)}`;

/** Filters of a report in one line: "Región: Maule · Segmento: todos". */
export function lineaFiltros(f: { region?: string; segmento?: string }): string {
  return `Región: ${f.region || 'todas'}  ·  Segmento: ${f.segmento || 'todos'}`;
}

/** The five KPIs of the period with their previous value, change and 24-month trend, as a PDF. */
export async function pdfKpis(
  t: Tablero,
  filtros: { region?: string; segmento?: string },
  generado: Date = new Date(),
): Promise<Buffer> {
  const periodo = `Período ${formatearFecha(t.periodo.desde)} al ${formatearFecha(t.periodo.hasta)} · anterior ${formatearFecha(t.periodo_anterior.desde)} al ${formatearFecha(t.periodo_anterior.hasta)}`;
  const meses = t.kpis[0]?.tendencia.map((m) => m.mes) ?? [];
  const contenido: Content[] = [
    ...bloqueTitulo('Indicadores clave de clientes', `${periodo}\n${lineaFiltros(filtros)}`),
    tabla(
      ['Indicador', 'Valor', 'Período anterior', 'Cambio', '24 meses', 'Detalle'],
      t.kpis.map((k) => [
        { text: KPI_INFO[k.kpi].nombre, bold: true },
        { text: k.valor == null ? '—' : KPI_INFO[k.kpi].valor(k.valor), fontSize: 10, bold: true },
        k.anterior == null ? '—' : KPI_INFO[k.kpi].valor(k.anterior),
        textoCambio(k),
        minigrafico(k.tendencia),
        { text: detalleKpi(k), fontSize: 8 },
      ]),
      [110, 95, 95, 55, 95, '*'],
    ),
    seccion('Tendencia mensual'),
    tabla(
      ['Mes', ...t.kpis.map((k) => KPI_INFO[k.kpi].nombre)],
      meses.map((mes, i) => [
        nombreMes(mes),
        ...t.kpis.map((k) => {
          const v = k.tendencia[i]?.valor;
          return {
            text: v == null ? '—' : KPI_INFO[k.kpi].valor(v).replace(' por cliente activo', ''),
            alignment: 'right' as const,
          };
        }),
      ]),
      [50, '*', '*', '*', '*', '*'],
      undefined,
      { compacta: true },
    ),
    {
      text: 'Retención mensual: clientes activos en un mes que siguen activos el mes siguiente. Los demás indicadores se calculan con los datos de cada mes.',
      style: 'nota',
    },
  ];
  return generarPdf({ titulo: 'Indicadores clave', generado, contenido, horizontal: true });
}

/** Clientes por región (seed, reporte 3) as a PDF: the 16 regions north to south, with a bar per region. */
export async function pdfRegiones(r: Regiones, generado: Date = new Date()): Promise<Buffer> {
  const maximo = Math.max(1, ...r.regiones.map((x) => x.clientes));
  const barra = (n: number): TableCell =>
    n > 0 ? { canvas: [{ type: 'rect', x: 0, y: 2, w: (n / maximo) * 110, h: 7, color: VERDE }] } : '';
  const fila = (nombre: string, x: Regiones['sin_region'], conBarra: boolean, negrita = false): TableCell[] => [
    { text: nombre, bold: negrita },
    { text: formatearEntero(x.clientes), alignment: 'right', bold: negrita },
    conBarra ? barra(x.clientes) : '',
    { text: formatearEntero(x.activos), alignment: 'right' },
    { text: formatearMonto(x.valor), alignment: 'right' },
    { text: formatearEntero(x.equipos), alignment: 'right' },
    { text: x.nps == null ? (negrita ? '' : '—') : formatearEntero(x.nps), alignment: 'right' },
  ];
  const suma = (k: 'clientes' | 'activos' | 'valor' | 'equipos') =>
    r.regiones.reduce((s, x) => s + x[k], 0) + r.sin_region[k];
  const filas = [
    ...r.regiones.map((x) => fila(x.nombre_corto, x, true)),
    ...(r.sin_region.clientes > 0 ? [fila('Sin comuna registrada', r.sin_region, false)] : []),
    fila(
      'Total',
      {
        clientes: suma('clientes'),
        activos: suma('activos'),
        valor: suma('valor'),
        equipos: suma('equipos'),
        nps: null,
      },
      false,
      true,
    ),
  ];
  const contenido: Content[] = [
    ...bloqueTitulo(
      'Clientes por región',
      `${formatearEntero(r.total_clientes)} clientes · NPS de las encuestas de los últimos 12 meses, al ${formatearFecha(r.periodo_nps.hasta)}`,
    ),
    tabla(
      ['Región (de norte a sur)', 'Clientes', '', 'Activos', 'Valor histórico', 'Equipos', 'NPS'],
      filas,
      ['*', 45, 115, 45, 80, 45, 35],
      undefined,
      { compacta: false },
    ),
    {
      text: 'Activos: con actividad en los últimos 12 meses. Valor: órdenes completadas y pedidos entregados, desde siempre.',
      style: 'nota',
    },
  ];
  return generarPdf({ titulo: 'Clientes por región', generado, contenido });
}
