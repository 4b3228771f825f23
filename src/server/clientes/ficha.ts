import { sql } from 'kysely';
import { completitud } from '../../shared/completitud.ts';
import { fechaEnSantiago, hoyEnSantiago } from '../../shared/formato.ts';
import { proximaMantencion } from '../../shared/mantencion.ts';
import { calcularNps, resumenDimensiones } from '../../shared/satisfaccion.ts';
import { preparada, type Conexion } from '../db/tipos.ts';
import { noEncontrado } from '../http/errores.ts';
import { exigirRol, TODOS } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';
import { fichaGuardada, type CacheFichas } from './cacheFichas.ts';
import { clienteApi, type ClienteApi } from './clientes.ts';
import { tieneConsentimiento, type FilaCliente } from './clientes.consultas.ts';

const DIAS_AVISO_MANTENCION = 30;

/**
 * Everything the ficha shows: the cliente, its machines with readings and last service, the last
 * interactions, open follow-ups, recent órdenes and pedidos, open quotes, surveys and metrics.
 * One prepared statement (one round trip, planned once per connection: planning it costs three
 * times what running it does), built as json rather than jsonb: it is only read back as text.
 */
async function leerFicha(db: Conexion, id: number) {
  const r = await sql<{ ficha: Record<string, any> | null }>`${preparada}
    SELECT json_build_object(
      'cliente', (SELECT to_jsonb(c) - 'busqueda' || jsonb_build_object(
          'responsable', (SELECT nombre FROM usuarios WHERE id_usuario = c.id_responsable),
          'etiquetas', coalesce((SELECT jsonb_agg(jsonb_build_object('id_etiqueta', t.id_etiqueta, 'nombre', t.nombre, 'color', t.color) ORDER BY t.nombre)
                        FROM clientes_etiquetas ce JOIN etiquetas t ON t.id_etiqueta = ce.id_etiqueta WHERE ce.id_cliente = c.id_cliente), '[]'::jsonb),
          'consentimiento_vigente', ${tieneConsentimiento})
        FROM clientes c WHERE c.id_cliente = ${id}),
      'equipos', coalesce((SELECT json_agg(json_build_object(
          'id_equipo', e.id_equipo, 'tipo', e.tipo, 'marca', e.marca, 'modelo', e.modelo, 'anio', e.anio,
          'numero_serie', e.numero_serie, 'horometro', e.horometro, 'fecha_horometro', e.fecha_horometro, 'activo', e.activo,
          'fecha_alta', e.fecha_alta,
          'intervalo_horas', coalesce(e.intervalo_horas, pm.intervalo_horas, pt.intervalo_horas),
          'intervalo_meses', coalesce(e.intervalo_meses, pm.intervalo_meses, pt.intervalo_meses),
          'ultimo_servicio', (SELECT json_build_object('id_orden', o.id_orden, 'fecha', coalesce(o.fecha_cierre, o.fecha_ingreso), 'tipo', o.tipo, 'horometro', o.horometro)
                              FROM ordenes_trabajo o WHERE o.id_equipo = e.id_equipo AND o.estado IN ('terminada', 'entregada')
                              ORDER BY coalesce(o.fecha_cierre, o.fecha_ingreso) DESC LIMIT 1),
          'cantidad_servicios', (SELECT count(*) FROM ordenes_trabajo o WHERE o.id_equipo = e.id_equipo AND o.estado <> 'cancelada'),
          'lecturas', coalesce((SELECT json_agg(json_build_object('fecha', l.fecha, 'horas', l.horas) ORDER BY l.fecha)
                                FROM lecturas_horometro l WHERE l.id_equipo = e.id_equipo), '[]'::json)
        ) ORDER BY e.activo DESC, e.id_equipo)
        FROM equipos e
        LEFT JOIN planes_mantencion pm ON pm.tipo = e.tipo AND lower(pm.marca) = lower(e.marca)
        LEFT JOIN planes_mantencion pt ON pt.tipo = e.tipo AND pt.marca IS NULL
        WHERE e.id_cliente = ${id}), '[]'::json),
      'interacciones', coalesce((SELECT json_agg(x ORDER BY x.fecha DESC, x.id_interaccion DESC) FROM (
          SELECT i.id_interaccion, i.fecha, i.tipo, i.motivo, i.resultado, i.seguimiento_requerido, i.fecha_seguimiento,
                 i.seguimiento_completado_en, u.nombre AS usuario
          FROM interacciones_cliente i LEFT JOIN usuarios u ON u.id_usuario = i.id_usuario
          WHERE i.id_cliente = ${id} ORDER BY i.fecha DESC, i.id_interaccion DESC LIMIT 10) x), '[]'::json),
      'seguimientos', coalesce((SELECT json_agg(x ORDER BY x.fecha_seguimiento) FROM (
          SELECT i.id_interaccion, i.motivo, i.fecha_seguimiento, r.nombre AS responsable, i.id_responsable_seguimiento
          FROM interacciones_cliente i LEFT JOIN usuarios r ON r.id_usuario = i.id_responsable_seguimiento
          WHERE i.id_cliente = ${id} AND i.seguimiento_requerido AND i.seguimiento_completado_en IS NULL
          ORDER BY i.fecha_seguimiento LIMIT 20) x), '[]'::json),
      'ordenes', coalesce((SELECT json_agg(x ORDER BY x.fecha_ingreso DESC, x.id_orden DESC) FROM (
          SELECT o.id_orden, o.numero, o.tipo, o.estado, o.fecha_ingreso, o.fecha_cierre, o.monto_total, o.id_equipo,
                 e.tipo || ' ' || e.marca || coalesce(' ' || e.modelo, '') AS equipo
          FROM ordenes_trabajo o LEFT JOIN equipos e ON e.id_equipo = o.id_equipo
          WHERE o.id_cliente = ${id} ORDER BY o.fecha_ingreso DESC, o.id_orden DESC LIMIT 5) x), '[]'::json),
      'pedidos', coalesce((SELECT json_agg(x ORDER BY x.fecha DESC, x.id_pedido DESC) FROM (
          SELECT id_pedido, numero, fecha, estado, fecha_entrega, monto_total FROM pedidos_repuestos
          WHERE id_cliente = ${id} ORDER BY fecha DESC, id_pedido DESC LIMIT 5) x), '[]'::json),
      'cotizaciones_abiertas', coalesce((SELECT json_agg(x ORDER BY x.fecha_vencimiento NULLS LAST) FROM (
          SELECT id_cotizacion, numero, fecha, fecha_vencimiento, monto_total, descripcion FROM cotizaciones
          WHERE id_cliente = ${id} AND estado = 'pendiente' ORDER BY fecha_vencimiento NULLS LAST LIMIT 20) x), '[]'::json),
      'encuestas', coalesce((SELECT json_agg(x ORDER BY x.fecha DESC, x.id_encuesta DESC) FROM (
          SELECT id_encuesta, fecha, puntuacion_general, puntuacion_tiempo, puntuacion_calidad, puntuacion_precio,
                 puntuacion_atencion, recomendaria, comentarios, nps, id_orden, id_pedido
          FROM encuestas_satisfaccion WHERE id_cliente = ${id} AND estado = 'respondida'
          ORDER BY fecha DESC, id_encuesta DESC LIMIT 20) x), '[]'::json),
      'metricas', (SELECT to_json(m) FROM metricas_clientes m WHERE m.id_cliente = ${id}),
      'valor_promedio', (SELECT valor FROM ajustes WHERE clave = 'valor_cliente_promedio')
    ) AS ficha`.execute(db);
  return r.rows[0]?.ficha ?? null;
}

const num = (v: unknown) => (v == null ? null : Number(v));

/** Ficha completa del cliente (seed, reporte 1 y ejemplo 1), en una sola petición. */
export async function fichaCompleta(db: Conexion, usuario: Usuario, id: number, hoy: string = hoyEnSantiago()) {
  exigirRol(usuario, TODOS, 'ver clientes');
  const f = await leerFicha(db, id);
  if (!f?.cliente) throw noEncontrado(`El cliente ${id}`);
  const cliente: ClienteApi = clienteApi({
    ...f.cliente,
    fecha_registro: new Date(f.cliente.fecha_registro),
    ultimo_contacto: f.cliente.ultimo_contacto ? new Date(f.cliente.ultimo_contacto) : null,
  } as FilaCliente);

  const equipos = (f.equipos as any[]).map((e) => {
    const lecturas = (e.lecturas as { fecha: string; horas: unknown }[]).map((l) => ({
      fecha: l.fecha,
      horas: Number(l.horas),
    }));
    const proxima = e.activo
      ? proximaMantencion({
          ultimoServicio: e.ultimo_servicio
            ? { fecha: e.ultimo_servicio.fecha, horometro: num(e.ultimo_servicio.horometro) }
            : null,
          alta: fechaEnSantiago(e.fecha_alta),
          intervaloMeses: e.intervalo_meses,
          intervaloHoras: e.intervalo_horas,
          lecturas,
          hoy,
        })
      : null;
    const { lecturas: _l, ...resto } = e;
    return {
      ...resto,
      horometro: num(e.horometro),
      fecha_alta: new Date(e.fecha_alta).toISOString(),
      lecturas_recientes: lecturas.slice(-5),
      proxima_mantencion: proxima,
    };
  });

  const encuestas = f.encuestas as any[];
  const satisfaccion = {
    ultimas: encuestas.slice(0, 5),
    respondidas: encuestas.length,
    nps: calcularNps(encuestas.map((e) => e.puntuacion_general)),
    dimensiones: resumenDimensiones(encuestas),
  };

  const metricas = f.metricas;
  const valorPromedio = num(f.valor_promedio);
  const valor = {
    valor_historico: num(metricas?.valor_cliente) ?? 0,
    valor_ultimo_anio: num(metricas?.valor_ultimo_anio) ?? 0,
    valor_promedio_clientes: valorPromedio,
    relacion_con_promedio: valorPromedio
      ? Math.round(((num(metricas?.valor_cliente) ?? 0) / valorPromedio) * 100) / 100
      : null,
    cliente_recurrente: Boolean(metricas?.cliente_recurrente),
    segmento_abc: metricas?.segmento_abc ?? null,
    potencial_alto: metricas?.potencial_alto ?? null,
  };

  const alertas: { tipo: string; mensaje: string; fecha?: string }[] = [];
  for (const s of f.seguimientos as any[]) {
    if (s.fecha_seguimiento < hoy)
      alertas.push({ tipo: 'seguimiento', mensaje: `Seguimiento vencido: ${s.motivo}`, fecha: s.fecha_seguimiento });
    else if (s.fecha_seguimiento === hoy)
      alertas.push({ tipo: 'seguimiento', mensaje: `Seguimiento para hoy: ${s.motivo}`, fecha: s.fecha_seguimiento });
  }
  const limiteAviso = new Date(Date.parse(`${hoy}T00:00:00Z`) + DIAS_AVISO_MANTENCION * 86_400_000)
    .toISOString()
    .slice(0, 10);
  for (const e of equipos) {
    const p = e.proxima_mantencion;
    if (!p?.fecha || p.fecha > limiteAviso) continue;
    const quien = `${e.tipo} ${e.marca}${e.modelo ? ` ${e.modelo}` : ''}`;
    const como = p.motivo === 'horas' ? 'por horas de uso' : 'por fecha';
    alertas.push({
      tipo: 'mantencion',
      mensaje: `Mantención ${p.fecha < hoy ? 'atrasada' : 'próxima'} ${['cosechadora', 'sembradora', 'enfardadora'].includes(e.tipo) ? 'de la' : 'del'} ${quien} (${como})`,
      fecha: p.fecha,
    });
  }
  const limiteCotizacion = new Date(Date.parse(`${hoy}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
  for (const q of f.cotizaciones_abiertas as any[]) {
    if (q.fecha_vencimiento && q.fecha_vencimiento <= limiteCotizacion) {
      alertas.push({
        tipo: 'cotizacion',
        mensaje: `Cotización ${q.numero ?? q.id_cotizacion} ${q.fecha_vencimiento < hoy ? 'vencida' : 'por vencer'}`,
        fecha: q.fecha_vencimiento,
      });
    }
  }
  const dias = num(metricas?.dias_desde_ultima_interaccion);
  if (dias != null && dias >= 180) alertas.push({ tipo: 'inactividad', mensaje: `Sin contacto hace ${dias} días` });
  if (encuestas[0]?.nps === -1)
    alertas.push({
      tipo: 'detractor',
      mensaje: `Última encuesta con nota ${encuestas[0].puntuacion_general}/10`,
      fecha: encuestas[0].fecha,
    });

  const calidad = completitud({
    ...cliente,
    equipos_activos: equipos.filter((e) => e.activo).length,
    consentimiento: Boolean(f.cliente.consentimiento_vigente),
  });

  return {
    cliente,
    calidad,
    equipos,
    interacciones: (f.interacciones as any[]).map((i) => ({ ...i, fecha: new Date(i.fecha).toISOString() })),
    seguimientos_abiertos: f.seguimientos,
    ordenes: (f.ordenes as any[]).map((o) => ({ ...o, monto_total: Number(o.monto_total) })),
    pedidos: (f.pedidos as any[]).map((p) => ({ ...p, monto_total: Number(p.monto_total) })),
    cotizaciones_abiertas: (f.cotizaciones_abiertas as any[]).map((q) => ({
      ...q,
      monto_total: Number(q.monto_total),
    })),
    satisfaccion,
    valor,
    alertas,
  };
}

/** The ficha as JSON text, from this instance's memory when nothing it shows changed since it was built. */
export async function fichaEnJson(
  db: Conexion,
  fichas: CacheFichas,
  usuario: Usuario,
  id: number,
  hoy: string = hoyEnSantiago(),
): Promise<string> {
  exigirRol(usuario, TODOS, 'ver clientes');
  return fichaGuardada(fichas, id, hoy, () => fichaCompleta(db, usuario, id, hoy));
}
