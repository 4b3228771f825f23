// npm run prueba:concurrencia [-- --rapida]
// Dos procesos reales de la app contra un mismo PostgreSQL desechable:
//  1. dos ediciones simultáneas del mismo cliente con la misma versión (una a cada proceso):
//     exactamente un 409, y el cambio que ganó es el que queda (ninguna actualización perdida);
//  2. las tareas programadas de ambos procesos (saludos, recordatorios, envío de la bandeja con
//     arriendo y SKIP LOCKED) sobre una bandeja con mensajes vencidos: cada mensaje se envía una
//     sola vez (contado en un servidor SMTP real) y todo lo vencido se envía.
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { migrate } from '../../src/server/db/migrate.ts';
import { openPostgres } from '../../src/server/db/open.ts';
import { hoyEnSantiago } from '../../src/shared/formato.ts';
import { crearUsuario } from '../../src/server/usuarios/usuarios.ts';
import { abrirSmtp } from '../../test/smtp.ts';
import {
  ADMIN,
  baseDesechable,
  iniciarApp,
  iniciarSesion,
  log,
  pedir,
  rut,
  terminar,
  type ProcesoApp,
} from './comun.ts';

const { values } = parseArgs({
  options: { rapida: { type: 'boolean', default: false }, mensajes: { type: 'string' } },
});
const PARES = values.rapida ? 5 : 20;
// More than one claim (200) of the outbox, so that both processes take a share at the same tick.
const MENSAJES = Number(values.mensajes ?? (values.rapida ? 250 : 600));
const CUMPLEANOS = values.rapida ? 20 : 60;
const MANTENCIONES = values.rapida ? 20 : 60;
const ESPERA_MAX_MS = 120_000;

const fallas: string[] = [];
const pg = await baseDesechable('rancho_concurrencia');
const smtp = await abrirSmtp();
const apps: ProcesoApp[] = [];
const db = openPostgres(pg.url, { max: 2 });

try {
  // The schema and a due outbox, before either process starts: both see the same work at once.
  await migrate(db.db);
  // The administrator exists before the two processes start (on an empty database both would try
  // to create it at boot; asegurarAdministrador serialises that under a lock).
  await crearUsuario(db.db, { ...ADMIN, nombre: 'Administrador', rol: 'admin' });
  // This proof is about sending once across instances, at any hour: the quiet hours (tested on
  // their own in src/server/calidad) would hold tonight's greetings until 08:00.
  await sql`UPDATE ajustes SET valor = 'null' WHERE clave = 'horario_silencio'`.execute(db.db);
  const hoy = hoyEnSantiago();
  const ids: number[] = [];
  for (let i = 0; i < MENSAJES + CUMPLEANOS + MANTENCIONES; i++) {
    const r = await sql<{ id: number }>`
      INSERT INTO clientes (nombre, rut, email, canal_preferido, fecha_nacimiento)
      VALUES (${`Cliente concurrente ${i}`}, ${rut(40_000_000 + i)}, ${`cliente${i}@rancho.test`}, 'email',
              ${i >= MENSAJES && i < MENSAJES + CUMPLEANOS ? `${Number(hoy.slice(0, 4)) - 40}${hoy.slice(4)}` : null}::date)
      RETURNING id_cliente AS id`.execute(db.db);
    ids.push(r.rows[0]!.id);
  }
  await sql`INSERT INTO consentimientos (id_cliente, canal, otorgado, fuente)
    SELECT id_cliente, 'email', true, 'prueba' FROM clientes`.execute(db.db);
  for (let i = 0; i < MENSAJES; i++) {
    await sql`INSERT INTO mensajes (id_cliente, canal, motivo, clave, destino, asunto, cuerpo, programado_para)
      VALUES (${ids[i]}, 'email', 'campana', ${`prueba:${i}`}, ${`cliente${i}@rancho.test`}, ${`Campaña de prueba ${i}`},
              ${`Mensaje de prueba ${i}`}, now() - interval '1 minute')`.execute(db.db);
  }
  for (let i = MENSAJES + CUMPLEANOS; i < ids.length; i++) {
    // Monthly plan, registered 25 days ago: due in about 5 days, as the nightly recompute will agree.
    await sql`INSERT INTO equipos (id_cliente, tipo, marca, modelo, intervalo_meses, fecha_alta, proxima_mantencion, proxima_motivo)
      VALUES (${ids[i]}, 'tractor', 'New Holland', ${`T${i}`}, 1, now() - interval '25 days', ${hoy}::date + 5, 'fecha')`.execute(
      db.db,
    );
  }

  log(
    `base ${pg.nombre}: ${MENSAJES} mensajes vencidos, ${CUMPLEANOS} cumpleaños hoy, ${MANTENCIONES} mantenciones próximas`,
  );
  apps.push(...(await Promise.all([1, 2].map(() => iniciarApp({ databaseUrl: pg.url }, { SMTP_URL: smtp.url })))));
  const inicio = performance.now();
  log(`dos procesos de la app: ${apps.map((a) => `${a.base} (pid ${a.proceso.pid})`).join(', ')}`);

  // 1. Same cliente, same version, one edit to each process, at the same time.
  const cookie = await iniciarSesion(apps[0]!.base, ADMIN.email, ADMIN.password);
  let conflictos = 0;
  for (let p = 0; p < PARES; p++) {
    const id = ids[p]!;
    const leido = await pedir(apps[0]!.base, 'GET', `/api/clientes/${id}`, { cookie });
    const version = leido.cuerpo.version as number;
    const notas = [`Edición A ${p}`, `Edición B ${p}`];
    const r = await Promise.all(
      apps.map((a, k) =>
        pedir(a.base, 'PATCH', `/api/clientes/${id}`, { cookie, cuerpo: { version, notas: notas[k] } }),
      ),
    );
    const estados = r.map((x) => x.status).sort();
    const despues = await pedir(apps[1]!.base, 'GET', `/api/clientes/${id}`, { cookie });
    const ganadora = r.findIndex((x) => x.status === 200);
    if (estados.join() !== '200,409') {
      fallas.push(`par ${p}: se esperaba un 200 y un 409, llegaron ${estados.join(' y ')}`);
    } else {
      conflictos++;
      const perdedora = r.find((x) => x.status === 409)!;
      if (!/cambió desde que lo abrió/.test(JSON.stringify(perdedora.cuerpo))) {
        fallas.push(`par ${p}: el 409 no explica el conflicto en español: ${JSON.stringify(perdedora.cuerpo)}`);
      }
      if (despues.cuerpo.notas !== notas[ganadora] || despues.cuerpo.version !== version + 1) {
        fallas.push(
          `par ${p}: quedó «${despues.cuerpo.notas}» (versión ${despues.cuerpo.version}); se esperaba «${notas[ganadora]}» (versión ${version + 1})`,
        );
      }
    }
  }
  log(`ediciones simultáneas: ${PARES} pares, ${conflictos} con exactamente un 409 y el cambio ganador guardado`);

  // 2. Wait until nothing due is left in the outbox, and at least past the first tick (10 s after
  // start: recordatorios are queued then and go out at the following tick, 30 s later).
  const pendientes = async () =>
    (
      await sql<{ n: number }>`SELECT count(*)::int AS n FROM mensajes
        WHERE canal = 'email' AND estado IN ('pendiente', 'fallido') AND programado_para <= now() + interval '6 minutes'`.execute(
        db.db,
      )
    ).rows[0]!.n;
  let restantes = await pendientes();
  while ((restantes > 0 || performance.now() - inicio < 14_000) && performance.now() - inicio < ESPERA_MAX_MS) {
    await new Promise((r) => setTimeout(r, 1000));
    restantes = await pendientes();
  }
  await new Promise((r) => setTimeout(r, 1000));
  const segundos = (performance.now() - inicio) / 1000;

  const porMotivo = await sql<{ motivo: string; estado: string; n: number }>`
    SELECT motivo, estado, count(*)::int AS n FROM mensajes WHERE canal = 'email' GROUP BY 1, 2 ORDER BY 1, 2`.execute(
    db.db,
  );
  const enviados = porMotivo.rows.filter((f) => f.estado === 'enviado').reduce((s, f) => s + f.n, 0);
  const cuenta = (motivo: string) =>
    porMotivo.rows.filter((f) => f.motivo === motivo && f.estado === 'enviado').reduce((s, f) => s + f.n, 0);
  const vistos = new Map<string, number>();
  for (const c of smtp.recibidos) {
    const asunto = /^Subject: (.*)$/m.exec(c.datos)?.[1] ?? '';
    const clave = `${c.para.join(',')}|${asunto}`;
    vistos.set(clave, (vistos.get(clave) ?? 0) + 1);
  }
  const duplicados = [...vistos].filter(([, n]) => n > 1);
  const interacciones = (
    await sql<{ n: number; distintas: number }>`
      SELECT count(*)::int AS n, count(DISTINCT id_interaccion)::int AS distintas FROM mensajes WHERE estado = 'enviado'`.execute(
      db.db,
    )
  ).rows[0]!;
  const registradas = (
    await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM interacciones_cliente WHERE origen IN ('campana', 'saludo', 'mantencion')`.execute(
      db.db,
    )
  ).rows[0]!.n;

  console.log('\nPrueba de concurrencia (dos procesos de la app, un PostgreSQL)');
  console.log(
    `  Ediciones simultáneas con la misma versión: ${PARES} pares → ${conflictos} con exactamente un 409 y ninguna actualización perdida.`,
  );
  console.log(
    `  Tareas programadas: ${enviados} mensajes enviados en ${segundos.toFixed(0)} s (campaña ${cuenta('campana')}/${MENSAJES}, ` +
      `saludos ${cuenta('saludo')}/${CUMPLEANOS}, recordatorios de mantención ${cuenta('mantencion')}/${MANTENCIONES}); ` +
      `${smtp.recibidos.length} correos recibidos por SMTP, ${duplicados.length} duplicados; ${restantes} vencidos sin enviar.`,
  );
  if (conflictos !== PARES) fallas.push(`solo ${conflictos} de ${PARES} pares terminaron con exactamente un 409`);
  if (duplicados.length > 0) {
    fallas.push(
      `${duplicados.length} correos llegaron más de una vez, p. ej. ${duplicados[0]![0]} (${duplicados[0]![1]} veces)`,
    );
  }
  if (smtp.recibidos.length !== enviados) {
    fallas.push(`el servidor SMTP recibió ${smtp.recibidos.length} correos pero la base marca ${enviados} enviados`);
  }
  if (restantes > 0) fallas.push(`${restantes} mensajes vencidos quedaron sin enviar tras ${segundos.toFixed(0)} s`);
  if (cuenta('campana') !== MENSAJES) fallas.push(`de la bandeja se enviaron ${cuenta('campana')} de ${MENSAJES}`);
  if (cuenta('saludo') !== CUMPLEANOS) fallas.push(`saludos de cumpleaños: ${cuenta('saludo')} de ${CUMPLEANOS}`);
  if (cuenta('mantencion') !== MANTENCIONES) {
    fallas.push(`recordatorios de mantención: ${cuenta('mantencion')} de ${MANTENCIONES}`);
  }
  if (interacciones.n !== interacciones.distintas || registradas !== enviados) {
    fallas.push(
      `cada envío debe quedar una vez en la historia del cliente: ${enviados} enviados, ${registradas} interacciones, ${interacciones.distintas} distintas`,
    );
  }
  for (const a of apps) {
    if (a.proceso.exitCode !== null) fallas.push(`el proceso ${a.proceso.pid} terminó solo: ${a.salida().slice(-500)}`);
  }
} catch (e) {
  fallas.push(`la prueba no pudo completarse: ${(e as Error).message}`);
} finally {
  await Promise.all(apps.map((a) => a.detener('SIGTERM')));
  await db.close();
  await smtp.cerrar();
  await pg.borrar();
}
terminar('Prueba de concurrencia', fallas);
