// La tabla que imprime el banco de pruebas y el JSON que deja en .bench/ultimo.json.
import type { Engine } from '../../src/server/db/open.ts';
import { OBJETIVOS_REQS_POSTGRES, RATIO_MAXIMO } from './escenarios.ts';
import type { Latencias, Rendimiento } from './medir.ts';

export interface ResultadoEscenario {
  nombre: string;
  descripcion: string;
  objetivoP95Ms: number | null;
  app: {
    c1: Latencias;
    c32: Rendimiento;
    socketsNuevosC1: number;
    socketsNuevosC32: number;
    bytesPorRespuesta: number;
    /** Respuestas que la app sacó de su memoria (la caché de fichas) en cada fase, si la usa. */
    memoria?: { c1: Aciertos; c32: Aciertos };
  };
  piso: { c1: Latencias; c32: Rendimiento };
}

export interface Aciertos {
  aciertos: number;
  fallos: number;
}

export interface Evaluacion {
  /** p95 app / p95 piso: lo que la app (HTTP, sesión, validación, serialización) agrega sobre el SQL directo. */
  ratioP95: number;
  /** null cuando no hay objetivo que aplicar (sin objetivo de p95, o motor embebido). */
  cumpleP95: boolean | null;
  cumpleRatio: boolean | null;
  cumpleReqS: boolean | null;
  errores: number;
}

/** Los objetivos valen en PostgreSQL; en el motor embebido los números son solo informativos. */
export function evaluar(r: ResultadoEscenario, motor: Engine): Evaluacion {
  const ratioP95 = r.app.c1.p95 / r.piso.c1.p95;
  const aplica = motor === 'postgres';
  return {
    ratioP95,
    cumpleP95: aplica && r.objetivoP95Ms !== null ? r.app.c1.p95 <= r.objetivoP95Ms : null,
    cumpleRatio: aplica ? ratioP95 <= RATIO_MAXIMO : null,
    cumpleReqS:
      aplica && OBJETIVOS_REQS_POSTGRES[r.nombre] ? r.app.c32.porSegundo >= OBJETIVOS_REQS_POSTGRES[r.nombre]! : null,
    errores: r.app.c1.errores + r.app.c32.errores + r.piso.c1.errores + r.piso.c32.errores,
  };
}

const ms = (v: number) => (Number.isNaN(v) ? '—' : v < 10 ? v.toFixed(2) : v.toFixed(1));
const rps = (v: number) => Math.round(v).toLocaleString('es-CL');
const marca = (ok: boolean | null) => (ok === null ? '' : ok ? ' ✔' : ' ✘');

/** Lo que hace dudar de una fila: errores, una fase c=1 cortada por tiempo, una carga abandonada. */
function avisos(r: ResultadoEscenario, e: Evaluacion): string {
  const a: string[] = [];
  if (e.errores > 0) a.push(`${e.errores} errores`);
  if (r.app.c1.cortadaPorTiempo || r.piso.c1.cortadaPorTiempo) a.push(`c=1 cortada: n=${r.app.c1.n}/${r.piso.c1.n}`);
  if (r.app.c32.abandonada || r.piso.c32.abandonada) a.push('carga abandonada');
  return a.length ? ` (${a.join('; ')})` : '';
}

function objetivoTexto(r: ResultadoEscenario, e: Evaluacion, motor: Engine): string {
  if (motor !== 'postgres') return 'solo informativo (embebido)';
  const partes: string[] = [];
  if (r.objetivoP95Ms !== null) partes.push(`p95 ≤ ${r.objetivoP95Ms} ms${marca(e.cumpleP95)}`);
  partes.push(`≤ ${RATIO_MAXIMO}× piso${marca(e.cumpleRatio)}`);
  const reqs = OBJETIVOS_REQS_POSTGRES[r.nombre];
  if (reqs) partes.push(`≥ ${rps(reqs)} req/s${marca(e.cumpleReqS)}`);
  return partes.join(' · ');
}

/** La tabla de resultados, en texto alineado. */
export function tabla(resultados: ResultadoEscenario[], motor: Engine, concurrencia: number): string {
  const encabezado = [
    'escenario',
    'p50',
    'p95',
    'p99 (ms, c=1)',
    `req/s (c=${concurrencia})`,
    'piso p50/p95',
    'piso req/s',
    'ratio p95 (app/piso)',
    'objetivo',
  ];
  const filas = resultados.map((r) => {
    const e = evaluar(r, motor);
    return [
      r.nombre + avisos(r, e),
      ms(r.app.c1.p50),
      ms(r.app.c1.p95),
      ms(r.app.c1.p99),
      rps(r.app.c32.porSegundo),
      `${ms(r.piso.c1.p50)} / ${ms(r.piso.c1.p95)}`,
      rps(r.piso.c32.porSegundo),
      `${e.ratioP95.toFixed(2)}×`,
      objetivoTexto(r, e, motor),
    ];
  });
  const anchos = encabezado.map((h, i) => Math.max(h.length, ...filas.map((f) => f[i]!.length)));
  const numerica = (i: number) => i > 0 && i < 8;
  const linea = (celdas: string[]) =>
    '| ' + celdas.map((c, i) => (numerica(i) ? c.padStart(anchos[i]!) : c.padEnd(anchos[i]!))).join(' | ') + ' |';
  const separador =
    '|' + anchos.map((a, i) => (numerica(i) ? '-'.repeat(a + 1) + ':' : '-'.repeat(a + 2))).join('|') + '|';
  return [linea(encabezado), separador, ...filas.map(linea)].join('\n');
}

const porcentaje = (a: Aciertos) => `${Math.round((100 * a.aciertos) / Math.max(1, a.aciertos + a.fallos))} %`;

/** Cuánto de cada fase salió de la memoria de la app, para los escenarios que la usan. */
export function notasMemoria(resultados: ResultadoEscenario[]): string[] {
  return resultados.flatMap((r) => {
    const m = r.app.memoria;
    if (!m || m.c1.aciertos + m.c1.fallos + m.c32.aciertos + m.c32.fallos === 0) return [];
    return [
      `${r.nombre}: la app respondió de su memoria el ${porcentaje(m.c1)} de las peticiones a c=1 y el ${porcentaje(m.c32)} a c=32 ` +
        '(el resto leyó la base y guardó la respuesta); el piso lee siempre la base.',
    ];
  });
}
