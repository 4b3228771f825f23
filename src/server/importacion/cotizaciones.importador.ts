import { leerFecha, leerMonto, leerOpcion, SINONIMOS_ESTADO_COTIZACION } from '../../shared/importacion.ts';
import { cotizacionEntrada, ESTADOS_COTIZACION } from '../../shared/servicios.ts';
import type { Conexion } from '../db/tipos.ts';
import { leerNumeroExterno, leerRut, texto } from './comun.ts';
import { upsertMasivo, type ColumnaMasiva } from './masivo.ts';
import { difiere, exigirMismoDueno, existentesPorClave, resolverClientes } from './referencias.ts';
import { LectorFila, type Fila, type Importador } from './tipos.ts';

export interface CotizacionImportada {
  numero: string | null;
  rut_cliente: string | null;
  fecha: string | null;
  fecha_vencimiento: string | null;
  estado: (typeof ESTADOS_COTIZACION)[number] | null;
  fecha_resolucion: string | null;
  monto_total: number | null;
  descripcion: string | null;
  numero_orden: string | null;
  numero_pedido: string | null;
  id_cliente?: number;
  id_orden?: number | null;
  id_pedido?: number | null;
}

const DATOS = [
  'fecha',
  'fecha_vencimiento',
  'estado',
  'fecha_resolucion',
  'monto_total',
  'descripcion',
  'id_orden',
  'id_pedido',
] as const;

const esquema = cotizacionEntrada.omit({ id_cliente: true, id_orden: true, id_pedido: true });

const columnas: ColumnaMasiva<CotizacionImportada>[] = [
  { nombre: 'numero', tipo: 'text', valor: (v) => v.numero },
  { nombre: 'id_cliente', tipo: 'int4', valor: (v) => v.id_cliente, soloAlta: true },
  { nombre: 'fecha', tipo: 'date', valor: (v) => v.fecha },
  { nombre: 'fecha_vencimiento', tipo: 'date', valor: (v) => v.fecha_vencimiento },
  { nombre: 'estado', tipo: 'text', valor: (v) => v.estado, expr: "coalesce(u.estado, x.estado, 'pendiente')" },
  // Pendiente no tiene resolución; resuelta sin fecha toma la de la cotización (determinista al reimportar).
  {
    nombre: 'fecha_resolucion',
    tipo: 'date',
    valor: (v) => v.fecha_resolucion,
    expr: "CASE WHEN coalesce(u.estado, x.estado, 'pendiente') = 'pendiente' THEN NULL ELSE coalesce(u.fecha_resolucion, x.fecha_resolucion, u.fecha) END",
  },
  {
    nombre: 'monto_total',
    tipo: 'int8',
    valor: (v) => v.monto_total,
    expr: 'coalesce(u.monto_total, x.monto_total, 0)',
  },
  { nombre: 'descripcion', tipo: 'text', valor: (v) => v.descripcion },
  { nombre: 'id_orden', tipo: 'int4', valor: (v) => v.id_orden },
  { nombre: 'id_pedido', tipo: 'int4', valor: (v) => v.id_pedido },
];

/** La orden o el pedido que cita la fila, por su número; debe ser del mismo cliente. */
async function resolverVinculo(
  db: Conexion,
  filas: Fila<CotizacionImportada>[],
  campo: 'numero_orden' | 'numero_pedido',
  tabla: 'ordenes_trabajo' | 'pedidos_repuestos',
  id: 'id_orden' | 'id_pedido',
  nombre: string,
) {
  const existentes = await existentesPorClave<{ id: number; numero: string; id_cliente: number }>(
    db,
    tabla,
    'numero',
    filas.map((f) => f.valor[campo]).filter((n): n is string => n !== null),
    `${id} AS id, numero, id_cliente`,
  );
  for (const f of filas) {
    const numero = f.valor[campo];
    if (!numero) continue;
    const e = existentes.get(numero);
    if (!e) f.errores.push({ campo, mensaje: `No existe ${nombre} N° ${numero}.` });
    else if (f.valor.id_cliente !== undefined && e.id_cliente !== f.valor.id_cliente)
      f.errores.push({
        campo,
        mensaje: `${nombre.replace(/^./, (c) => c.toUpperCase())} ${numero} no es de este cliente.`,
      });
    else f.valor[id] = e.id;
  }
}

/** Cotizaciones por su número; las reglas de fechas son las de `registrarCotizacion`. */
export const importadorCotizaciones: Importador<CotizacionImportada> = {
  entidad: 'cotizaciones',
  campoClave: 'numero',
  afectaActividad: true,

  leer(celdas) {
    const l = new LectorFila('cotizaciones', celdas);
    const v: CotizacionImportada = {
      numero: leerNumeroExterno(l, 'N° de cotización'),
      rut_cliente: leerRut(l, 'rut_cliente'),
      fecha: l.campo('fecha', leerFecha),
      fecha_vencimiento: l.campo('fecha_vencimiento', leerFecha),
      estado: l.campo('estado', (c, e) => leerOpcion(c, e, ESTADOS_COTIZACION, SINONIMOS_ESTADO_COTIZACION)),
      fecha_resolucion: l.campo('fecha_resolucion', leerFecha),
      monto_total: l.campo('monto_total', leerMonto),
      descripcion: l.campo('descripcion', texto),
      numero_orden: l.campo('numero_orden', texto),
      numero_pedido: l.campo('numero_pedido', texto),
    };
    l.obligatorio('fecha', v.fecha, 'Fecha: no puede quedar vacía.');
    if (v.fecha_vencimiento && v.fecha && v.fecha_vencimiento < v.fecha) {
      l.error('fecha_vencimiento', 'Vencimiento: no puede ser anterior a la fecha de la cotización.');
    }
    l.esquema(esquema, {
      ...v,
      rut_cliente: undefined,
      numero_orden: undefined,
      numero_pedido: undefined,
    });
    return { valor: v, errores: l.errores };
  },

  clave: (v) => v.numero,
  mostrarClave: (n) => n,

  async resolver(db, filas) {
    await resolverClientes(db, filas);
    await resolverVinculo(db, filas, 'numero_orden', 'ordenes_trabajo', 'id_orden', 'la orden');
    await resolverVinculo(db, filas, 'numero_pedido', 'pedidos_repuestos', 'id_pedido', 'el pedido');
    const existentes = await existentesPorClave<Record<string, unknown> & { id_cliente: number }>(
      db,
      'cotizaciones',
      'numero',
      filas.map((f) => f.valor.numero).filter((n): n is string => n !== null),
      `id_cotizacion, numero, id_cliente, ${DATOS.join(', ')}`,
    );
    const existente = (f: { valor: CotizacionImportada }) =>
      f.valor.numero ? existentes.get(f.valor.numero) : undefined;
    await exigirMismoDueno(
      db,
      filas,
      existente,
      'numero',
      (rut) => `Ya existe una cotización con este número y es de otro cliente (RUT ${rut}).`,
    );
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
      tabla: 'cotizaciones',
      clave: 'numero',
      id: 'id_cotizacion',
      columnas,
      filas: filas.map((f) => f.valor),
      guarda: 't.id_cliente = excluded.id_cliente',
    });
    return filas.filter((f) => f.estado !== 'sin_cambios').map((f) => f.valor.id_cliente!);
  },
};
