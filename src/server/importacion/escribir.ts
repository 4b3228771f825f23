import { registrarAuditoria, type Actor } from '../auditoria/auditoria.ts';
import { recalcularActividad } from '../clientes/actividad.ts';
import { enTransaccion, type Conexion } from '../db/tipos.ts';
import { ErrorApp } from '../http/errores.ts';
import { recalcularMetricas } from '../valor/metricas.ts';
import { BLOQUE } from './masivo.ts';
import { filasValidas, resumirValidacion, type Progreso, type Validacion } from './validar.ts';

export interface ResumenImportacion {
  id_importacion: number;
  entidad: string;
  archivo: string;
  filas: number;
  nuevas: number;
  actualizadas: number;
  sin_cambios: number;
  duracion_ms: number;
}

/**
 * Escribe todas las filas válidas en UNA transacción (todo o nada), en bloques de una sentencia,
 * y en la misma transacción: actividad y métricas de los clientes afectados (con las funciones de
 * conjunto de siempre), la fila de `importaciones` y la auditoría (STYLE.md 10).
 */
export async function escribirImportacion<T>(
  db: Conexion,
  actor: Actor & { id_usuario: number },
  v: Validacion<T>,
  archivo: string,
  progreso?: (p: Progreso) => void,
): Promise<ResumenImportacion> {
  const inicio = Date.now();
  const filas = filasValidas(v);
  const { entidad, nuevas, actualizadas, sin_cambios } = resumirValidacion(v);
  try {
    return await enTransaccion(db, async (trx) => {
      const clientes = new Set<number>();
      progreso?.({ etapa: 'escribiendo', procesadas: 0, total: filas.length });
      for (let i = 0; i < filas.length; i += BLOQUE) {
        const bloque = filas.slice(i, i + BLOQUE).filter((f) => f.estado !== 'sin_cambios');
        if (bloque.length > 0)
          for (const id of await v.importador.escribir(trx, bloque, { id_usuario: actor.id_usuario })) clientes.add(id);
        progreso?.({ etapa: 'escribiendo', procesadas: Math.min(i + BLOQUE, filas.length), total: filas.length });
      }
      const ids = [...clientes];
      if (ids.length > 0) {
        if (v.importador.afectaActividad) await recalcularActividad(trx);
        await recalcularMetricas(trx, { ids });
      }
      const { id_importacion } = await trx
        .insertInto('importaciones')
        .values({ entidad, archivo, estado: 'completada', filas: v.total, errores: 0, id_usuario: actor.id_usuario })
        .returning('id_importacion')
        .executeTakeFirstOrThrow();
      await registrarAuditoria(trx, actor, {
        accion: 'importar',
        entidad: 'importacion',
        id_entidad: id_importacion,
        detalle: { entidad, archivo, filas: v.total, nuevas, actualizadas, sin_cambios },
      });
      return {
        id_importacion,
        entidad,
        archivo,
        filas: v.total,
        nuevas,
        actualizadas,
        sin_cambios,
        duracion_ms: Date.now() - inicio,
      };
    });
  } catch (e) {
    // La transacción ya se deshizo: queda constancia del intento, no de sus datos.
    await db
      .insertInto('importaciones')
      .values({ entidad, archivo, estado: 'fallida', filas: v.total, errores: 1, id_usuario: actor.id_usuario })
      .execute()
      .catch(() => undefined);
    throw errorDeEscritura(e);
  }
}

/** Lo que la base rechaza a pesar de la validación (una carrera con otro usuario, una restricción nueva). */
function errorDeEscritura(e: unknown): unknown {
  if (e instanceof ErrorApp) return e;
  const codigo = (e as { code?: string }).code ?? '';
  const restriccion = (e as { constraint?: string }).constraint;
  if (codigo === '23505') {
    return new ErrorApp(
      'CONFLICTO',
      'Otro registro tomó la misma clave mientras se importaba',
      'No se guardó ninguna fila: mientras se importaba, alguien registró un RUT, N° de serie o número que también trae el archivo. Vuelva a validar el archivo e impórtelo de nuevo.',
      { extra: { restriccion } },
    );
  }
  if (codigo.startsWith('23') || codigo.startsWith('22')) {
    return new ErrorApp(
      'REGLA',
      'La base de datos rechazó una fila',
      `No se guardó ninguna fila: un dato del archivo no cumple una regla de la base de datos${restriccion ? ` (${restriccion})` : ''}. Revise el archivo o avise al administrador.`,
      { extra: { restriccion } },
    );
  }
  return e;
}
