import type { Content } from 'pdfmake/interfaces.js';
import { formatearFecha, formatearFechaHora } from '../../shared/formato.ts';
import { bloqueTitulo, dato, generarPdf, seccion } from '../documentos/pdf.ts';
import type { DatosPersonales } from './datosPersonales.ts';

const SECCIONES: Record<string, string> = {
  contactos_cliente: 'Personas de contacto',
  consentimientos: 'Consentimientos de comunicación',
  etiquetas: 'Etiquetas',
  clientes_etiquetas: 'Etiquetas (asignación)',
  equipos: 'Equipos',
  lecturas_horometro: 'Lecturas de horómetro',
  ordenes_trabajo: 'Órdenes de trabajo',
  pedidos_repuestos: 'Pedidos de repuestos',
  cotizaciones: 'Cotizaciones',
  interacciones_cliente: 'Interacciones',
  encuestas_satisfaccion: 'Encuestas de satisfacción',
  mensajes: 'Mensajes enviados o en cola',
  alertas: 'Alertas internas',
  metricas_clientes: 'Métricas calculadas',
  solicitudes_titular: 'Solicitudes del titular',
  auditoria: 'Registro de auditoría',
};

const CAMPOS_TITULAR: [string, string][] = [
  ['nombre', 'Nombre o razón social'],
  ['rut_formateado', 'RUT'],
  ['tipo_persona', 'Tipo de persona'],
  ['telefono', 'Teléfono'],
  ['email', 'Email'],
  ['direccion', 'Dirección'],
  ['comuna', 'Comuna'],
  ['region', 'Región'],
  ['fecha_nacimiento', 'Fecha de nacimiento'],
  ['fecha_aniversario', 'Aniversario'],
  ['canal_preferido', 'Canal preferido'],
  ['horario_contacto', 'Horario de contacto'],
  ['notas', 'Notas'],
  ['fecha_registro', 'Cliente desde'],
  ['ultimo_contacto', 'Último contacto'],
];

/** A value as a person reads it: dates dd-mm-aaaa, yes/no, nested data as compact JSON. */
function legible(v: unknown): string {
  if (v instanceof Date) return formatearFechaHora(v);
  if (typeof v === 'boolean') return v ? 'Sí' : 'No';
  if (typeof v === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return formatearFecha(v);
    if (/^\d{4}-\d{2}-\d{2}T/.test(v)) return formatearFechaHora(v);
    return v;
  }
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** One row as "campo: valor" lines (empty fields left out), so every column is readable. */
function fila(f: Record<string, unknown>, n: number): Content {
  const partes = Object.entries(f).filter(([, v]) => v !== null && v !== undefined && v !== '');
  return {
    stack: [
      { text: `Registro ${n}`, bold: true, fontSize: 9 },
      {
        text: partes.flatMap(([k, v], i) => [
          { text: `${k.replace(/_/g, ' ')}: `, color: '#666666' },
          { text: legible(v) + (i < partes.length - 1 ? '   ' : '') },
        ]),
        fontSize: 8.5,
      },
    ],
    margin: [0, 0, 0, 6],
    unbreakable: true,
  };
}

/** The titular's data as a readable PDF: the same content as the JSON export. */
export async function pdfDatosPersonales(d: DatosPersonales): Promise<Buffer> {
  const t = d.titular as Record<string, unknown>;
  const contenido: Content[] = [
    ...bloqueTitulo(`Datos personales de ${String(t.nombre)}`, d.aviso),
    seccion('Titular'),
    {
      columns: [0, 1].map((col) => ({
        stack: CAMPOS_TITULAR.filter((_, i) => i % 2 === col).map(([k, etiqueta]) =>
          dato(etiqueta, t[k] == null ? null : legible(t[k])),
        ),
      })),
    },
  ];
  for (const [tabla, filas] of Object.entries(d.datos)) {
    contenido.push(seccion(`${SECCIONES[tabla] ?? tabla} (${filas.length})`));
    contenido.push(
      filas.length === 0
        ? { text: 'Sin registros.', style: 'nota', margin: [0, 0, 0, 6] }
        : { stack: filas.map((f, i) => fila(f, i + 1)) },
    );
  }
  return generarPdf({ titulo: 'Datos personales (Ley 21.719)', generado: new Date(d.generado_en), contenido });
}
