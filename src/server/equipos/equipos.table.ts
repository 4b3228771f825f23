import type { Generated } from 'kysely';
import type { TipoEquipo } from '../../shared/clientes.ts';

export interface EquiposTable {
  id_equipo: Generated<number>;
  id_cliente: number;
  tipo: TipoEquipo;
  marca: string;
  modelo: string | null;
  anio: number | null;
  numero_serie: string | null;
  horometro: number | null;
  fecha_horometro: string | null;
  intervalo_horas: number | null;
  intervalo_meses: number | null;
  activo: Generated<boolean>;
  fecha_alta: Generated<Date>;
  version: Generated<number>;
  proxima_mantencion: string | null;
  proxima_motivo: 'fecha' | 'horas' | null;
  ultimo_servicio: string | null;
  horas_anuales: number | null;
}

export interface LecturasHorometroTable {
  id_lectura: Generated<number>;
  id_equipo: number;
  fecha: string;
  horas: number;
  fuente: Generated<string>;
}

export interface PlanesMantencionTable {
  id_plan: Generated<number>;
  tipo: string;
  marca: string | null;
  intervalo_horas: number | null;
  intervalo_meses: number | null;
}
