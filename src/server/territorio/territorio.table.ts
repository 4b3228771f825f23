export interface RegionesTable {
  codigo_region: string;
  nombre: string;
  nombre_corto: string;
  numero_romano: string;
  orden_norte_sur: number;
}

export interface ComunasTable {
  codigo_comuna: string;
  nombre: string;
  codigo_region: string;
  region: string;
}
