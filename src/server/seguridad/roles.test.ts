import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crearAppDePrueba, cuerpo, type AppDePrueba } from '../../../test/app.ts';
import { crearCliente, crearEquipo } from '../../../test/fabricas.ts';
import { operaciones, solicitudValida, type Operacion } from '../../../test/openapi.ts';
import type { Rol } from '../usuarios/usuarios.table.ts';

/**
 * Who may call what, for EVERY operation of /api/openapi.json. A new endpoint fails this test
 * until it is classified here; the server enforces the same rule in each use case (exigirRol).
 *
 * The product rules behind the table: `lectura` never writes business data; `tecnico` writes
 * equipos, órdenes, lecturas, interacciones, seguimientos, alertas and consents taken in the field,
 * but no campaigns, settings, users nor imports; `comercial` does everything commercial (clientes,
 * pedidos, cotizaciones, campaigns, encuestas, imports, exports of personal data) but not users or
 * settings; `admin` does everything. Two writes are open to every role because they only touch the
 * user's own things: saved list views and one's own password.
 */
const PUBLICO = 'publico';
const TODOS: readonly Rol[] = ['admin', 'comercial', 'tecnico', 'lectura'];
const TERRENO: readonly Rol[] = ['admin', 'comercial', 'tecnico'];
const COMERCIAL: readonly Rol[] = ['admin', 'comercial'];
const ADMIN: readonly Rol[] = ['admin'];

const MATRIZ: Record<string, readonly Rol[] | typeof PUBLICO> = {
  // Sesión
  'POST /api/auth/login': PUBLICO,
  'POST /api/auth/logout': PUBLICO,
  'GET /api/auth/me': TODOS,
  'POST /api/auth/password': TODOS,
  // Usuarios
  'GET /api/usuarios': TODOS,
  'POST /api/usuarios': ADMIN,
  // Clientes, etiquetas, vistas
  'GET /api/clientes': TODOS,
  'POST /api/clientes': COMERCIAL,
  'GET /api/clientes/parecidos': TODOS,
  'GET /api/clientes/{id}': TODOS,
  'PATCH /api/clientes/{id}': COMERCIAL,
  'POST /api/clientes/{id}/archivar': COMERCIAL,
  'POST /api/clientes/{id}/restaurar': COMERCIAL,
  'GET /api/clientes/{id}/ficha': TODOS,
  'GET /api/etiquetas': TODOS,
  'POST /api/etiquetas': COMERCIAL,
  'PATCH /api/etiquetas/{id}': ADMIN,
  'DELETE /api/etiquetas/{id}': ADMIN,
  'GET /api/vistas': TODOS,
  'POST /api/vistas': TODOS,
  'DELETE /api/vistas/{id}': TODOS,
  // Interacciones y seguimientos
  'GET /api/clientes/{id}/interacciones': TODOS,
  'POST /api/clientes/{id}/interacciones': TERRENO,
  'GET /api/clientes/{id}/timeline': TODOS,
  'GET /api/clientes/{id}/frecuencia': TODOS,
  'GET /api/seguimientos': TODOS,
  'GET /api/seguimientos/resumen': TODOS,
  'POST /api/seguimientos/{id}/completar': TERRENO,
  'POST /api/seguimientos/{id}/reprogramar': TERRENO,
  'POST /api/seguimientos/{id}/reasignar': TERRENO,
  // Equipos, órdenes, pedidos, cotizaciones
  'GET /api/equipos': TODOS,
  'POST /api/equipos': TERRENO,
  'GET /api/equipos/{id}': TODOS,
  'PATCH /api/equipos/{id}': TERRENO,
  'POST /api/equipos/{id}/lecturas': TERRENO,
  'GET /api/ordenes': TODOS,
  'POST /api/ordenes': TERRENO,
  'GET /api/ordenes/{id}': TODOS,
  'PATCH /api/ordenes/{id}': TERRENO,
  'GET /api/pedidos': TODOS,
  'POST /api/pedidos': COMERCIAL,
  'GET /api/pedidos/{id}': TODOS,
  'PATCH /api/pedidos/{id}': COMERCIAL,
  'GET /api/cotizaciones': TODOS,
  'POST /api/cotizaciones': COMERCIAL,
  'GET /api/cotizaciones/{id}': TODOS,
  'PATCH /api/cotizaciones/{id}': COMERCIAL,
  // Importación y exportación (Ley 21.719: contact data and conversations leave only with comercial)
  'POST /api/importaciones/validar': COMERCIAL,
  'POST /api/importaciones': COMERCIAL,
  'GET /api/exportar/clientes': COMERCIAL,
  'GET /api/exportar/equipos': TODOS,
  'GET /api/exportar/ordenes': TODOS,
  'GET /api/exportar/pedidos': TODOS,
  'GET /api/exportar/cotizaciones': TODOS,
  'GET /api/exportar/interacciones': COMERCIAL,
  // Encuestas
  'POST /api/encuestas': COMERCIAL,
  'POST /api/encuestas/digitada': TERRENO,
  'GET /api/reportes/satisfaccion': TODOS,
  'GET /api/reportes/satisfaccion/comentarios': TODOS,
  'GET /api/plantillas-encuesta': TODOS,
  'PATCH /api/plantillas-encuesta': ADMIN,
  'GET /api/public/encuestas/{token}': PUBLICO,
  'POST /api/public/encuestas/{token}': PUBLICO,
  // Valor
  'GET /api/reportes/ranking-valor': TODOS,
  'GET /api/reportes/segmentos': TODOS,
  'GET /api/oportunidades': TODOS,
  'GET /api/clientes/{id}/oportunidades': TODOS,
  'GET /api/clientes/{id}/valor': TODOS,
  'POST /api/valor/recalcular': ADMIN,
  'GET /api/valor/verificar': ADMIN,
  'GET /api/gasto-esperado': TODOS,
  'PATCH /api/gasto-esperado/{tipo}': ADMIN,
  // Indicadores, mapa y documentos
  'GET /api/kpis': TODOS,
  'GET /api/kpis/{kpi}/clientes': TODOS,
  'GET /api/reportes/regiones': TODOS,
  'GET /api/reportes/regiones/{region}/comunas': TODOS,
  'GET /api/clientes/{id}/visita': TODOS,
  'GET /api/clientes/{id}/visita.pdf': TODOS,
  'GET /api/clientes/{id}/ficha.pdf': TODOS,
  'GET /api/kpis.pdf': TODOS,
  'GET /api/kpis/{kpi}/clientes.csv': COMERCIAL,
  'GET /api/reportes/regiones.pdf': TODOS,
  'GET /api/reportes/regiones.csv': TODOS,
  // Comunicación
  'GET /api/alertas': TODOS,
  'POST /api/alertas/{id}/atender': TERRENO,
  'POST /api/alertas/{id}/descartar': TERRENO,
  'POST /api/alertas/{id}/posponer': TERRENO,
  'GET /api/reportes/inactivos': TODOS,
  'GET /api/campanas': TODOS,
  'POST /api/campanas': COMERCIAL,
  'POST /api/campanas/vista-previa': TODOS,
  'GET /api/campanas/{id}/destinatarios': TODOS,
  'POST /api/campanas/{id}/enviar': COMERCIAL,
  'GET /api/campanas/{id}': TODOS,
  'GET /api/mensajes': COMERCIAL,
  'POST /api/mensajes/{id}/enviado': COMERCIAL,
  'POST /api/mensajes/{id}/respondido': COMERCIAL,
  'GET /api/fechas-especiales': TODOS,
  'GET /api/clientes/{id}/consentimientos': TODOS,
  'POST /api/clientes/{id}/consentimientos': TERRENO,
  'GET /api/territorio': TODOS,
  'GET /api/reportes/inactivos.csv': COMERCIAL,
  'GET /api/ajustes/contacto': TODOS,
  'PUT /api/ajustes/contacto': ADMIN,
  // Calidad de datos: contact people, completeness, duplicates and merges (undo is admin's)
  'GET /api/clientes/{id}/contactos': TODOS,
  'POST /api/clientes/{id}/contactos': COMERCIAL,
  'PATCH /api/clientes/{id}/contactos/{idContacto}': COMERCIAL,
  'DELETE /api/clientes/{id}/contactos/{idContacto}': COMERCIAL,
  'GET /api/calidad/completitud': TODOS,
  'POST /api/clientes/{id}/confirmar-datos': COMERCIAL,
  'GET /api/duplicados': TODOS,
  'POST /api/duplicados/descartar': COMERCIAL,
  'GET /api/fusiones/vista-previa': TODOS,
  'POST /api/fusiones': COMERCIAL,
  'POST /api/fusiones/{id}/deshacer': ADMIN,
  'GET /api/clientes/{id}/fusiones': TODOS,
  // Privacidad (Ley 21.719) and the audit trail: admin only
  'GET /api/clientes/{id}/datos-personales': ADMIN,
  'POST /api/clientes/{id}/bloqueo': ADMIN,
  'POST /api/clientes/{id}/anonimizar': ADMIN,
  'GET /api/solicitudes-titular': ADMIN,
  'POST /api/solicitudes-titular': ADMIN,
  'POST /api/solicitudes-titular/{id}/cerrar': ADMIN,
  'GET /api/auditoria': ADMIN,
};

/** Public routes the document hides (not JSON API operations); they must stay public. */
const PUBLICAS_OCULTAS = ['GET /healthz', 'GET /api/public/baja/abc', 'POST /api/public/baja/abc'];

const ROLES: readonly Rol[] = ['admin', 'comercial', 'tecnico', 'lectura'];

let t: AppDePrueba;
let ops: Operacion[];
const cookies = new Map<Rol, string>();
beforeAll(async () => {
  t = await crearAppDePrueba();
  for (const rol of ROLES) cookies.set(rol, await t.sesion(rol));
  // Something for the ids to point at, so allowed calls get past "not found" where they can.
  const idCliente = await crearCliente(t.db.db);
  await crearEquipo(t.db.db, idCliente);
  const doc = cuerpo(await t.app.inject({ url: '/api/openapi.json', headers: { cookie: cookies.get('lectura')! } }));
  ops = operaciones(doc);
});
afterAll(() => t.cerrar());

const llamar = (op: Operacion, cookie?: string) => {
  const { url, payload } = solicitudValida(op);
  return t.app.inject({
    method: op.metodo as 'GET',
    url,
    ...(payload !== undefined ? { payload: payload as object } : {}),
    headers: cookie ? { cookie } : {},
  });
};

describe('matriz de roles', () => {
  it('cada operación del documento OpenAPI está clasificada, y nada sobra en la tabla', () => {
    expect(ops.length).toBeGreaterThan(90);
    const sinClasificar = ops.map((o) => o.clave).filter((c) => !(c in MATRIZ));
    expect(sinClasificar, 'Clasifique estas operaciones en MATRIZ (roles.test.ts)').toEqual([]);
    const sobran = Object.keys(MATRIZ).filter((c) => !ops.some((o) => o.clave === c));
    expect(sobran, 'Estas entradas de MATRIZ ya no existen').toEqual([]);
  });

  it('sin sesión: 401 en todo salvo las rutas públicas, que no piden sesión', async () => {
    const fallas: string[] = [];
    for (const op of ops) {
      const r = await llamar(op);
      const publica = MATRIZ[op.clave] === PUBLICO;
      // Login answers 401 to wrong credentials: what a public route must never give is the session hook's 401.
      const pideSesion = r.statusCode === 401 && cuerpo(r).title === 'Debe iniciar sesión';
      if (publica ? pideSesion || r.statusCode >= 500 : !pideSesion) fallas.push(`${op.clave}: ${r.statusCode}`);
    }
    for (const clave of PUBLICAS_OCULTAS) {
      const [metodo, url] = clave.split(' ') as ['GET', string];
      const r = await t.app.inject({ method: metodo, url });
      if (r.statusCode === 401 || r.statusCode >= 500) fallas.push(`${clave}: ${r.statusCode}`);
    }
    expect(fallas).toEqual([]);
  });

  it.each(ROLES)('con rol %s: permitido (ni 401 ni 403) o 403 según la tabla', async (rol) => {
    const fallas: string[] = [];
    for (const op of ops) {
      const permiso = MATRIZ[op.clave];
      // Public routes act on no session (and login/logout would end this role's).
      if (permiso === undefined || permiso === PUBLICO) continue;
      const r = await llamar(op, cookies.get(rol));
      const permitido = permiso.includes(rol);
      // A 403 about the role says so; another 403 (an alert assigned to someone else) is about the record.
      const porRol = r.statusCode === 403 && String(cuerpo(r).detail).startsWith(`Su rol (${rol}) no permite `);
      const resumen = `${op.clave}: ${r.statusCode} ${r.body.slice(0, 200)}`;
      if (r.statusCode >= 500) fallas.push(resumen);
      else if (permitido && (r.statusCode === 401 || porRol)) fallas.push(`debía permitirse: ${resumen}`);
      else if (!permitido && !porRol) fallas.push(`debía ser 403 por rol: ${resumen}`);
    }
    expect(fallas).toEqual([]);
  });
});
