import type { ColumnType, Generated, JSONColumnType } from 'kysely';

export interface FusionesTable {
  id_fusion: Generated<number>;
  id_superviviente: number;
  id_fusionado: number;
  fecha: Generated<Date>;
  id_usuario: number | null;
  antes_superviviente: JSONColumnType<Record<string, unknown>, string, string>;
  antes_fusionado: JSONColumnType<Record<string, unknown>, string, string>;
  movidos: JSONColumnType<Record<string, number[]>, string, string>;
  conteo_superviviente: JSONColumnType<Record<string, number>, string, string>;
  version_superviviente: number;
  id_auditoria: number;
  deshecha_en: ColumnType<Date | null, never, Date>;
  id_usuario_deshace: ColumnType<number | null, never, number | null>;
}

export interface DuplicadosDescartadosTable {
  id_menor: number;
  id_mayor: number;
  id_usuario: number | null;
  fecha: Generated<Date>;
}
