/** Shapes of the /api/clientes answers the web app reads (server: src/server/clientes/clientes.ts, ficha.ts). */

import type { CanalPreferido } from '../../shared/clientes.ts';
import type { Faltante } from '../../shared/completitud.ts';
import type { TipoInteraccion } from '../interacciones/tipos.ts';
import type { EstadoOrden, EstadoPedido, ProximaMantencion, TipoOrden } from '../servicios/tipos.ts';

export interface Etiqueta {
  id_etiqueta: number;
  nombre: string;
  color: string;
}

export interface ClienteResumen {
  id_cliente: number;
  nombre: string;
  rut: string;
  rut_formateado: string;
  comuna: string | null;
  region: string | null;
  telefono: string | null;
  email: string | null;
  ultimo_contacto: string | null;
  activo: boolean;
  archivado: boolean;
  fecha_registro: string;
  cantidad_equipos: number;
  /** Not sent by GET /api/clientes yet; shown when the server adds it. */
  etiquetas?: Etiqueta[];
}

export interface PaginaClientes {
  total: number;
  limit: number;
  offset: number;
  items: ClienteResumen[];
}

export type TipoPersona = 'natural' | 'empresa';

export interface Cliente {
  id_cliente: number;
  nombre: string;
  rut: string;
  rut_formateado: string;
  tipo_persona: TipoPersona | null;
  direccion: string | null;
  comuna: string | null;
  region: string | null;
  codigo_comuna: string | null;
  telefono: string | null;
  email: string | null;
  fecha_registro: string;
  ultimo_contacto: string | null;
  activo: boolean;
  fecha_nacimiento: string | null;
  fecha_aniversario: string | null;
  id_responsable: number | null;
  responsable: string | null;
  notas: string | null;
  canal_preferido: CanalPreferido | null;
  /** Canonical form of src/shared/horario.ts: `lun-vie 08:00-13:00; sáb 09:00-12:00`. */
  horario_contacto: string | null;
  notas_idioma: string | null;
  datos_confirmados_en: string | null;
  archivado: boolean;
  /** Set when this record was merged into another customer. */
  id_cliente_fusionado_en: number | null;
  /** Ley 21.719: processing frozen (no edits, no contact) / personal data erased. */
  bloqueado: boolean;
  anonimizado: boolean;
  etiquetas: Etiqueta[];
  version: number;
}

export interface Equipo {
  id_equipo: number;
  tipo: string;
  marca: string | null;
  modelo: string | null;
  anio: number | null;
  numero_serie: string | null;
  // numeric(10,1): a string from the pg driver, a number from PGlite.
  horometro: number | string | null;
  fecha_horometro: string | null;
  activo: boolean;
  intervalo_horas?: number | null;
  intervalo_meses?: number | null;
  ultimo_servicio?: { id_orden: number; fecha: string; tipo: string; horometro: number | string | null } | null;
  cantidad_servicios?: number;
  lecturas_recientes?: { fecha: string; horas: number }[];
  proxima_mantencion?: ProximaMantencion | null;
}

export interface InteraccionFicha {
  id_interaccion: number;
  fecha: string;
  tipo: TipoInteraccion;
  motivo: string;
  resultado: string | null;
  seguimiento_requerido: boolean;
  fecha_seguimiento: string | null;
  seguimiento_completado_en: string | null;
  usuario: string | null;
}

export interface SeguimientoFicha {
  id_interaccion: number;
  motivo: string;
  fecha_seguimiento: string;
  responsable: string | null;
  id_responsable_seguimiento: number | null;
}

export interface OrdenFicha {
  id_orden: number;
  numero: string | null;
  tipo: TipoOrden;
  estado: EstadoOrden;
  fecha_ingreso: string;
  fecha_cierre: string | null;
  monto_total: number;
  id_equipo: number | null;
  equipo: string | null;
}

export interface PedidoFicha {
  id_pedido: number;
  numero: string | null;
  fecha: string;
  estado: EstadoPedido;
  fecha_entrega: string | null;
  monto_total: number;
}

export interface CotizacionFicha {
  id_cotizacion: number;
  numero: string | null;
  fecha: string;
  fecha_vencimiento: string | null;
  monto_total: number;
  descripcion: string | null;
}

export type Dimension = 'tiempo' | 'calidad' | 'precio' | 'atencion';

export interface EncuestaFicha {
  id_encuesta: number;
  fecha: string;
  puntuacion_general: number | null;
  recomendaria: boolean | null;
  comentarios: string | null;
  nps: -1 | 0 | 1 | null;
}

export interface SatisfaccionFicha {
  ultimas: EncuestaFicha[];
  respondidas: number;
  nps: { respondidas: number; promotores: number; pasivos: number; detractores: number; nps: number | null };
  dimensiones: {
    promedios: Record<Dimension, number | null>;
    mas_debil: Dimension[];
    mas_fuerte: Dimension[];
    brecha: number | null;
  };
}

export interface ValorFicha {
  valor_historico: number;
  valor_ultimo_anio: number;
  valor_promedio_clientes: number | null;
  relacion_con_promedio: number | null;
  cliente_recurrente: boolean;
  segmento_abc: string | null;
  potencial_alto: boolean | null;
}

export interface AlertaFicha {
  tipo: 'seguimiento' | 'mantencion' | 'cotizacion' | 'inactividad' | 'detractor' | string;
  mensaje: string;
  fecha?: string;
}

export interface FichaCliente {
  cliente: Cliente;
  /** Completeness score (src/shared/completitud.ts). */
  calidad: { puntaje: number; faltan: Faltante[] };
  equipos: Equipo[];
  interacciones: InteraccionFicha[];
  seguimientos_abiertos: SeguimientoFicha[];
  ordenes: OrdenFicha[];
  pedidos: PedidoFicha[];
  cotizaciones_abiertas: CotizacionFicha[];
  satisfaccion: SatisfaccionFicha;
  valor: ValorFicha;
  alertas: AlertaFicha[];
}

export interface ClienteParecido {
  id_cliente: number;
  nombre: string;
  rut_formateado: string;
  comuna: string | null;
  parecido: number;
}

export interface UsuarioResumen {
  id_usuario: number;
  nombre: string;
  rol: string;
  email: string;
}
