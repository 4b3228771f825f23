import type { ColumnType, Generated } from 'kysely';

export type Rol = 'admin' | 'comercial' | 'tecnico' | 'lectura';

export interface UsuariosTable {
  id_usuario: Generated<number>;
  email: string;
  nombre: string;
  rol: Rol;
  password_hash: string;
  activo: Generated<boolean>;
  creado_en: Generated<Date>;
}

export interface SesionesTable {
  id_sesion: string;
  id_usuario: number;
  creada_en: Generated<Date>;
  expira_en: ColumnType<Date, Date, Date>;
  ip: string | null;
  user_agent: string | null;
}

export interface IntentosLoginTable {
  id_intento: Generated<number>;
  email: string;
  ip: string | null;
  exitoso: boolean;
  fecha: Generated<Date>;
}
