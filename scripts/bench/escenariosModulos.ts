// Escenarios de los módulos de la ficha, satisfacción, valor, comunicación y KPIs. El piso de cada
// uno es el mismo caso de uso que atiende la ruta, llamado directo (mismo SQL, sin HTTP).
import { fichaCompleta } from '../../src/server/clientes/ficha.ts';
import { reporteInactivos } from '../../src/server/comunicacion/inactivos.ts';
import type { Conexion } from '../../src/server/db/tipos.ts';
import { analisisSatisfaccion } from '../../src/server/encuestas/analisis.ts';
import { timelineCliente } from '../../src/server/interacciones/timeline.ts';
import { tableroKpis } from '../../src/server/kpis/kpis.ts';
import { reporteRegiones } from '../../src/server/reportes/regiones.ts';
import type { Usuario } from '../../src/server/usuarios/usuarios.ts';
import { rankingValor, reporteSegmentos } from '../../src/server/valor/reportes.ts';
import type { Escenario, Muestra, Rng } from './escenarios.ts';

/** Objetivos p95 (ms, c=1, PostgreSQL, conjunto grande) que fijan los issues. */
export const OBJETIVOS_MODULOS: Record<string, number | null> = {
  ficha: 15,
  timeline: null,
  satisfaccion: 100,
  ranking: 100,
  segmentos: 100,
  inactivos: 100,
  tablero: 150,
  mapa: 100,
};

// The use cases only check the role; the bench signs in as a comercial.
const USUARIO: Usuario = { id_usuario: 0, email: 'bench@rancho.local', nombre: 'Banco', rol: 'comercial' };

interface Definicion {
  nombre: string;
  descripcion: string;
  ruta: (rng: Rng) => string;
  caso: (rng: Rng) => Promise<unknown>;
  /** A value both the HTTP answer and the use case must agree on. */
  clave: (r: unknown) => unknown;
}

function estable(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([p], [q]) => p.localeCompare(q)))
      : x,
  );
}

function escenario(d: Definicion): Escenario {
  return {
    nombre: d.nombre,
    descripcion: d.descripcion,
    objetivoP95Ms: OBJETIVOS_MODULOS[d.nombre] ?? null,
    peticion: (rng) => ({ path: d.ruta(rng) }),
    piso: async (rng) => {
      await d.caso(rng);
    },
    comparar: async (rng, respuesta) => {
      // Key order may differ (a summary read back from jsonb): compare with sorted keys.
      const a = estable(d.clave(respuesta));
      const b = estable(d.clave(JSON.parse(JSON.stringify(await d.caso(rng)))));
      return a === b ? null : `app ${a.slice(0, 80)} ≠ piso ${b.slice(0, 80)}`;
    },
  };
}

export function crearEscenariosModulos(db: Conexion, muestra: Muestra): Escenario[] {
  const id = (rng: Rng) => rng.elegir(muestra.ids);
  const pagina = (rng: Rng) => rng.entero(20) * 25;
  return [
    escenario({
      nombre: 'ficha',
      descripcion: 'GET /api/clientes/{id}/ficha (ficha completa en una petición)',
      ruta: (rng) => `/api/clientes/${id(rng)}/ficha`,
      caso: (rng) => fichaCompleta(db, USUARIO, id(rng)),
      clave: (r) => {
        const f = r as {
          cliente: { id_cliente: number; version: number };
          equipos: unknown[];
          interacciones: unknown[];
        };
        return [f.cliente.id_cliente, f.cliente.version, f.equipos.length, f.interacciones.length];
      },
    }),
    escenario({
      nombre: 'timeline',
      descripcion: 'GET /api/clientes/{id}/timeline?limit=25 (historia paginada)',
      ruta: (rng) => `/api/clientes/${id(rng)}/timeline?limit=25`,
      caso: (rng) => timelineCliente(db, USUARIO, id(rng), { limit: 25, offset: 0 }),
      clave: (r) => (r as { total: number }).total,
    }),
    escenario({
      nombre: 'satisfaccion',
      descripcion: 'GET /api/reportes/satisfaccion (análisis de 12 meses y tendencia de 24)',
      ruta: () => '/api/reportes/satisfaccion',
      caso: () => analisisSatisfaccion(db, USUARIO, {}),
      clave: (r) => (r as { nps: unknown }).nps,
    }),
    escenario({
      nombre: 'ranking',
      descripcion: 'GET /api/reportes/ranking-valor?offset=<página> (reporte 2)',
      ruta: (rng) => `/api/reportes/ranking-valor?limit=25&offset=${pagina(rng)}`,
      caso: (rng) => rankingValor(db, USUARIO, { limit: 25, offset: pagina(rng) }),
      clave: (r) => (r as { items: { id_cliente: number }[] }).items.map((i) => i.id_cliente),
    }),
    escenario({
      nombre: 'segmentos',
      descripcion: 'GET /api/reportes/segmentos (matriz y comparación)',
      ruta: () => '/api/reportes/segmentos',
      caso: () => reporteSegmentos(db, USUARIO),
      clave: (r) =>
        (r as { matriz: { segmento: string; potencial: string; clientes: number; valor_total: number }[] }).matriz.map(
          (m) => [m.segmento, m.potencial, m.clientes, m.valor_total],
        ),
    }),
    escenario({
      nombre: 'inactivos',
      descripcion: 'GET /api/reportes/inactivos?meses=6&offset=<página> (reporte 5)',
      ruta: (rng) => `/api/reportes/inactivos?meses=6&limit=25&offset=${pagina(rng)}`,
      caso: (rng) => reporteInactivos(db, USUARIO, { meses: 6, limit: 25, offset: pagina(rng) }),
      clave: (r) => (r as { total: number }).total,
    }),
    escenario({
      nombre: 'tablero',
      descripcion: 'GET /api/kpis (los cinco KPIs, período anterior y 24 meses)',
      ruta: () => '/api/kpis',
      caso: () => tableroKpis(db, USUARIO, {}),
      clave: (r) => (r as { kpis: { valor: unknown }[] }).kpis.map((k) => k.valor),
    }),
    escenario({
      nombre: 'mapa',
      descripcion: 'GET /api/reportes/regiones (reporte 3)',
      ruta: () => '/api/reportes/regiones',
      caso: () => reporteRegiones(db, USUARIO),
      clave: (r) => (r as { total_clientes: number }).total_clientes,
    }),
  ];
}
