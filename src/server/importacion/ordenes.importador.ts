import { hoyEnSantiago } from '../../shared/formato.ts';
import {
  leerFecha,
  leerMonto,
  leerNumero,
  leerOpcion,
  SINONIMOS_ESTADO_ORDEN,
  SINONIMOS_TIPO_ORDEN,
} from '../../shared/importacion.ts';
import { ESTADOS_ORDEN, ordenEntrada, TIPOS_ORDEN } from '../../shared/servicios.ts';
import { leerNumeroExterno, leerRut, texto } from './comun.ts';
import { upsertMasivo, type ColumnaMasiva } from './masivo.ts';
import {
  difiere,
  exigirMismoDueno,
  existentesPorClave,
  registrarLecturas,
  resolverClientes,
  resolverEquipos,
  verificarHorometros,
} from './referencias.ts';
import { LectorFila, type Importador } from './tipos.ts';

export interface OrdenImportada {
  numero: string | null;
  rut_cliente: string | null;
  numero_serie: string | null;
  tipo: (typeof TIPOS_ORDEN)[number] | null;
  estado: (typeof ESTADOS_ORDEN)[number] | null;
  fecha_ingreso: string | null;
  fecha_cierre: string | null;
  horometro: number | null;
  monto_total: number | null;
  descripcion: string | null;
  id_cliente?: number;
  id_equipo?: number | null;
}

const DATOS = [
  'id_equipo',
  'tipo',
  'estado',
  'fecha_ingreso',
  'fecha_cierre',
  'horometro',
  'monto_total',
  'descripcion',
] as const;

const esquema = ordenEntrada.omit({ id_cliente: true, id_equipo: true });

const columnas: ColumnaMasiva<OrdenImportada>[] = [
  { nombre: 'numero', tipo: 'text', valor: (v) => v.numero },
  { nombre: 'id_cliente', tipo: 'int4', valor: (v) => v.id_cliente, soloAlta: true },
  { nombre: 'id_equipo', tipo: 'int4', valor: (v) => v.id_equipo },
  { nombre: 'tipo', tipo: 'text', valor: (v) => v.tipo },
  { nombre: 'estado', tipo: 'text', valor: (v) => v.estado, expr: "coalesce(u.estado, x.estado, 'abierta')" },
  { nombre: 'fecha_ingreso', tipo: 'date', valor: (v) => v.fecha_ingreso },
  // Una orden completada sin fecha de cierre se cierra el día de ingreso: la API usaría "hoy", pero
  // en datos históricos eso inventaría valor del último año y cambiaría en cada reimportación.
  {
    nombre: 'fecha_cierre',
    tipo: 'date',
    valor: (v) => v.fecha_cierre,
    expr: "coalesce(u.fecha_cierre, x.fecha_cierre, CASE WHEN coalesce(u.estado, x.estado) IN ('terminada', 'entregada') THEN u.fecha_ingreso END)",
  },
  { nombre: 'horometro', tipo: 'numeric', valor: (v) => v.horometro },
  {
    nombre: 'monto_total',
    tipo: 'int8',
    valor: (v) => v.monto_total,
    expr: 'coalesce(u.monto_total, x.monto_total, 0)',
  },
  { nombre: 'descripcion', tipo: 'text', valor: (v) => v.descripcion },
];

const lecturaDe = (v: OrdenImportada) =>
  v.numero_serie && v.horometro != null && v.fecha_ingreso
    ? { serie: v.numero_serie, fecha: v.fecha_cierre ?? v.fecha_ingreso, horas: v.horometro }
    : null;

/** Órdenes de trabajo por su número; las reglas de fechas son las de `registrarOrden`. */
export const importadorOrdenes: Importador<OrdenImportada> = {
  entidad: 'ordenes',
  campoClave: 'numero',
  afectaActividad: true,

  leer(celdas) {
    const l = new LectorFila('ordenes', celdas);
    const v: OrdenImportada = {
      numero: leerNumeroExterno(l, 'N° de orden'),
      rut_cliente: leerRut(l, 'rut_cliente'),
      numero_serie: l.campo('numero_serie', texto),
      tipo: l.campo('tipo', (c, e) => leerOpcion(c, e, TIPOS_ORDEN, SINONIMOS_TIPO_ORDEN)),
      estado: l.campo('estado', (c, e) => leerOpcion(c, e, ESTADOS_ORDEN, SINONIMOS_ESTADO_ORDEN)),
      fecha_ingreso: l.campo('fecha_ingreso', leerFecha),
      fecha_cierre: l.campo('fecha_cierre', leerFecha),
      horometro: l.campo('horometro', leerNumero),
      monto_total: l.campo('monto_total', leerMonto),
      descripcion: l.campo('descripcion', texto),
    };
    l.obligatorio('tipo', v.tipo, `Tipo de orden: indique ${TIPOS_ORDEN.join(', ')}.`);
    l.obligatorio('fecha_ingreso', v.fecha_ingreso, 'Fecha de ingreso: no puede quedar vacía.');
    if (v.fecha_ingreso && v.fecha_ingreso > hoyEnSantiago())
      l.error('fecha_ingreso', 'Fecha de ingreso: no puede estar en el futuro.');
    if (v.fecha_cierre && v.fecha_ingreso && v.fecha_cierre < v.fecha_ingreso) {
      l.error('fecha_cierre', 'Fecha de cierre: no puede ser anterior a la de ingreso.');
    }
    if (v.horometro != null) v.horometro = Math.round(v.horometro * 10) / 10;
    l.esquema(esquema, { ...v, rut_cliente: undefined, numero_serie: undefined });
    return { valor: v, errores: l.errores };
  },

  clave: (v) => v.numero,
  mostrarClave: (n) => n,

  async resolver(db, filas) {
    await resolverClientes(db, filas);
    await resolverEquipos(db, filas);
    const existentes = await existentesPorClave<Record<string, unknown> & { id_cliente: number }>(
      db,
      'ordenes_trabajo',
      'numero',
      filas.map((f) => f.valor.numero).filter((n): n is string => n !== null),
      `id_orden, numero, id_cliente, ${DATOS.join(', ')}`,
    );
    const existente = (f: { valor: OrdenImportada }) => (f.valor.numero ? existentes.get(f.valor.numero) : undefined);
    await exigirMismoDueno(
      db,
      filas,
      existente,
      'numero',
      (rut) => `Ya existe una orden con este número y es de otro cliente (RUT ${rut}).`,
    );
    await verificarHorometros(db, filas, lecturaDe);
    for (const f of filas) {
      const e = existente(f);
      f.estado = !e
        ? 'nueva'
        : difiere(f.valor as unknown as Record<string, unknown>, e, DATOS)
          ? 'actualizada'
          : 'sin_cambios';
    }
  },

  async escribir(trx, filas) {
    await upsertMasivo(trx, {
      tabla: 'ordenes_trabajo',
      clave: 'numero',
      id: 'id_orden',
      columnas,
      filas: filas.map((f) => f.valor),
      guarda: 't.id_cliente = excluded.id_cliente',
    });
    await registrarLecturas(
      trx,
      filas.map((f) => lecturaDe(f.valor)).filter((l) => l !== null),
      'orden',
    );
    return filas.filter((f) => f.estado !== 'sin_cambios').map((f) => f.valor.id_cliente!);
  },
};
