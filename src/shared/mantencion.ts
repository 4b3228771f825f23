import { restarMeses } from './actividad.ts';

const DIA = 86_400_000;

export interface Lectura {
  fecha: string;
  horas: number;
}

export interface ProximaMantencion {
  /** Fecha en que vence por calendario (último servicio + intervalo en meses). */
  por_fecha: string | null;
  /** Fecha en que se proyecta cumplir el intervalo de horas, al ritmo de uso del equipo. */
  por_horas: string | null;
  /** La que ocurra primero (DOMAIN.md "Mantención próxima"). */
  fecha: string | null;
  motivo: 'fecha' | 'horas' | null;
  horas_uso_diario: number | null;
  horas_desde_servicio: number | null;
}

function sumarDias(fecha: string, dias: number): string {
  return new Date(Date.parse(`${fecha}T00:00:00Z`) + Math.round(dias) * DIA).toISOString().slice(0, 10);
}

/** Horas de uso por día según las lecturas del último año (o las dos más lejanas que haya). */
export function usoDiario(lecturas: Lectura[], hoy: string): number | null {
  const orden = [...lecturas].sort((a, b) => a.fecha.localeCompare(b.fecha));
  if (orden.length < 2) return null;
  const desde = restarMeses(hoy, 12);
  const recientes = orden.filter((l) => l.fecha >= desde);
  const tramo = recientes.length >= 2 ? recientes : orden;
  const primera = tramo[0]!;
  const ultima = tramo.at(-1)!;
  const dias = (Date.parse(ultima.fecha) - Date.parse(primera.fecha)) / DIA;
  if (dias <= 0 || ultima.horas < primera.horas) return null;
  return (ultima.horas - primera.horas) / dias;
}

/**
 * Próxima mantención de un equipo: por fecha (meses desde el último servicio) o por horas de motor
 * (intervalo menos las horas usadas desde el último servicio, proyectadas con su ritmo de uso),
 * lo que ocurra primero.
 */
export function proximaMantencion(p: {
  ultimoServicio: { fecha: string; horometro: number | null } | null;
  alta: string;
  intervaloMeses: number | null;
  intervaloHoras: number | null;
  lecturas: Lectura[];
  hoy: string;
}): ProximaMantencion {
  const base = p.ultimoServicio?.fecha ?? p.alta;
  let porFecha: string | null = null;
  if (p.intervaloMeses) porFecha = restarMeses(base, -p.intervaloMeses);
  const uso = usoDiario(p.lecturas, p.hoy);
  let porHoras: string | null = null;
  let horasDesde: number | null = null;
  const ultima = [...p.lecturas].sort((a, b) => a.fecha.localeCompare(b.fecha)).at(-1);
  // Hours at the base: the service's own reading, else the last reading up to the base date, else
  // the first one after it.
  const ordenadas = [...p.lecturas].sort((a, b) => a.fecha.localeCompare(b.fecha));
  const horasBase =
    p.ultimoServicio?.horometro ??
    ordenadas.filter((l) => l.fecha <= base).at(-1)?.horas ??
    ordenadas.find((l) => l.fecha > base)?.horas ??
    null;
  if (p.intervaloHoras && ultima && horasBase != null) {
    horasDesde = Math.max(0, ultima.horas - horasBase);
    const restantes = p.intervaloHoras - horasDesde;
    if (restantes <= 0) porHoras = ultima.fecha;
    else if (uso && uso > 0) porHoras = sumarDias(ultima.fecha, restantes / uso);
  }
  const candidatas = [
    porFecha && { f: porFecha, m: 'fecha' as const },
    porHoras && { f: porHoras, m: 'horas' as const },
  ].filter((x): x is { f: string; m: 'fecha' | 'horas' } => Boolean(x));
  candidatas.sort((a, b) => a.f.localeCompare(b.f));
  return {
    por_fecha: porFecha,
    por_horas: porHoras,
    fecha: candidatas[0]?.f ?? null,
    motivo: candidatas[0]?.m ?? null,
    horas_uso_diario: uso == null ? null : Math.round(uso * 100) / 100,
    horas_desde_servicio: horasDesde,
  };
}
