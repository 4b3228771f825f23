import type { Content } from 'pdfmake/interfaces.js';
import { formatearFecha, formatearFechaHora, formatearMonto } from '../../shared/formato.ts';
import { DIMENSIONES, NOMBRE_DIMENSION } from '../../shared/satisfaccion.ts';
import { formatearTelefono } from '../../shared/telefono.ts';
import {
  dato,
  formatearDecimal,
  formatearNota,
  generarPdf,
  GRIS,
  ROJO,
  seccion,
  tabla,
  bloqueTitulo,
  VERDE,
} from './pdf.ts';
import type { BriefVisita, EstadoMantencion } from './visita.ts';

export const ESTADO_MANTENCION: Record<EstadoMantencion, string> = {
  atrasada: 'Atrasada',
  proxima: 'Próxima',
  al_dia: 'Al día',
  sin_datos: 'Sin datos',
};

const TIPO_INTERACCION: Record<string, string> = {
  llamada: 'Llamada',
  email: 'Email',
  visita: 'Visita',
  whatsapp: 'WhatsApp',
  otro: 'Otro',
};

const primeraMayuscula = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

/** Where the cliente is and how to reach them, in one line. */
export function lineaContacto(c: BriefVisita['cliente']): string {
  const lugar = [c.direccion, c.comuna, c.region].filter(Boolean).join(', ');
  return [`RUT ${c.rut_formateado}`, c.telefono ? formatearTelefono(c.telefono) : null, c.email, lugar || null]
    .filter(Boolean)
    .join('  ·  ');
}

/** Satisfaction in words: NPS, strongest and weakest area with their means. */
export function resumenSatisfaccion(s: BriefVisita['satisfaccion']): Content[] {
  if (s.respondidas === 0) return [{ text: 'Sin encuestas respondidas.', style: 'nota' }];
  const area = (ds: string[]) =>
    ds
      .map(
        (d) =>
          `${NOMBRE_DIMENSION[d as keyof typeof NOMBRE_DIMENSION]} (${formatearNota(s.promedios[d as keyof typeof s.promedios] ?? 0)}/10)`,
      )
      .join(', ');
  return [
    {
      columns: [
        dato('NPS del cliente', s.nps == null ? null : `${s.nps} (${s.respondidas} encuestas)`),
        dato('Área más fuerte', area(s.mas_fuerte)),
        dato('Área más débil', area(s.mas_debil)),
      ],
    },
    tabla(
      DIMENSIONES.map((d) => primeraMayuscula(NOMBRE_DIMENSION[d])),
      [DIMENSIONES.map((d) => (s.promedios[d] == null ? '—' : `${formatearNota(s.promedios[d]!)}/10`))],
    ),
    ...(s.ultima
      ? [
          {
            text: `Última encuesta (${formatearFecha(s.ultima.fecha)}): nota ${s.ultima.puntuacion_general ?? '—'}${s.ultima.comentarios ? ` — «${s.ultima.comentarios}»` : ''}`,
            style: 'nota',
          } as Content,
        ]
      : []),
  ];
}

/** The visit brief as a PDF: talking points first (what to do), then the facts behind them. */
export async function pdfVisita(b: BriefVisita): Promise<Buffer> {
  const generado = new Date(b.generado_en);
  const v = b.valor;
  const contenido: Content[] = [
    ...bloqueTitulo(
      `Preparación de visita: ${b.cliente.nombre}`,
      `${lineaContacto(b.cliente)}${b.cliente.responsable ? `\nResponsable: ${b.cliente.responsable}` : ''}`,
    ),
    seccion('Puntos de conversación'),
    {
      // A square box before each point: the printed brief doubles as the visit's checklist.
      table: {
        widths: [12, '*'],
        body: b.puntos.map((p) => [
          { canvas: [{ type: 'rect', x: 0, y: 1.5, w: 8, h: 8, lineWidth: 0.8, lineColor: VERDE }] },
          { text: p.texto, fontSize: 10.5 },
        ]),
      },
      layout: 'noBorders',
    },
    seccion('Equipos y mantenciones'),
    tabla(
      ['Equipo', 'Año', 'Horómetro', 'Último servicio', 'Servicios', 'Próxima mantención', 'Estado'],
      b.equipos.map((e) => [
        { text: primeraMayuscula(e.nombre), bold: true },
        e.anio ? String(e.anio) : '—',
        e.horometro == null ? '—' : `${formatearDecimal(e.horometro)} h`,
        e.ultimo_servicio ? `${formatearFecha(e.ultimo_servicio.fecha)} (${e.ultimo_servicio.tipo})` : '—',
        String(e.cantidad_servicios),
        e.proxima_mantencion?.fecha
          ? `${formatearFecha(e.proxima_mantencion.fecha)}${e.proxima_mantencion.motivo === 'horas' ? ' (por horas)' : ''}`
          : '—',
        {
          text: ESTADO_MANTENCION[e.estado_mantencion],
          color: e.estado_mantencion === 'atrasada' ? ROJO : e.estado_mantencion === 'proxima' ? '#b35c00' : GRIS,
          bold: e.estado_mantencion !== 'al_dia',
        },
      ]),
      ['*', 28, 52, 78, 42, 80, 46],
      'El cliente no tiene equipos registrados.',
    ),
    seccion('Satisfacción'),
    ...resumenSatisfaccion(b.satisfaccion),
    seccion('Valor del cliente'),
    {
      columns: [
        dato('Valor histórico', formatearMonto(v.valor_historico)),
        dato(
          'Promedio de los clientes',
          v.valor_promedio_clientes == null ? null : formatearMonto(v.valor_promedio_clientes),
        ),
        dato(
          'Frente al promedio',
          v.relacion_con_promedio == null ? null : `${formatearDecimal(v.relacion_con_promedio)} veces`,
        ),
        dato(
          'Segmento',
          v.segmento_abc
            ? `${v.segmento_abc}${v.potencial_alto == null ? '' : v.potencial_alto ? ' · potencial alto' : ' · potencial bajo'}`
            : null,
        ),
      ],
    },
    {
      columns: [
        dato('Compras últimos 12 meses', formatearMonto(v.valor_ultimo_anio)),
        dato('Potencial anual de su flota', v.valor_potencial == null ? null : formatearMonto(v.valor_potencial)),
        dato('Brecha', v.brecha == null ? null : formatearMonto(v.brecha)),
        dato('Cliente recurrente', v.cliente_recurrente ? 'Sí' : 'No'),
      ],
    },
    seccion('Seguimientos y cotizaciones abiertas'),
    tabla(
      ['Seguimiento', 'Fecha', 'Responsable'],
      b.seguimientos_abiertos.map((s) => [s.motivo, formatearFecha(s.fecha_seguimiento), s.responsable ?? '—']),
      ['*', 70, 120],
      'Sin seguimientos pendientes.',
    ),
    tabla(
      ['Cotización', 'Fecha', 'Vence', 'Monto', 'Descripción'],
      b.cotizaciones_abiertas.map((q) => [
        q.numero ?? `N° ${q.id_cotizacion}`,
        formatearFecha(q.fecha),
        q.fecha_vencimiento ? formatearFecha(q.fecha_vencimiento) : '—',
        { text: formatearMonto(q.monto_total), alignment: 'right' },
        q.descripcion ?? '',
      ]),
      [70, 55, 55, 70, '*'],
      'Sin cotizaciones pendientes.',
    ),
    seccion('Oportunidades'),
    tabla(
      ['Oportunidad', 'Valor estimado'],
      b.oportunidades.items.map((o) => [o.motivo, { text: formatearMonto(o.valor_estimado), alignment: 'right' }]),
      ['*', 90],
      'Sin oportunidades detectadas.',
    ),
    seccion('Últimas 10 interacciones'),
    tabla(
      ['Fecha', 'Tipo', 'Motivo', 'Resultado', 'Por'],
      b.interacciones.map((i) => [
        formatearFechaHora(i.fecha),
        TIPO_INTERACCION[i.tipo] ?? i.tipo,
        i.motivo,
        i.resultado ?? '',
        i.usuario ?? '',
      ]),
      [70, 50, '*', '*', 70],
      'Sin interacciones registradas.',
    ),
  ];
  return generarPdf({ titulo: `Visita a ${b.cliente.nombre}`, generado, contenido });
}
