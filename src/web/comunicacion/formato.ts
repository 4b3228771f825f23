import { formatearFecha } from '../../shared/formato.ts';
import { formatearTelefono } from '../../shared/telefono.ts';
import { NOMBRE_TIPO_EQUIPO } from '../clientes/catalogos.ts';
import type { ClienteInactivo, EquipoInactivo } from './tipos.ts';

/** "Tractor John Deere 6130J". */
export function nombreEquipo(e: Pick<EquipoInactivo, 'tipo' | 'marca' | 'modelo'>): string {
  const tipo = NOMBRE_TIPO_EQUIPO[e.tipo as keyof typeof NOMBRE_TIPO_EQUIPO] ?? e.tipo;
  return [tipo, e.marca, e.modelo].filter(Boolean).join(' ');
}

/** "2012 · 14 años", or "año no registrado" (the seed asks to know each machine's age). */
export function antiguedadEquipo(e: Pick<EquipoInactivo, 'anio' | 'antiguedad'>): string {
  if (e.anio == null) return 'año no registrado';
  const anios = e.antiguedad ?? 0;
  return `${e.anio} · ${anios <= 0 ? 'del año' : `${anios} ${anios === 1 ? 'año' : 'años'}`}`;
}

/** "12-03-2025 (hace 420 días)" or "sin contacto registrado". */
export function ultimoContacto(c: Pick<ClienteInactivo, 'ultimo_contacto' | 'dias_sin_contacto'>): {
  fecha: string;
  hace: string | null;
} {
  if (!c.ultimo_contacto) return { fecha: 'Sin contacto registrado', hace: null };
  const d = c.dias_sin_contacto ?? 0;
  return { fecha: formatearFecha(c.ultimo_contacto), hace: `hace ${d} ${d === 1 ? 'día' : 'días'}` };
}

/** A message's address as people read it: phones grouped (`+56 9 1234 5678`), mail as is. */
export function mostrarDestino(destino: string | null): string {
  if (!destino) return '—';
  return destino.startsWith('+') ? formatearTelefono(destino) : destino;
}
