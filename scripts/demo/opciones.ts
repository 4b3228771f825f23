import { parseArgs } from 'node:util';
import { ESCALAS, type NombreEscala } from './escalas.ts';

/** Opciones de `npm run demo`. */
export interface Opciones {
  escala: NombreEscala;
  semilla: number;
  /** Hoy en Santiago (`aaaa-mm-dd`); null: la fecha real. */
  hoy: string | null;
  reiniciar: boolean;
}

export const USO = `Uso: npm run demo -- [opciones]

Llena la base de datos configurada (DATABASE_URL o RANCHO_DATA_DIR) con un taller de demostración.

Opciones:
  --escala pequena|grande  pequena (por omisión): ~300 clientes para mostrar el sistema.
                           grande: 50.000 clientes y 1.000.000 de interacciones, para medir rendimiento.
  --semilla N              semilla del azar (por omisión 2026): la misma semilla y la misma fecha
                           generan exactamente los mismos datos.
  --hoy AAAA-MM-DD         fecha que se toma como hoy (por omisión, hoy en Santiago).
  --reiniciar              vacía primero los datos existentes (clientes, usuarios y todo su historial).
  --ayuda                  muestra este mensaje.`;

export class ErrorOpciones extends Error {}

/** Lee los argumentos; lanza ErrorOpciones con un mensaje en español si algo no calza. */
export function leerOpciones(argumentos: string[]): Opciones | 'ayuda' {
  let valores;
  try {
    ({ values: valores } = parseArgs({
      args: argumentos,
      strict: true,
      allowPositionals: false,
      options: {
        escala: { type: 'string' },
        semilla: { type: 'string' },
        hoy: { type: 'string' },
        reiniciar: { type: 'boolean' },
        ayuda: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new ErrorOpciones(traducir(e as Error & { code?: string }));
  }
  if (valores.ayuda) return 'ayuda';
  const escala = (valores.escala ?? 'pequena').normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (!(escala in ESCALAS)) throw new ErrorOpciones(`Escala desconocida: ${valores.escala}. Use pequena o grande.`);
  const semilla = Number(valores.semilla ?? 2026);
  if (!/^\d+$/.test(valores.semilla ?? '2026') || semilla > 0xffffffff) {
    throw new ErrorOpciones(`La semilla debe ser un entero entre 0 y 4294967295 (se recibió ${valores.semilla}).`);
  }
  const hoy = valores.hoy ?? null;
  if (hoy !== null && !fechaValida(hoy))
    throw new ErrorOpciones(`La fecha de --hoy debe ser AAAA-MM-DD y existir (se recibió ${hoy}).`);
  return { escala: escala as NombreEscala, semilla, hoy, reiniciar: valores.reiniciar ?? false };
}

function fechaValida(texto: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(texto)) return false;
  const d = new Date(`${texto}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === texto;
}

/** Los errores de parseArgs vienen en inglés; el usuario los lee en español. */
function traducir(e: Error & { code?: string }): string {
  const nombre = /'([^' ]+)/.exec(e.message)?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Opción desconocida: ${nombre}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return nombre === '--reiniciar' || nombre === '--ayuda'
        ? `${nombre} no lleva valor.`
        : `Falta el valor de ${nombre}.`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `Argumento inesperado: ${nombre}`;
    default:
      return 'Opciones no válidas.';
  }
}
