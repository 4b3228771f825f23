import type { ColumnType, Generated } from 'kysely';

type Instante = ColumnType<Date, Date | string, Date | string>;
type InstanteConDefecto = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ClientesTable {
  id_cliente: Generated<number>;
  nombre: string;
  rut: string;
  direccion: string | null;
  comuna: string | null;
  region: string | null;
  telefono: string | null;
  email: string | null;
  fecha_registro: InstanteConDefecto;
  ultimo_contacto: Instante | null;
  activo: Generated<boolean>;
  codigo_comuna: string | null;
  tipo_persona: 'natural' | 'empresa' | null;
  fecha_nacimiento: string | null;
  fecha_aniversario: string | null;
  id_responsable: number | null;
  notas: string | null;
  ultima_actividad: Instante | null;
  archivado: Generated<boolean>;
  fecha_archivado: Instante | null;
  anonimizado: Generated<boolean>;
  bloqueado: Generated<boolean>;
  canal_preferido: 'llamada' | 'whatsapp' | 'email' | 'visita' | null;
  horario_contacto: string | null;
  datos_confirmados_en: Instante | null;
  notas_idioma: string | null;
  id_cliente_fusionado_en: number | null;
  id_externo: string | null;
  version: Generated<number>;
  actualizado_en: InstanteConDefecto;
  busqueda: ColumnType<string, never, never>;
}

export interface EtiquetasTable {
  id_etiqueta: Generated<number>;
  nombre: string;
  color: Generated<string>;
}

export interface ClientesEtiquetasTable {
  id_cliente: number;
  id_etiqueta: number;
}

export interface ContactosClienteTable {
  id_contacto: Generated<number>;
  id_cliente: number;
  nombre: string;
  cargo: string | null;
  telefono: string | null;
  email: string | null;
  notas: string | null;
  principal: Generated<boolean>;
  creado_en: InstanteConDefecto;
}

export interface ConsentimientosTable {
  id_consentimiento: Generated<number>;
  id_cliente: number;
  canal: 'email' | 'whatsapp' | 'sms';
  otorgado: boolean;
  fecha: InstanteConDefecto;
  fuente: string;
  id_usuario: number | null;
}

/** Words of the clientes' names and comunas (folded), kept by triggers: the dictionary for typos. */
export interface PalabrasBusquedaTable {
  palabra: string;
}
