/** Shapes of the value API (src/server/valor/reportes.ts, oportunidades.ts, valor.rutas.ts). */

export type Segmento = 'A' | 'B' | 'C';
export type Potencial = 'alto' | 'bajo';

export interface CeldaMatriz {
  segmento: Segmento;
  potencial: Potencial;
  clientes: number;
  valor_total: number;
}

export interface ComparacionSegmento {
  /** 'A', 'B', 'C' or a cell of the matrix: 'A / alto', 'C / bajo'… */
  segmento: string;
  clientes: number;
  valor_total: number;
  valor_promedio: number;
  valor_ultimo_anio: number;
  frecuencia_interaccion: number | null;
  nps: number | null;
  /** Percentages with one decimal. */
  retencion: number | null;
  recurrentes: number;
  valor_oportunidad: number;
}

export interface ReporteSegmentos {
  periodo: { desde: string; hasta: string };
  matriz: CeldaMatriz[];
  comparacion: ComparacionSegmento[];
}

export interface FilaRanking {
  posicion: number;
  id_cliente: number;
  nombre: string;
  rut_formateado: string;
  comuna: string | null;
  region: string | null;
  valor_historico: number;
  valor_periodo: number;
  valor_periodo_anterior: number;
  /** % vs the previous period; null when there was nothing before to compare with. */
  tendencia: number | null;
  segmento_abc: Segmento | null;
  potencial_alto: boolean | null;
  cliente_recurrente: boolean;
}

export interface RankingValor {
  periodo: { desde: string; hasta: string; anterior: { desde: string; hasta: string } };
  total: number;
  items: FilaRanking[];
}

export const TIPOS_OPORTUNIDAD = [
  'mantencion',
  'sin_servicio',
  'renovacion',
  'cotizacion_por_vencer',
  'bajo_potencial',
] as const;
export type TipoOportunidad = (typeof TIPOS_OPORTUNIDAD)[number];

export interface Oportunidad {
  tipo: TipoOportunidad;
  id_cliente: number;
  /** Only in the workshop-wide list; a cliente's own list leaves it out. */
  cliente?: string;
  id_equipo: number | null;
  id_cotizacion: number | null;
  motivo: string;
  valor_estimado: number;
  fecha: string | null;
}

export interface OportunidadesTaller {
  total: number;
  por_tipo: { tipo: TipoOportunidad; cantidad: number; valor: number }[];
  items: Oportunidad[];
}

export interface OportunidadesCliente {
  total: number;
  valor_total: number;
  items: Oportunidad[];
}

export interface ValorCliente {
  valor_historico: number;
  valor_ultimo_anio: number;
  valor_potencial: number;
  brecha: number;
  segmento_abc: Segmento | null;
  potencial_alto: boolean | null;
  proyeccion: { anios: number; potencial: number; al_ritmo_actual: number }[];
  equipos: {
    id_equipo: number;
    tipo: string;
    marca: string;
    modelo: string | null;
    horas_anuales: number | null;
    gasto_esperado: number;
  }[];
}

export interface GastoEsperado {
  tipo: string;
  monto_anual: number;
  horas_referencia: number;
}

export interface ResultadoRecalculo {
  equipos: number;
  clientes: number;
  segundos: number;
}

export interface ResultadoVerificacion {
  correcto: boolean;
  diferencias: number;
  muestra: { id_cliente: number; columna: string; tabla: unknown; calculado: unknown }[];
}
