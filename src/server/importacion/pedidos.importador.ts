import { leerFecha, leerMonto, leerOpcion, SINONIMOS_ESTADO_PEDIDO } from '../../shared/importacion.ts';
import { ESTADOS_PEDIDO, pedidoEntrada } from '../../shared/servicios.ts';
import { leerNumeroExterno, leerRut, texto } from './comun.ts';
import { upsertMasivo, type ColumnaMasiva } from './masivo.ts';
import { difiere, exigirMismoDueno, existentesPorClave, resolverClientes, resolverEquipos } from './referencias.ts';
import { LectorFila, type Importador } from './tipos.ts';

export interface PedidoImportado {
  numero: string | null;
  rut_cliente: string | null;
  numero_serie: string | null;
  fecha: string | null;
  estado: (typeof ESTADOS_PEDIDO)[number] | null;
  fecha_entrega: string | null;
  monto_total: number | null;
  id_cliente?: number;
  id_equipo?: number | null;
}

const DATOS = ['id_equipo', 'fecha', 'estado', 'fecha_entrega', 'monto_total'] as const;

const esquema = pedidoEntrada.omit({ id_cliente: true, id_equipo: true });

const columnas: ColumnaMasiva<PedidoImportado>[] = [
  { nombre: 'numero', tipo: 'text', valor: (v) => v.numero },
  { nombre: 'id_cliente', tipo: 'int4', valor: (v) => v.id_cliente, soloAlta: true },
  { nombre: 'id_equipo', tipo: 'int4', valor: (v) => v.id_equipo },
  { nombre: 'fecha', tipo: 'date', valor: (v) => v.fecha },
  { nombre: 'estado', tipo: 'text', valor: (v) => v.estado, expr: "coalesce(u.estado, x.estado, 'pendiente')" },
  // Entregado sin fecha de entrega: la del pedido (no "hoy", por lo mismo que el cierre de las órdenes).
  {
    nombre: 'fecha_entrega',
    tipo: 'date',
    valor: (v) => v.fecha_entrega,
    expr: "coalesce(u.fecha_entrega, x.fecha_entrega, CASE WHEN coalesce(u.estado, x.estado) = 'entregado' THEN u.fecha END)",
  },
  {
    nombre: 'monto_total',
    tipo: 'int8',
    valor: (v) => v.monto_total,
    expr: 'coalesce(u.monto_total, x.monto_total, 0)',
  },
];

/** Pedidos de repuestos por su número (sin ítems: la planilla trae el monto total). */
export const importadorPedidos: Importador<PedidoImportado> = {
  entidad: 'pedidos',
  campoClave: 'numero',
  afectaActividad: true,

  leer(celdas) {
    const l = new LectorFila('pedidos', celdas);
    const v: PedidoImportado = {
      numero: leerNumeroExterno(l, 'N° de pedido'),
      rut_cliente: leerRut(l, 'rut_cliente'),
      numero_serie: l.campo('numero_serie', texto),
      fecha: l.campo('fecha', leerFecha),
      estado: l.campo('estado', (c, e) => leerOpcion(c, e, ESTADOS_PEDIDO, SINONIMOS_ESTADO_PEDIDO)),
      fecha_entrega: l.campo('fecha_entrega', leerFecha),
      monto_total: l.campo('monto_total', leerMonto),
    };
    l.obligatorio('fecha', v.fecha, 'Fecha: no puede quedar vacía.');
    if (v.fecha_entrega && v.fecha && v.fecha_entrega < v.fecha)
      l.error('fecha_entrega', 'Fecha de entrega: no puede ser anterior a la fecha del pedido.');
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
      'pedidos_repuestos',
      'numero',
      filas.map((f) => f.valor.numero).filter((n): n is string => n !== null),
      `id_pedido, numero, id_cliente, ${DATOS.join(', ')}`,
    );
    const existente = (f: { valor: PedidoImportado }) => (f.valor.numero ? existentes.get(f.valor.numero) : undefined);
    await exigirMismoDueno(
      db,
      filas,
      existente,
      'numero',
      (rut) => `Ya existe un pedido con este número y es de otro cliente (RUT ${rut}).`,
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
      tabla: 'pedidos_repuestos',
      clave: 'numero',
      id: 'id_pedido',
      columnas,
      filas: filas.map((f) => f.valor),
      guarda: 't.id_cliente = excluded.id_cliente',
    });
    return filas.filter((f) => f.estado !== 'sin_cambios').map((f) => f.valor.id_cliente!);
  },
};
