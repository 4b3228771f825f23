import type { Salida } from './cargar.ts';
import type { EquipoGenerado } from './equipos.ts';
import type { OrdenGenerada, PedidoGenerado } from './servicios.ts';

/** Los usuarios del taller que firman lo que se genera. */
export interface Personal {
  admin: number;
  comerciales: number[];
  tecnicos: number[];
}

export type Perfil = 'activo' | 'inactivo' | 'dormido';

/** Lo que comparte toda la generación: fecha de hoy, personal, contadores de ids y la salida. */
export interface Contexto {
  semilla: number;
  /** Hoy en Santiago, como número de día. */
  hoy: number;
  personal: Personal;
  etiquetas: Map<string, number>;
  idPlantilla: number | null;
  ids: {
    equipo: number;
    lectura: number;
    orden: number;
    pedido: number;
    cotizacion: number;
    interaccion: number;
    encuesta: number;
    contacto: number;
    consentimiento: number;
  };
  salida: Salida;
  /** Cuerpos de RUT y nombres ya usados: un RUT repetido rompería la restricción única. */
  ruts: Set<number>;
  nombres: Set<string>;
  /** Correos ya usados: dos empresas homónimas de comunas distintas no comparten casilla. */
  correos: Set<string>;
}

/** Un cliente mientras se genera su historia. */
export interface Historia {
  id: number;
  perfil: Perfil;
  registro: number;
  /** Último día con actividad: ayer para los activos, antes para inactivos y dormidos. */
  limite: number;
  responsable: number | null;
  equipos: EquipoGenerado[];
  ordenes: OrdenGenerada[];
  pedidos: PedidoGenerado[];
}

/** El siguiente id de una tabla (las tablas parten vacías, así que los ids son 1, 2, 3…). */
export function siguienteId(ctx: Contexto, tabla: keyof Contexto['ids']): number {
  ctx.ids[tabla] += 1;
  return ctx.ids[tabla];
}
