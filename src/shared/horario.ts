import { plegar } from './texto.ts';

/**
 * Best hours to contact a cliente, kept as text in one canonical form so it reads well on the ficha
 * and in a CSV cell and code can still use it: franjas separated by `;`, each one days plus hours,
 * e.g. `lun-vie 08:00-13:00; sáb 09:00-12:00`. Days are 1 (lunes) … 7 (domingo).
 */
export interface FranjaHorario {
  dias: number[];
  desde: string;
  hasta: string;
}

export const DIAS_CORTOS = ['lun', 'mar', 'mié', 'jue', 'vie', 'sáb', 'dom'] as const;

export const EJEMPLO_HORARIO = 'lun-vie 08:00-13:00; sáb 09:00-12:00';

const NOMBRES_DIA: Record<string, number> = {
  lun: 1,
  lunes: 1,
  mar: 2,
  martes: 2,
  mie: 3,
  miercoles: 3,
  jue: 4,
  jueves: 4,
  vie: 5,
  viernes: 5,
  sab: 6,
  sabado: 6,
  dom: 7,
  domingo: 7,
};

const ERROR_FORMATO = `Use días y horas, por ejemplo «${EJEMPLO_HORARIO}».`;
const HORAS = /(\d{1,2})(?:[:.](\d{2}))?\s*(?:-|–|a)\s*(\d{1,2})(?:[:.](\d{2}))?\s*(?:h|hrs|horas)?\.?$/;

function hora(h: string, m: string | undefined): string | null {
  const hh = Number(h);
  const mm = Number(m ?? '0');
  if (hh > 24 || mm > 59 || (hh === 24 && mm > 0)) return null;
  return `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
}

function leerDias(texto: string): number[] | null {
  const limpio = plegar(texto)
    .replace(/\s+a\s+/g, '-')
    .replace(/\s+y\s+/g, ',')
    .replace(/\s*-\s*/g, '-');
  if (['todos los dias', 'todos', 'diario', 'cualquier dia'].includes(limpio)) return [1, 2, 3, 4, 5, 6, 7];
  const dias = new Set<number>();
  for (const parte of limpio.split(/[\s,/]+/).filter(Boolean)) {
    const [a, b, ...resto] = parte.split('-');
    if (resto.length > 0) return null;
    const inicio = NOMBRES_DIA[a!];
    const fin = b === undefined ? inicio : NOMBRES_DIA[b];
    if (!inicio || !fin || fin < inicio) return null;
    for (let d = inicio; d <= fin; d++) dias.add(d);
  }
  return dias.size > 0 ? [...dias].sort((x, y) => x - y) : null;
}

/** Reads a horario as people write it (`Lunes a viernes 8 a 13`, `sab 9-12`) into franjas. */
export function interpretarHorario(
  entrada: string,
): { ok: true; franjas: FranjaHorario[]; texto: string | null } | { ok: false; mensaje: string } {
  const partes = entrada
    .split(/[;\n]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (partes.length === 0) return { ok: true, franjas: [], texto: null };
  if (partes.length > 7) return { ok: false, mensaje: 'Indique a lo más 7 franjas de horario.' };
  const franjas: FranjaHorario[] = [];
  for (const parte of partes) {
    const m = HORAS.exec(parte);
    if (!m) return { ok: false, mensaje: `No se entienden las horas de «${parte}». ${ERROR_FORMATO}` };
    const dias = leerDias(parte.slice(0, m.index).trim());
    if (!dias) return { ok: false, mensaje: `No se entienden los días de «${parte}». ${ERROR_FORMATO}` };
    const desde = hora(m[1]!, m[2]);
    const hasta = hora(m[3]!, m[4]);
    if (!desde || !hasta) return { ok: false, mensaje: `Hay una hora que no existe en «${parte}».` };
    if (desde >= hasta)
      return { ok: false, mensaje: `En «${parte}» la hora de inicio debe ser anterior a la de término.` };
    franjas.push({ dias, desde, hasta });
  }
  return { ok: true, franjas, texto: formatearHorario(franjas) };
}

/** Days as short names, runs of three or more as a range: `lun-vie`, `lun,mié`, `sáb,dom`. */
function textoDias(dias: number[]): string {
  const tramos: string[] = [];
  for (let i = 0; i < dias.length;) {
    let j = i;
    while (j + 1 < dias.length && dias[j + 1] === dias[j]! + 1) j++;
    const nombre = (d: number) => DIAS_CORTOS[d - 1]!;
    if (j - i >= 2) tramos.push(`${nombre(dias[i]!)}-${nombre(dias[j]!)}`);
    else for (let k = i; k <= j; k++) tramos.push(nombre(dias[k]!));
    i = j + 1;
  }
  return tramos.join(',');
}

/** The canonical text of a list of franjas. */
export function formatearHorario(franjas: FranjaHorario[]): string {
  return franjas.map((f) => `${textoDias(f.dias)} ${f.desde}-${f.hasta}`).join('; ');
}

/** Whether a moment (day 1–7 and `HH:MM`, in Santiago time) falls inside the horario. */
export function dentroDeHorario(franjas: FranjaHorario[], dia: number, hhmm: string): boolean {
  return franjas.some((f) => f.dias.includes(dia) && f.desde <= hhmm && hhmm < f.hasta);
}
