// The database as Kysely sees it: each module owns its tables' types; this file only lists them.
import type { AjustesTable, ImportacionesTable, ResumenesTable } from '../ajustes/ajustes.table.ts';
import type { DuplicadosDescartadosTable, FusionesTable } from '../calidad/calidad.table.ts';
import type { AuditoriaTable, SolicitudesTitularTable } from '../auditoria/auditoria.table.ts';
import type {
  ClientesEtiquetasTable,
  ClientesTable,
  ConsentimientosTable,
  ContactosClienteTable,
  EtiquetasTable,
  PalabrasBusquedaTable,
} from '../clientes/clientes.table.ts';
import type {
  AlertasTable,
  CampanasTable,
  MensajesTable,
  PlantillasMensajeTable,
  VistasGuardadasTable,
} from '../comunicacion/comunicacion.table.ts';
import type { CotizacionesTable } from '../cotizaciones/cotizaciones.table.ts';
import type { EncuestasSatisfaccionTable, PlantillasEncuestaTable } from '../encuestas/encuestas.table.ts';
import type { EquiposTable, LecturasHorometroTable, PlanesMantencionTable } from '../equipos/equipos.table.ts';
import type { InteraccionesClienteTable } from '../interacciones/interacciones.table.ts';
import type { OrdenesTrabajoTable } from '../ordenes/ordenes.table.ts';
import type { PedidosRepuestosTable } from '../pedidos/pedidos.table.ts';
import type { ComunasTable, RegionesTable } from '../territorio/territorio.table.ts';
import type { IntentosLoginTable, SesionesTable, UsuariosTable } from '../usuarios/usuarios.table.ts';
import type { GastoEsperadoTipoTable, MetricasClientesTable } from '../valor/valor.table.ts';

export interface Database {
  ajustes: AjustesTable;
  alertas: AlertasTable;
  auditoria: AuditoriaTable;
  campanas: CampanasTable;
  clientes: ClientesTable;
  clientes_etiquetas: ClientesEtiquetasTable;
  comunas: ComunasTable;
  consentimientos: ConsentimientosTable;
  contactos_cliente: ContactosClienteTable;
  cotizaciones: CotizacionesTable;
  duplicados_descartados: DuplicadosDescartadosTable;
  encuestas_satisfaccion: EncuestasSatisfaccionTable;
  equipos: EquiposTable;
  fusiones: FusionesTable;
  etiquetas: EtiquetasTable;
  gasto_esperado_tipo: GastoEsperadoTipoTable;
  importaciones: ImportacionesTable;
  interacciones_cliente: InteraccionesClienteTable;
  intentos_login: IntentosLoginTable;
  lecturas_horometro: LecturasHorometroTable;
  mensajes: MensajesTable;
  metricas_clientes: MetricasClientesTable;
  ordenes_trabajo: OrdenesTrabajoTable;
  palabras_busqueda: PalabrasBusquedaTable;
  pedidos_repuestos: PedidosRepuestosTable;
  planes_mantencion: PlanesMantencionTable;
  plantillas_encuesta: PlantillasEncuestaTable;
  plantillas_mensaje: PlantillasMensajeTable;
  regiones: RegionesTable;
  resumenes: ResumenesTable;
  sesiones: SesionesTable;
  solicitudes_titular: SolicitudesTitularTable;
  usuarios: UsuariosTable;
  vistas_guardadas: VistasGuardadasTable;
}
