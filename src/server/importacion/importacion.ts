import { z } from 'zod';
import {
  camposDesconocidos,
  CAMPOS_IMPORTACION,
  mapeoImportacion,
  type EntidadImportacion,
  type MapeoImportacion,
} from '../../shared/importacion.ts';
import type { Actor } from '../auditoria/auditoria.ts';
import type { Conexion } from '../db/tipos.ts';
import { ErrorApp } from '../http/errores.ts';
import { exigirRol } from '../usuarios/permisos.ts';
import type { Usuario } from '../usuarios/usuarios.ts';
import { importadorClientes } from './clientes.importador.ts';
import { importadorCotizaciones } from './cotizaciones.importador.ts';
import { importadorEquipos } from './equipos.importador.ts';
import { escribirImportacion, type ResumenImportacion } from './escribir.ts';
import { detectarFormato, leerArchivo, type Formato } from './formatos.ts';
import { importadorOrdenes } from './ordenes.importador.ts';
import { importadorPedidos } from './pedidos.importador.ts';
import type { Importador } from './tipos.ts';
import { resumirValidacion, validarTabla, type Progreso, type ResumenValidacion, type Validacion } from './validar.ts';

// Política: cargar datos masivos es tarea de quien administra la cartera (STYLE.md 9).
const IMPORTAR = ['admin', 'comercial'] as const;

// Los mensajes de Zod que lleguen al usuario, en español aunque se llame sin la app (benchmark, scripts).
z.config(z.locales.es());

const IMPORTADORES: { [E in EntidadImportacion]: Importador<never> } = {
  clientes: importadorClientes as Importador<never>,
  equipos: importadorEquipos as Importador<never>,
  ordenes: importadorOrdenes as Importador<never>,
  pedidos: importadorPedidos as Importador<never>,
  cotizaciones: importadorCotizaciones as Importador<never>,
};

/** La política de importación; la ruta la aplica también antes de recibir un archivo de 60 MB. */
export function exigirImportador(usuario: Usuario | null): Usuario {
  return exigirRol(usuario, IMPORTAR, 'importar datos');
}

/** Un archivo a importar: el cuerpo tal cual y cómo leerlo. */
export interface ArchivoImportacion {
  entidad: EntidadImportacion;
  cuerpo: Buffer;
  contentType?: string;
  formato?: Formato;
  /** `{columnaDelArchivo: campo}`, como objeto o como el JSON de `?mapeo=`. */
  mapeo?: MapeoImportacion | string;
  /** Nombre del archivo, para el historial. */
  archivo?: string;
}

/** `?mapeo=` → objeto validado; un campo que no existe es un 400 que lista los válidos. */
export function leerMapeo(
  entidad: EntidadImportacion,
  mapeo: MapeoImportacion | string | undefined,
): MapeoImportacion | undefined {
  if (mapeo === undefined || mapeo === '') return undefined;
  let objeto: unknown = mapeo;
  if (typeof mapeo === 'string') {
    try {
      objeto = JSON.parse(mapeo);
    } catch {
      throw new ErrorApp(
        'ENTRADA_INVALIDA',
        'El mapeo no es JSON',
        'El parámetro mapeo debe ser un JSON {"Columna del archivo": "campo"}.',
      );
    }
  }
  const r = mapeoImportacion.safeParse(objeto);
  if (!r.success)
    throw new ErrorApp(
      'ENTRADA_INVALIDA',
      'El mapeo no es válido',
      'El parámetro mapeo debe ser un objeto {"Columna del archivo": "campo" o null}.',
    );
  const malos = camposDesconocidos(entidad, r.data);
  if (malos.length > 0) {
    const validos = CAMPOS_IMPORTACION[entidad].map((d) => d.campo).join(', ');
    throw new ErrorApp(
      'ENTRADA_INVALIDA',
      'El mapeo nombra campos que no existen',
      `No existen en ${entidad}: ${malos.join(', ')}. Campos válidos: ${validos}.`,
      {
        errores: malos.map((m) => ({ campo: 'mapeo', mensaje: `«${m}» no es un campo de ${entidad}.` })),
      },
    );
  }
  return r.data;
}

/** Lee y valida el archivo completo sin escribir nada. */
export async function validarArchivo(
  db: Conexion,
  usuario: Usuario,
  a: ArchivoImportacion,
  progreso?: (p: Progreso) => void,
): Promise<Validacion<never>> {
  exigirImportador(usuario);
  const mapeo = leerMapeo(a.entidad, a.mapeo);
  const tabla = await leerArchivo(a.cuerpo, detectarFormato(a.cuerpo, a.contentType, a.formato));
  return validarTabla(db, IMPORTADORES[a.entidad], tabla, mapeo, progreso);
}

/** El ensayo: qué pasaría al importar (conteos, errores por fila, muestra). No escribe nada. */
export async function ensayarImportacion(
  db: Conexion,
  usuario: Usuario,
  a: ArchivoImportacion,
): Promise<ResumenValidacion> {
  return resumirValidacion(await validarArchivo(db, usuario, a));
}

/** Valida y, si alguna fila tiene errores, rechaza el archivo entero con un 422 que los lista. */
export async function prepararImportacion(
  db: Conexion,
  usuario: Usuario,
  a: ArchivoImportacion,
  progreso?: (p: Progreso) => void,
): Promise<Validacion<never>> {
  const v = await validarArchivo(db, usuario, a, progreso);
  const r = resumirValidacion(v);
  if (r.con_errores > 0) {
    throw new ErrorApp(
      'REGLA',
      'El archivo tiene errores',
      `${r.con_errores} de ${r.filas} filas tienen errores. No se guardó nada: corríjalas y vuelva a importar el archivo.`,
      {
        extra: {
          errors: r.errores,
          total_errores: r.total_errores,
          filas: r.filas,
          validas: r.validas,
          con_errores: r.con_errores,
        },
      },
    );
  }
  if (r.filas === 0)
    throw new ErrorApp('REGLA', 'El archivo no trae filas', 'El archivo tiene encabezados pero ninguna fila de datos.');
  return v;
}

/** Escribe lo que `prepararImportacion` dejó listo (todo o nada). */
export async function confirmarImportacion(
  db: Conexion,
  usuario: Usuario,
  actor: Actor,
  v: Validacion<never>,
  archivo: string | undefined,
  progreso?: (p: Progreso) => void,
): Promise<ResumenImportacion> {
  exigirImportador(usuario);
  return escribirImportacion(
    db,
    { ...actor, id_usuario: usuario.id_usuario },
    v,
    archivo?.trim() || '(sin nombre)',
    progreso,
  );
}

/**
 * Importa un archivo de una vez (validar + escribir). Es lo que llama el benchmark:
 * `importarArchivo(db.db, usuario, { id_usuario, ip: null }, { entidad: 'clientes', cuerpo })`.
 */
export async function importarArchivo(
  db: Conexion,
  usuario: Usuario,
  actor: Actor,
  a: ArchivoImportacion,
  progreso?: (p: Progreso) => void,
): Promise<ResumenImportacion> {
  const v = await prepararImportacion(db, usuario, a, progreso);
  return confirmarImportacion(db, usuario, actor, v, a.archivo, progreso);
}
