import { construirApp } from './app.ts';
import { leerConfig } from './config.ts';
import { recalcularActividad } from './clientes/actividad.ts';
import { migrate } from './db/migrate.ts';
import { openDatabase } from './db/open.ts';
import { programarDiario } from './jobs/diario.ts';
import { cadaCierto } from './jobs/trabajador.ts';
import { liberarRetenidos } from './comunicacion/tope.ts';
import { crearTransporte } from './correo/correo.ts';
import { procesarMensajes } from './comunicacion/mensajes.ts';
import { enviarEncuestasProgramadas } from './encuestas/encuestas.ts';
import { recalcularValor } from './valor/valor.ts';
import { tableroKpis } from './kpis/kpis.ts';
import { generarAlertas } from './comunicacion/alertas.ts';
import { generarRecordatorios, generarSaludos } from './comunicacion/recordatorios.ts';
import { asegurarAdministrador } from './usuarios/usuarios.ts';

const config = leerConfig();
const db = await openDatabase(config);
await migrate(db.db);
const admin = await asegurarAdministrador(db.db, config.adminEmail, config.adminPassword);
if (admin) {
  console.log(`Administrador creado: ${admin.email}`);
  if (admin.password) {
    console.log(
      `Contraseña generada (se muestra solo esta vez; cámbiela o defina RANCHO_ADMIN_PASSWORD): ${admin.password}`,
    );
  }
}
const app = await construirApp({ db, config, logger: { level: config.logLevel } });
const transporte = crearTransporte(config.smtpUrl, config.mailFrom);
const detener = [
  programarDiario(db.db, 'actividad', (hoy) => recalcularActividad(db.db, hoy), app.log),
  programarDiario(db.db, 'metricas', (hoy) => recalcularValor(db.db, hoy), app.log),
  programarDiario(db.db, 'saludos', (hoy) => generarSaludos(db.db, config.publicUrl, hoy), app.log),
  cadaCierto('alertas', 15 * 60_000, () => generarAlertas(db.db), app.log),
  // Keeps the dashboard's default view warm so nobody waits for its computation.
  cadaCierto(
    'tablero',
    10 * 60_000,
    async () => {
      await tableroKpis(db.db, { id_usuario: 0, email: 'sistema', nombre: 'Sistema', rol: 'admin' }, {}, undefined, {
        vigenciaMs: 0,
      });
      return {};
    },
    app.log,
  ),
  cadaCierto('recordatorios', 60 * 60_000, () => generarRecordatorios(db.db, config.publicUrl), app.log),
  cadaCierto(
    'encuestas',
    60_000,
    async () => ({ encuestas: await enviarEncuestasProgramadas(db.db, config.publicUrl) }),
    app.log,
  ),
  cadaCierto('retenidos', 5 * 60_000, () => liberarRetenidos(db.db), app.log),
  cadaCierto('mensajes', 30_000, () => procesarMensajes(db.db, transporte), app.log),
];

let cerrando = false;
async function cerrar(senal: string) {
  if (cerrando) return;
  cerrando = true;
  app.log.info(`${senal}: cerrando`);
  for (const d of detener) d();
  await app.close();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void cerrar('SIGINT'));
process.on('SIGTERM', () => void cerrar('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
const motor = db.engine === 'pglite' ? `embebida en ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
console.log(`Rancho Clientes en http://${config.host}:${config.port} · base de datos ${motor}`);
