/** GET /api/clientes/:id/visita (server: src/server/documentos/visita.ts). */
export type Dimension = 'tiempo' | 'calidad' | 'precio' | 'atencion';
export type EstadoMantencion = 'atrasada' | 'proxima' | 'al_dia' | 'sin_datos';

export interface BriefVisita {
  fecha: string;
  generado_en: string;
  cliente: {
    id_cliente: number;
    nombre: string;
    rut_formateado: string;
    telefono: string | null;
    email: string | null;
    direccion: string | null;
    comuna: string | null;
    region: string | null;
    responsable: string | null;
    ultimo_contacto: string | null;
    activo: boolean;
  };
  equipos: {
    id_equipo: number;
    nombre: string;
    anio: number | null;
    horometro: number | null;
    activo: boolean;
    ultimo_servicio: { fecha: string; tipo: string } | null;
    cantidad_servicios: number;
    proxima_mantencion: { fecha: string | null; motivo: 'fecha' | 'horas' | null } | null;
    estado_mantencion: EstadoMantencion;
  }[];
  interacciones: {
    id_interaccion: number;
    fecha: string;
    tipo: string;
    motivo: string;
    resultado: string | null;
    usuario: string | null;
  }[];
  satisfaccion: {
    respondidas: number;
    nps: number | null;
    promedios: Record<Dimension, number | null>;
    mas_debil: Dimension[];
    mas_fuerte: Dimension[];
    brecha: number | null;
    ultima: { fecha: string; puntuacion_general: number | null; nps: number | null; comentarios: string | null } | null;
  };
  valor: {
    valor_historico: number;
    valor_ultimo_anio: number;
    valor_promedio_clientes: number | null;
    relacion_con_promedio: number | null;
    cliente_recurrente: boolean;
    segmento_abc: string | null;
    potencial_alto: boolean | null;
    valor_potencial: number | null;
    brecha: number | null;
  };
  seguimientos_abiertos: {
    id_interaccion: number;
    motivo: string;
    fecha_seguimiento: string;
    responsable: string | null;
  }[];
  cotizaciones_abiertas: {
    id_cotizacion: number;
    numero: string | null;
    fecha: string;
    fecha_vencimiento: string | null;
    monto_total: number;
    descripcion: string | null;
  }[];
  oportunidades: {
    total: number;
    valor_total: number;
    items: { tipo: string; motivo: string; valor_estimado: number }[];
  };
  contacto: {
    ultimo_contacto: string | null;
    dias_sin_contacto: number | null;
    cadencia_habitual_dias: number | null;
    atrasado: boolean;
  };
  puntos: { tipo: string; texto: string }[];
}
