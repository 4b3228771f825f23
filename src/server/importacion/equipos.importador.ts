import { TIPOS_EQUIPO, type TipoEquipo } from '../../shared/clientes.ts';
import { hoyEnSantiago } from '../../shared/formato.ts';
import {
  leerBooleano,
  leerEntero,
  leerFecha,
  leerNumero,
  leerOpcion,
  SINONIMOS_TIPO_EQUIPO,
} from '../../shared/importacion.ts';
import { equipoEntrada } from '../../shared/servicios.ts';
import { upsertMasivo, type ColumnaMasiva } from './masivo.ts';
import {
  difiere,
  exigirMismoDueno,
  existentesPorClave,
  registrarLecturas,
  resolverClientes,
  verificarHorometros,
} from './referencias.ts';
import { leerRut, texto } from './comun.ts';
import { LectorFila, type Importador } from './tipos.ts';

export interface EquipoImportado {
  rut_cliente: string | null;
  tipo: TipoEquipo | null;
  marca: string | null;
  modelo: string | null;
  anio: number | null;
  numero_serie: string | null;
  horometro: number | null;
  fecha_horometro: string | null;
  intervalo_horas: number | null;
  intervalo_meses: number | null;
  activo: boolean | null;
  id_cliente?: number;
}

const DATOS = ['tipo', 'marca', 'modelo', 'anio', 'intervalo_horas', 'intervalo_meses', 'activo', 'horometro'] as const;

const esquema = equipoEntrada.omit({ id_cliente: true });

const columnas: ColumnaMasiva<EquipoImportado>[] = [
  { nombre: 'numero_serie', tipo: 'text', valor: (v) => v.numero_serie },
  { nombre: 'id_cliente', tipo: 'int4', valor: (v) => v.id_cliente, soloAlta: true },
  { nombre: 'tipo', tipo: 'text', valor: (v) => v.tipo },
  { nombre: 'marca', tipo: 'text', valor: (v) => v.marca },
  { nombre: 'modelo', tipo: 'text', valor: (v) => v.modelo },
  { nombre: 'anio', tipo: 'int4', valor: (v) => v.anio },
  { nombre: 'intervalo_horas', tipo: 'int4', valor: (v) => v.intervalo_horas },
  { nombre: 'intervalo_meses', tipo: 'int4', valor: (v) => v.intervalo_meses },
  { nombre: 'activo', tipo: 'bool', valor: (v) => v.activo, expr: 'coalesce(u.activo, x.activo, true)' },
];

/** La lectura del horómetro que trae la fila; sin fecha, se toma como leída hoy (como el alta por la API). */
const lecturaDe = (v: EquipoImportado) =>
  v.numero_serie && v.horometro != null
    ? { serie: v.numero_serie, fecha: v.fecha_horometro ?? hoyEnSantiago(), horas: v.horometro }
    : null;

/** Equipos por número de serie; el dueño (RUT) no cambia al reimportar. */
export const importadorEquipos: Importador<EquipoImportado> = {
  entidad: 'equipos',
  campoClave: 'numero_serie',
  afectaActividad: false,

  leer(celdas) {
    const l = new LectorFila('equipos', celdas);
    const v: EquipoImportado = {
      rut_cliente: leerRut(l, 'rut_cliente'),
      tipo: l.campo('tipo', (c, e) => leerOpcion(c, e, TIPOS_EQUIPO, SINONIMOS_TIPO_EQUIPO)),
      marca: l.campo('marca', texto),
      modelo: l.campo('modelo', texto),
      anio: l.campo('anio', leerEntero),
      numero_serie: l.campo('numero_serie', texto),
      horometro: l.campo('horometro', leerNumero),
      fecha_horometro: l.campo('fecha_horometro', leerFecha),
      intervalo_horas: l.campo('intervalo_horas', leerEntero),
      intervalo_meses: l.campo('intervalo_meses', leerEntero),
      activo: l.campo('activo', leerBooleano),
    };
    l.obligatorio('tipo', v.tipo, `Tipo de equipo: indique ${TIPOS_EQUIPO.join(', ')}.`);
    l.obligatorio('marca', v.marca, 'Marca: indique la marca.');
    l.obligatorio(
      'numero_serie',
      v.numero_serie,
      'N° de serie: es lo que identifica al equipo al volver a importar; no puede quedar vacío.',
    );
    if (v.horometro != null) v.horometro = Math.round(v.horometro * 10) / 10;
    if (v.fecha_horometro && v.fecha_horometro > hoyEnSantiago())
      l.error('fecha_horometro', 'Fecha del horómetro: la lectura no puede tener fecha futura.');
    l.esquema(esquema, { ...v, rut_cliente: undefined });
    return { valor: v, errores: l.errores };
  },

  clave: (v) => v.numero_serie,
  mostrarClave: (s) => s,

  async resolver(db, filas) {
    await resolverClientes(db, filas);
    const existentes = await existentesPorClave<Record<string, unknown> & { id_cliente: number }>(
      db,
      'equipos',
      'numero_serie',
      filas.map((f) => f.valor.numero_serie).filter((s): s is string => s !== null),
      `id_equipo, numero_serie, id_cliente, ${DATOS.join(', ')}`,
    );
    const existente = (f: { valor: EquipoImportado }) =>
      f.valor.numero_serie ? existentes.get(f.valor.numero_serie) : undefined;
    await exigirMismoDueno(
      db,
      filas,
      existente,
      'numero_serie',
      (rut) => `Este N° de serie ya está registrado a nombre de otro cliente (RUT ${rut}).`,
    );
    await verificarHorometros(db, filas, lecturaDe);
    for (const f of filas) {
      const e = existente(f);
      f.estado = !e
        ? 'nueva'
        : difiere(f.valor as unknown as Record<string, unknown>, e, DATOS)
          ? 'actualizada'
          : 'sin_cambios';
    }
  },

  async escribir(trx, filas) {
    await upsertMasivo(trx, {
      tabla: 'equipos',
      clave: 'numero_serie',
      id: 'id_equipo',
      columnas,
      filas: filas.map((f) => f.valor),
      guarda: 't.id_cliente = excluded.id_cliente',
    });
    const lecturas = filas.map((f) => lecturaDe(f.valor)).filter((l) => l !== null);
    await registrarLecturas(trx, lecturas, 'importacion');
    // La cantidad de equipos activos es una métrica del cliente.
    return filas.filter((f) => f.estado !== 'sin_cambios').map((f) => f.valor.id_cliente!);
  },
};
