/** Shapes of the /api/clientes answers the web app reads (server: src/server/clientes/clientes.ts). */

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
  archivado: boolean;
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
}

export interface FichaCliente {
  cliente: Cliente;
  equipos: Equipo[];
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
