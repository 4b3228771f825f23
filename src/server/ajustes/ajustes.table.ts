import type { ColumnType, Generated } from 'kysely';

export interface AjustesTable {
  clave: string;
  valor: ColumnType<unknown, string, string>;
}

export interface ImportacionesTable {
  id_importacion: Generated<number>;
  entidad: string;
  archivo: string;
  estado: string;
  filas: Generated<number>;
  errores: Generated<number>;
  id_usuario: number | null;
  creada_en: Generated<Date>;
}

export interface ResumenesTable {
  clave: string;
  calculado_en: Date;
  valor: ColumnType<unknown, string, string>;
}
