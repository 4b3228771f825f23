/**
 * Las filas que la demostración inserta, tabla por tabla, con el tipo PostgreSQL de cada columna
 * (el del arreglo que recibe `unnest`). Las columnas generadas (`busqueda`, `nps`) no aparecen:
 * la base de datos las calcula.
 */

export type Valor = string | number | boolean | null;

export interface Tabla<F> {
  nombre: string;
  /** Tipo PostgreSQL de cada columna, en el orden en que se insertan. */
  tipos: { readonly [K in keyof F]-?: string };
}

export interface FilaCliente {
  id_cliente: number;
  nombre: string;
  rut: string;
  direccion: string | null;
  comuna: string | null;
  region: string | null;
  codigo_comuna: string | null;
  telefono: string | null;
  email: string | null;
  fecha_registro: string;
  tipo_persona: 'natural' | 'empresa';
  fecha_nacimiento: string | null;
  fecha_aniversario: string | null;
  id_responsable: number | null;
  notas: string | null;
  canal_preferido: string | null;
  horario_contacto: string | null;
  datos_confirmados_en: string | null;
  actualizado_en: string;
}

export interface FilaEquipo {
  id_equipo: number;
  id_cliente: number;
  tipo: string;
  marca: string;
  modelo: string;
  anio: number;
  numero_serie: string;
  horometro: number | null;
  fecha_horometro: string | null;
  activo: boolean;
  fecha_alta: string;
}

export interface FilaOrden {
  id_orden: number;
  id_cliente: number;
  id_equipo: number | null;
  numero: string;
  tipo: string;
  estado: string;
  fecha_ingreso: string;
  fecha_cierre: string | null;
  horometro: number | null;
  monto_total: number;
  descripcion: string;
  id_tecnico: number;
  creado_en: string;
}

export interface FilaPedido {
  id_pedido: number;
  id_cliente: number;
  id_equipo: number | null;
  numero: string;
  fecha: string;
  estado: string;
  fecha_entrega: string | null;
  monto_total: number;
  items: string;
  creado_en: string;
}

export interface FilaCotizacion {
  id_cotizacion: number;
  id_cliente: number;
  numero: string;
  fecha: string;
  fecha_vencimiento: string;
  estado: string;
  fecha_resolucion: string | null;
  monto_total: number;
  descripcion: string;
  id_orden: number | null;
  id_pedido: number | null;
  creado_en: string;
}

export interface FilaInteraccion {
  id_interaccion: number;
  id_cliente: number;
  fecha: string;
  tipo: string;
  motivo: string;
  descripcion: string;
  resultado: string | null;
  seguimiento_requerido: boolean;
  fecha_seguimiento: string | null;
  id_orden: number | null;
  id_pedido: number | null;
  id_usuario: number;
  id_responsable_seguimiento: number | null;
  seguimiento_completado_en: string | null;
  origen: string;
  creado_en: string;
}

export interface FilaEncuesta {
  id_encuesta: number;
  id_cliente: number;
  id_orden: number | null;
  id_pedido: number | null;
  fecha: string;
  puntuacion_general: number | null;
  puntuacion_tiempo: number | null;
  puntuacion_calidad: number | null;
  puntuacion_precio: number | null;
  puntuacion_atencion: number | null;
  recomendaria: boolean | null;
  comentarios: string | null;
  estado: string;
  expira_en: string;
  enviar_en: string;
  enviada_en: string;
  respondida_en: string | null;
  canal: string;
  id_plantilla: number | null;
  creado_en: string;
}

const TEXTO = 'text';
const ENTERO = 'int';
const INSTANTE = 'timestamptz';
const FECHA = 'date';

export const CLIENTES: Tabla<FilaCliente> = {
  nombre: 'clientes',
  tipos: {
    id_cliente: ENTERO,
    nombre: TEXTO,
    rut: TEXTO,
    direccion: TEXTO,
    comuna: TEXTO,
    region: TEXTO,
    codigo_comuna: TEXTO,
    telefono: TEXTO,
    email: TEXTO,
    fecha_registro: INSTANTE,
    tipo_persona: TEXTO,
    fecha_nacimiento: FECHA,
    fecha_aniversario: FECHA,
    id_responsable: ENTERO,
    notas: TEXTO,
    canal_preferido: TEXTO,
    horario_contacto: TEXTO,
    datos_confirmados_en: INSTANTE,
    actualizado_en: INSTANTE,
  },
};

export const CLIENTES_ETIQUETAS: Tabla<{ id_cliente: number; id_etiqueta: number }> = {
  nombre: 'clientes_etiquetas',
  tipos: { id_cliente: ENTERO, id_etiqueta: ENTERO },
};

export const CONTACTOS: Tabla<{
  id_contacto: number;
  id_cliente: number;
  nombre: string;
  cargo: string;
  telefono: string | null;
  email: string | null;
}> = {
  nombre: 'contactos_cliente',
  tipos: { id_contacto: ENTERO, id_cliente: ENTERO, nombre: TEXTO, cargo: TEXTO, telefono: TEXTO, email: TEXTO },
};

export const CONSENTIMIENTOS: Tabla<{
  id_consentimiento: number;
  id_cliente: number;
  canal: string;
  otorgado: boolean;
  fecha: string;
  fuente: string;
  id_usuario: number | null;
}> = {
  nombre: 'consentimientos',
  tipos: {
    id_consentimiento: ENTERO,
    id_cliente: ENTERO,
    canal: TEXTO,
    otorgado: 'boolean',
    fecha: INSTANTE,
    fuente: TEXTO,
    id_usuario: ENTERO,
  },
};

export const EQUIPOS: Tabla<FilaEquipo> = {
  nombre: 'equipos',
  tipos: {
    id_equipo: ENTERO,
    id_cliente: ENTERO,
    tipo: TEXTO,
    marca: TEXTO,
    modelo: TEXTO,
    anio: 'smallint',
    numero_serie: TEXTO,
    horometro: 'numeric',
    fecha_horometro: FECHA,
    activo: 'boolean',
    fecha_alta: INSTANTE,
  },
};

export const LECTURAS: Tabla<{ id_lectura: number; id_equipo: number; fecha: string; horas: number; fuente: string }> =
  {
    nombre: 'lecturas_horometro',
    tipos: { id_lectura: ENTERO, id_equipo: ENTERO, fecha: FECHA, horas: 'numeric', fuente: TEXTO },
  };

export const ORDENES: Tabla<FilaOrden> = {
  nombre: 'ordenes_trabajo',
  tipos: {
    id_orden: ENTERO,
    id_cliente: ENTERO,
    id_equipo: ENTERO,
    numero: TEXTO,
    tipo: TEXTO,
    estado: TEXTO,
    fecha_ingreso: FECHA,
    fecha_cierre: FECHA,
    horometro: 'numeric',
    monto_total: 'bigint',
    descripcion: TEXTO,
    id_tecnico: ENTERO,
    creado_en: INSTANTE,
  },
};

export const PEDIDOS: Tabla<FilaPedido> = {
  nombre: 'pedidos_repuestos',
  tipos: {
    id_pedido: ENTERO,
    id_cliente: ENTERO,
    id_equipo: ENTERO,
    numero: TEXTO,
    fecha: FECHA,
    estado: TEXTO,
    fecha_entrega: FECHA,
    monto_total: 'bigint',
    items: 'jsonb',
    creado_en: INSTANTE,
  },
};

export const COTIZACIONES: Tabla<FilaCotizacion> = {
  nombre: 'cotizaciones',
  tipos: {
    id_cotizacion: ENTERO,
    id_cliente: ENTERO,
    numero: TEXTO,
    fecha: FECHA,
    fecha_vencimiento: FECHA,
    estado: TEXTO,
    fecha_resolucion: FECHA,
    monto_total: 'bigint',
    descripcion: TEXTO,
    id_orden: ENTERO,
    id_pedido: ENTERO,
    creado_en: INSTANTE,
  },
};

export const INTERACCIONES: Tabla<FilaInteraccion> = {
  nombre: 'interacciones_cliente',
  tipos: {
    id_interaccion: 'bigint',
    id_cliente: ENTERO,
    fecha: INSTANTE,
    tipo: TEXTO,
    motivo: TEXTO,
    descripcion: TEXTO,
    resultado: TEXTO,
    seguimiento_requerido: 'boolean',
    fecha_seguimiento: FECHA,
    id_orden: ENTERO,
    id_pedido: ENTERO,
    id_usuario: ENTERO,
    id_responsable_seguimiento: ENTERO,
    seguimiento_completado_en: INSTANTE,
    origen: TEXTO,
    creado_en: INSTANTE,
  },
};

export const ENCUESTAS: Tabla<FilaEncuesta> = {
  nombre: 'encuestas_satisfaccion',
  tipos: {
    id_encuesta: ENTERO,
    id_cliente: ENTERO,
    id_orden: ENTERO,
    id_pedido: ENTERO,
    fecha: FECHA,
    puntuacion_general: 'smallint',
    puntuacion_tiempo: 'smallint',
    puntuacion_calidad: 'smallint',
    puntuacion_precio: 'smallint',
    puntuacion_atencion: 'smallint',
    recomendaria: 'boolean',
    comentarios: TEXTO,
    estado: TEXTO,
    expira_en: INSTANTE,
    enviar_en: INSTANTE,
    enviada_en: INSTANTE,
    respondida_en: INSTANTE,
    canal: TEXTO,
    id_plantilla: ENTERO,
    creado_en: INSTANTE,
  },
};
