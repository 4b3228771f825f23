import type { Content } from 'pdfmake/interfaces.js';
import { formatearFecha, formatearFechaHora, formatearMonto, hoyEnSantiago } from '../../shared/formato.ts';
import { formatearTelefono } from '../../shared/telefono.ts';
import { fichaCompleta } from '../clientes/ficha.ts';
import type { Conexion } from '../db/tipos.ts';
import { listarInteracciones } from '../interacciones/interacciones.ts';
import { listarOrdenes } from '../ordenes/ordenes.ts';
import { listarPedidos } from '../pedidos/pedidos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';
import { dato, formatearDecimal, generarPdf, GRIS, ROJO, seccion, tabla, bloqueTitulo } from './pdf.ts';
import { resumenSatisfaccion } from './visita.pdf.ts';
import { estadoMantencion, nombreEquipo } from './visita.ts';

/** How much history one printed ficha carries; the header says when there is more. */
const MAX_ORDENES = 200;
const MAX_PEDIDOS = 200;
const MAX_INTERACCIONES = 50;

const ETIQUETA: Record<string, string> = {
  en_proceso: 'en proceso',
  garantia: 'garantía',
  whatsapp: 'WhatsApp',
  email: 'Email',
};
const texto = (v: string) => ETIQUETA[v] ?? v;
const mayuscula = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
const monto = (n: number) => ({ text: formatearMonto(n), alignment: 'right' as const });
const cuantos = (mostrados: number, total: number) =>
  total > mostrados ? ` (las ${mostrados} más recientes de ${total})` : '';

interface ItemPedido {
  codigo?: string | null;
  descripcion: string;
  cantidad: number;
}

/** Everything the printed ficha shows, from the use cases of each module (same permissions as on screen). */
export async function datosFicha(db: Conexion, usuario: Usuario, id: number, hoy: string = hoyEnSantiago()) {
  const ficha = await fichaCompleta(db, usuario, id, hoy);
  const [ordenes, pedidos, interacciones] = await Promise.all([
    listarOrdenes(db, usuario, { id_cliente: id, limit: MAX_ORDENES, offset: 0 }),
    listarPedidos(db, usuario, { id_cliente: id, limit: MAX_PEDIDOS, offset: 0 }),
    listarInteracciones(db, usuario, id, { limit: MAX_INTERACCIONES, offset: 0 }),
  ]);
  return { hoy, ficha, ordenes, pedidos, interacciones };
}

type DatosFicha = Awaited<ReturnType<typeof datosFicha>>;
type Orden = DatosFicha['ordenes']['items'][number];

function tablaOrdenes(ordenes: Orden[], conEquipo: boolean): Content {
  return tabla(
    [
      'Ingreso',
      'N°',
      'Tipo',
      'Estado',
      'Cierre',
      'Horómetro',
      ...(conEquipo ? ['Equipo'] : []),
      'Monto',
      'Descripción',
    ],
    ordenes.map((o) => [
      formatearFecha(o.fecha_ingreso),
      o.numero ?? String(o.id_orden),
      texto(o.tipo),
      texto(o.estado),
      o.fecha_cierre ? formatearFecha(o.fecha_cierre) : '—',
      o.horometro == null ? '—' : `${formatearDecimal(Number(o.horometro))} h`,
      ...(conEquipo ? [o.equipo ?? '—'] : []),
      monto(Number(o.monto_total)),
      o.descripcion ?? '',
    ]),
    [52, 44, 50, 48, 52, 50, ...(conEquipo ? [80] : []), 58, '*'],
    'Sin órdenes registradas.',
  );
}

/** Machines, each with its service history (seed report 1: "equipos, historial de mantenciones"). */
function equiposConHistorial(d: DatosFicha): Content[] {
  if (d.ficha.equipos.length === 0) return [{ text: 'El cliente no tiene equipos registrados.', style: 'nota' }];
  return d.ficha.equipos.flatMap((e): Content[] => {
    const p = e.proxima_mantencion;
    const estado = e.activo ? estadoMantencion(p?.fecha, d.hoy) : null;
    const detalles = [
      e.anio ? `año ${e.anio}` : null,
      e.numero_serie ? `serie ${e.numero_serie}` : null,
      e.horometro == null ? null : `${formatearDecimal(e.horometro)} h`,
      e.activo ? null : 'dado de baja',
    ].filter(Boolean);
    const historial = d.ordenes.items.filter((o) => o.id_equipo === e.id_equipo);
    return [
      {
        text: [
          { text: mayuscula(nombreEquipo(e)), bold: true },
          { text: detalles.length ? `  ·  ${detalles.join('  ·  ')}` : '', color: GRIS },
        ],
        margin: [0, 6, 0, 1],
      },
      {
        text: p?.fecha
          ? `Próxima mantención: ${formatearFecha(p.fecha)} (${p.motivo === 'horas' ? 'por horas de uso' : 'por fecha'})${estado === 'atrasada' ? ' — ATRASADA' : ''}`
          : 'Próxima mantención: sin datos suficientes',
        fontSize: 8.5,
        color: estado === 'atrasada' ? ROJO : GRIS,
        margin: [0, 0, 0, 3],
      },
      tablaOrdenes(historial, false),
    ];
  });
}

function repuestos(items: unknown): string {
  if (!Array.isArray(items) || items.length === 0) return '';
  return (items as ItemPedido[])
    .map((i) => `${formatearDecimal(Number(i.cantidad))} × ${i.descripcion}${i.codigo ? ` (${i.codigo})` : ''}`)
    .join('; ');
}

/** Ficha completa del cliente (seed, reporte 1) as one printable document. */
export async function pdfFicha(d: DatosFicha, generado: Date = new Date()): Promise<Buffer> {
  const { ficha } = d;
  const c = ficha.cliente;
  const v = ficha.valor;
  const sinEquipo = d.ordenes.items.filter(
    (o) => o.id_equipo == null || !ficha.equipos.some((e) => e.id_equipo === o.id_equipo),
  );
  const contenido: Content[] = [
    ...bloqueTitulo(
      c.nombre,
      `Ficha completa del cliente · RUT ${c.rut_formateado}${c.archivado ? ' · ARCHIVADO' : ''}`,
    ),
    seccion('Datos de contacto'),
    {
      columns: [
        dato('Teléfono', c.telefono ? formatearTelefono(c.telefono) : null),
        dato('Correo', c.email),
        dato('Dirección', c.direccion),
        dato('Comuna y región', [c.comuna, c.region].filter(Boolean).join(', ')),
      ],
    },
    {
      columns: [
        dato('Registrado el', formatearFecha(c.fecha_registro)),
        dato('Último contacto', c.ultimo_contacto ? formatearFecha(c.ultimo_contacto) : null),
        dato('Estado', c.activo ? 'Activo (actividad en los últimos 12 meses)' : 'Inactivo'),
        dato('Responsable', c.responsable),
      ],
    },
    ...(c.etiquetas?.length
      ? [dato('Etiquetas', c.etiquetas.map((t: { nombre: string }) => t.nombre).join(', '))]
      : []),
    ...(ficha.alertas.length
      ? [
          seccion('Alertas'),
          {
            ul: ficha.alertas.map((a) => `${a.mensaje}${a.fecha ? ` (${formatearFecha(a.fecha)})` : ''}`),
            color: ROJO,
          } as Content,
        ]
      : []),
    seccion('Valor del cliente'),
    {
      columns: [
        dato('Valor histórico', formatearMonto(v.valor_historico)),
        dato('Últimos 12 meses', formatearMonto(v.valor_ultimo_anio)),
        dato(
          'Promedio de los clientes',
          v.valor_promedio_clientes == null ? null : formatearMonto(v.valor_promedio_clientes),
        ),
        dato('Segmento', v.segmento_abc ? `${v.segmento_abc}${v.cliente_recurrente ? ' · recurrente' : ''}` : null),
      ],
    },
    seccion(`Equipos e historial de mantenciones`),
    ...equiposConHistorial(d),
    ...(sinEquipo.length
      ? [
          { text: 'Órdenes sin equipo asociado', bold: true, margin: [0, 6, 0, 2] } as Content,
          tablaOrdenes(sinEquipo, true),
        ]
      : []),
    ...(d.ordenes.total > d.ordenes.items.length
      ? [
          {
            text: `Se muestran las ${d.ordenes.items.length} órdenes más recientes de ${d.ordenes.total}.`,
            style: 'nota',
          } as Content,
        ]
      : []),
    seccion(`Pedidos de repuestos${cuantos(d.pedidos.items.length, d.pedidos.total)}`),
    tabla(
      ['Fecha', 'N°', 'Estado', 'Entrega', 'Monto', 'Repuestos'],
      d.pedidos.items.map((p) => [
        formatearFecha(p.fecha),
        p.numero ?? String(p.id_pedido),
        texto(p.estado),
        p.fecha_entrega ? formatearFecha(p.fecha_entrega) : '—',
        monto(Number(p.monto_total)),
        repuestos(p.items),
      ]),
      [52, 50, 55, 52, 60, '*'],
      'Sin pedidos de repuestos.',
    ),
    seccion('Cotizaciones pendientes'),
    tabla(
      ['N°', 'Fecha', 'Vence', 'Monto', 'Descripción'],
      ficha.cotizaciones_abiertas.map((q) => [
        q.numero ?? String(q.id_cotizacion),
        formatearFecha(q.fecha),
        q.fecha_vencimiento ? formatearFecha(q.fecha_vencimiento) : '—',
        monto(q.monto_total),
        q.descripcion ?? '',
      ]),
      [60, 55, 55, 70, '*'],
      'Sin cotizaciones pendientes.',
    ),
    seccion(`Interacciones${cuantos(d.interacciones.items.length, d.interacciones.total)}`),
    tabla(
      ['Fecha', 'Tipo', 'Motivo', 'Resultado', 'Seguimiento'],
      d.interacciones.items.map((i) => [
        formatearFechaHora(i.fecha),
        mayuscula(texto(i.tipo)),
        i.motivo,
        i.resultado ?? '',
        i.seguimiento_requerido
          ? `${i.fecha_seguimiento ? formatearFecha(i.fecha_seguimiento) : ''}${i.seguimiento_completado_en ? ' (hecho)' : ' (pendiente)'}`
          : '',
      ]),
      [70, 50, '*', '*', 80],
      'Sin interacciones registradas.',
    ),
    seccion('Satisfacción'),
    ...resumenSatisfaccion({
      respondidas: ficha.satisfaccion.respondidas,
      nps: ficha.satisfaccion.nps.nps,
      ...ficha.satisfaccion.dimensiones,
      ultima: null,
    }),
    { text: 'Últimas encuestas respondidas', bold: true, margin: [0, 4, 0, 2] },
    tabla(
      ['Fecha', 'General', 'Tiempo', 'Calidad', 'Precio', 'Atención', 'Recomendaría', 'Comentarios'],
      ficha.satisfaccion.ultimas.map((s) => [
        formatearFecha(s.fecha),
        s.puntuacion_general ?? '—',
        s.puntuacion_tiempo ?? '—',
        s.puntuacion_calidad ?? '—',
        s.puntuacion_precio ?? '—',
        s.puntuacion_atencion ?? '—',
        s.recomendaria == null ? '—' : s.recomendaria ? 'Sí' : 'No',
        s.comentarios ?? '',
      ]),
      [50, 38, 36, 38, 34, 40, 64, '*'],
      'Sin encuestas respondidas.',
    ),
  ];
  return generarPdf({ titulo: `Ficha de ${c.nombre}`, generado, contenido });
}
