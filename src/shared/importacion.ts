/**
 * Importación y exportación de planillas: qué campos tiene cada entidad, cómo se reconocen los
 * encabezados que escriben los talleres y cómo se leen las celdas (fechas de Excel, montos con
 * `$` y puntos, sí/no). Sin E/S: lo usan el servidor y la pantalla de mapeo de columnas.
 */
import { z } from 'zod';
import { ESTADOS_COTIZACION, ESTADOS_ORDEN, ESTADOS_PEDIDO, TIPOS_ORDEN } from './servicios.ts';
import { CANALES_PREFERIDOS, TIPOS_EQUIPO } from './clientes.ts';
import { TIPOS_INTERACCION } from './interacciones.ts';
import { plegar } from './texto.ts';

export const ENTIDADES_IMPORTACION = ['clientes', 'equipos', 'ordenes', 'pedidos', 'cotizaciones'] as const;
export type EntidadImportacion = (typeof ENTIDADES_IMPORTACION)[number];

export const ENTIDADES_EXPORTACION = [...ENTIDADES_IMPORTACION, 'interacciones'] as const;
export type EntidadExportacion = (typeof ENTIDADES_EXPORTACION)[number];

/** Una celda tal como sale del archivo: texto (CSV) o el valor tipado de una celda XLSX. */
export type Celda = string | number | boolean | Date | null;

export interface DefCampo {
  campo: string;
  etiqueta: string;
  obligatorio?: boolean;
  /** Encabezados que lo reconocen, ya en la forma de `normalizarEncabezado`. */
  sinonimos: readonly string[];
}

/** Un campo importable; los sinónimos van separados por `|`, ya normalizados. */
const def = (campo: string, etiqueta: string, sinonimos: string, obligatorio = false): DefCampo => ({
  campo,
  etiqueta,
  sinonimos: sinonimos.split('|'),
  ...(obligatorio ? { obligatorio } : {}),
});

const RUT_CLIENTE = def(
  'rut_cliente',
  'RUT del cliente',
  'rut cliente|rut|cliente rut|rut propietario|rut dueno|run cliente',
  true,
);
const SERIE_EQUIPO = def(
  'numero_serie',
  'N° de serie del equipo',
  'n serie|numero serie|serie|nro serie|num serie|serie equipo|n serie equipo|vin',
);
const MONTO = def('monto_total', 'Monto', 'monto|monto total|total|valor|precio|neto|monto clp');
const ESTADO = def('estado', 'Estado', 'estado|situacion');
const DESCRIPCION = def('descripcion', 'Descripción', 'descripcion|detalle|glosa|observaciones|trabajo');

/** Los campos que se pueden importar de cada entidad, en el orden en que se muestran. */
// prettier-ignore
export const CAMPOS_IMPORTACION: Record<EntidadImportacion, readonly DefCampo[]> = {
  clientes: [
    def('nombre', 'Nombre o razón social', 'nombre|razon social|cliente|nombre cliente|nombre o razon social|nombre completo|nombre razon social', true),
    def('rut', 'RUT', 'rut|rut cliente|rut empresa|run|rut run', true),
    def('tipo_persona', 'Tipo de persona', 'tipo persona|tipo cliente|persona'),
    def('direccion', 'Dirección', 'direccion|domicilio|calle'),
    def('comuna', 'Comuna', 'comuna|ciudad|localidad'),
    def('region', 'Región', 'region'),
    def('telefono', 'Teléfono', 'telefono|fono|celular|movil|telefono movil|whatsapp|tel|telefono contacto'),
    def('email', 'Correo', 'email|e mail|correo|correo electronico|mail'),
    def('fecha_nacimiento', 'Fecha de nacimiento', 'fecha nacimiento|nacimiento|cumpleanos'),
    def('fecha_aniversario', 'Aniversario', 'aniversario|fecha aniversario|fecha constitucion'),
    def('notas', 'Notas', 'notas|observaciones|comentarios|nota'),
    def('canal_preferido', 'Canal preferido', 'canal preferido|canal|medio preferido|contactar por|canal contacto'),
    def('horario_contacto', 'Horario de contacto', 'horario contacto|horario|hora contacto|horario llamada'),
    def('notas_idioma', 'Idioma y trato', 'idioma y trato|idioma|notas idioma|trato'),
  ],
  equipos: [
    RUT_CLIENTE,
    def('tipo', 'Tipo de equipo', 'tipo|tipo equipo|equipo|maquina|tipo maquina', true),
    def('marca', 'Marca', 'marca', true),
    def('modelo', 'Modelo', 'modelo'),
    def('anio', 'Año', 'ano|anio|ano fabricacion|ano modelo'),
    { ...SERIE_EQUIPO, etiqueta: 'N° de serie', obligatorio: true },
    def('horometro', 'Horómetro', 'horometro|horas|horas uso|horometro actual'),
    def('fecha_horometro', 'Fecha del horómetro', 'fecha horometro|fecha lectura|fecha|fecha horas'),
    def('intervalo_horas', 'Intervalo de mantención (horas)', 'intervalo horas|intervalo mantencion horas|mantencion cada horas'),
    def('intervalo_meses', 'Intervalo de mantención (meses)', 'intervalo meses|intervalo mantencion meses|mantencion cada meses'),
    def('activo', 'Activo', 'activo|vigente|en uso'),
  ],
  ordenes: [
    def('numero', 'N° de orden', 'numero|n|nro|numero orden|n orden|nro orden|ot|n ot|orden|orden trabajo|n orden trabajo|folio', true),
    RUT_CLIENTE,
    SERIE_EQUIPO,
    def('tipo', 'Tipo de orden', 'tipo|tipo orden|tipo servicio|tipo mantencion', true),
    ESTADO,
    def('fecha_ingreso', 'Fecha de ingreso', 'fecha ingreso|fecha|ingreso|fecha apertura', true),
    def('fecha_cierre', 'Fecha de cierre', 'fecha cierre|cierre|fecha termino'),
    def('horometro', 'Horómetro', 'horometro|horas'),
    MONTO,
    DESCRIPCION,
  ],
  pedidos: [
    def('numero', 'N° de pedido', 'numero|n|nro|numero pedido|n pedido|nro pedido|pedido|folio', true),
    RUT_CLIENTE,
    SERIE_EQUIPO,
    def('fecha', 'Fecha', 'fecha|fecha pedido', true),
    ESTADO,
    def('fecha_entrega', 'Fecha de entrega', 'fecha entrega|entrega'),
    MONTO,
  ],
  cotizaciones: [
    def('numero', 'N° de cotización', 'numero|n|nro|numero cotizacion|n cotizacion|nro cotizacion|cotizacion|folio', true),
    RUT_CLIENTE,
    def('fecha', 'Fecha', 'fecha|fecha emision', true),
    def('fecha_vencimiento', 'Vencimiento', 'vencimiento|fecha vencimiento|valida hasta'),
    ESTADO,
    def('fecha_resolucion', 'Fecha de resolución', 'fecha resolucion|resolucion|fecha respuesta'),
    MONTO,
    DESCRIPCION,
    def('numero_orden', 'N° de orden', 'n orden|numero orden|orden|ot|n ot|nro orden'),
    def('numero_pedido', 'N° de pedido', 'n pedido|numero pedido|pedido|nro pedido'),
  ],
};

/** Encabezado sin mayúsculas, tildes, signos (`N°`, `.`, `_`) ni palabras vacías: `N° de Serie` → `n serie`. */
export function normalizarEncabezado(texto: string): string {
  return plegar(texto.replace(/^\uFEFF/, ''))
    .replace(/[°º#.,:;_\-/()[\]*"'¿?]/g, ' ')
    .split(/\s+/)
    .filter((p) => p && !['de', 'del', 'la', 'el', 'los', 'las'].includes(p))
    .join(' ');
}

export interface ColumnaMapeada {
  columna: string;
  campo: string | null;
}

/** `?mapeo=` de la importación: `{columnaDelArchivo: campo}`; `null` o `""` ignora la columna. */
export const mapeoImportacion = z
  .record(z.string().max(200), z.string().max(60).nullable())
  .refine((m) => Object.keys(m).length <= 200, 'Demasiadas columnas.');
export type MapeoImportacion = z.infer<typeof mapeoImportacion>;

/**
 * Asigna cada columna del archivo a un campo: primero el `mapeo` del usuario (por texto exacto o
 * normalizado), después los sinónimos. Un campo lo toma la primera columna que lo reclama; las
 * demás y las desconocidas quedan con campo null (se ignoran y se informan).
 */
export function mapearColumnas(
  entidad: EntidadImportacion,
  encabezados: readonly string[],
  mapeo: MapeoImportacion = {},
): ColumnaMapeada[] {
  const defs = CAMPOS_IMPORTACION[entidad];
  const porSinonimo = new Map<string, string>();
  for (const d of defs) for (const s of d.sinonimos) if (!porSinonimo.has(s)) porSinonimo.set(s, d.campo);
  const explicito = new Map<string, string | null>();
  for (const [columna, campo] of Object.entries(mapeo)) explicito.set(normalizarEncabezado(columna), campo || null);
  const tomados = new Set<string>();
  const propuestos = encabezados.map((columna) => {
    const clave = normalizarEncabezado(columna);
    if (Object.hasOwn(mapeo, columna)) return { columna, campo: mapeo[columna] || null, explicito: true };
    if (explicito.has(clave)) return { columna, campo: explicito.get(clave) ?? null, explicito: true };
    return { columna, campo: clave ? (porSinonimo.get(clave) ?? null) : null, explicito: false };
  });
  // Lo que el usuario eligió gana a lo adivinado, aunque la columna adivinada venga antes.
  for (const p of propuestos) if (p.explicito && p.campo) tomados.add(p.campo);
  const elegidos = new Set<string>();
  return propuestos.map(({ columna, campo, explicito: esExplicito }) => {
    if (!campo || elegidos.has(campo) || (!esExplicito && tomados.has(campo))) return { columna, campo: null };
    elegidos.add(campo);
    return { columna, campo };
  });
}

/** Campos del mapeo que no existen en la entidad (para un 400 que los nombre). */
export function camposDesconocidos(entidad: EntidadImportacion, mapeo: MapeoImportacion): string[] {
  const validos = new Set(CAMPOS_IMPORTACION[entidad].map((d) => d.campo));
  return Object.values(mapeo).filter((c): c is string => !!c && !validos.has(c));
}

// Lectura de celdas ------------------------------------------------------------------------------

export type Lectura<T> = { ok: true; valor: T } | { ok: false; mensaje: string };

const vacia = (c: Celda): boolean => c == null || (typeof c === 'string' && c.trim() === '');

/** Texto de la celda sin espacios sobrantes; `null` si está vacía. */
export function leerTexto(c: Celda): string | null {
  if (vacia(c)) return null;
  if (c instanceof Date) return fechaDeCeldaDate(c);
  if (typeof c === 'number') return String(c);
  if (typeof c === 'boolean') return c ? 'sí' : 'no';
  // Un apóstrofo inicial es la marca de «texto» de Excel (y la que pone nuestra exportación a CSV).
  return String(c)
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+/g, ' ')
    .trim()
    .replace(/^'(?=[=+\-@])/, '');
}

const dos = (n: number) => String(n).padStart(2, '0');

/** Una celda fecha de XLSX: exceljs la entrega como instante UTC que representa la fecha escrita. */
function fechaDeCeldaDate(d: Date): string {
  return `${d.getUTCFullYear()}-${dos(d.getUTCMonth() + 1)}-${dos(d.getUTCDate())}`;
}

/** Serie de fecha de Excel (días desde 1899-12-30, con el 29-02-1900 inexistente ya contado) → `aaaa-mm-dd`. */
export function fechaDeSerieExcel(serie: number): string {
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serie) * 86_400_000;
  return fechaDeCeldaDate(new Date(ms));
}

function fechaExiste(a: number, m: number, d: number): boolean {
  const f = new Date(Date.UTC(a, m - 1, d));
  return f.getUTCFullYear() === a && f.getUTCMonth() === m - 1 && f.getUTCDate() === d;
}

/**
 * Fecha calendario `aaaa-mm-dd` desde `dd-mm-aaaa`, `dd/mm/aaaa`, `dd.mm.aaaa`, `aaaa-mm-dd`
 * (con o sin hora detrás), una serie de Excel (45321) o una celda fecha de XLSX.
 */
export function leerFecha(c: Celda, etiqueta: string): Lectura<string | null> {
  if (c === null || vacia(c)) return { ok: true, valor: null };
  const malo = { ok: false as const, mensaje: `${etiqueta}: «${leerTexto(c)}» no es una fecha; use dd-mm-aaaa.` };
  let iso: [number, number, number] | null = null;
  if (c instanceof Date) {
    if (Number.isNaN(c.getTime())) return malo;
    return { ok: true, valor: fechaDeCeldaDate(c) };
  }
  if (typeof c === 'number') {
    if (c < 1 || c > 2_958_465) return malo;
    return { ok: true, valor: fechaDeSerieExcel(c) };
  }
  if (typeof c === 'boolean') return malo;
  const t = c.trim();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T].*)?$/.exec(t)))
    iso = [Number(m[3]), Number(m[2]), Number(m[1])];
  else if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$/.exec(t)))
    iso = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Una serie de Excel escrita como texto (CSV exportado sin formato): 5 dígitos, desde 1927.
  else if (/^\d{5}(?:[.,]\d+)?$/.test(t)) return { ok: true, valor: fechaDeSerieExcel(Number(t.replace(',', '.'))) };
  if (!iso) return malo;
  const [a, mes, d] = iso;
  if (!fechaExiste(a, mes, d))
    return { ok: false, mensaje: `${etiqueta}: la fecha ${dos(d)}-${dos(mes)}-${a} no existe.` };
  if (a < 1900 || a > 2100) return { ok: false, mensaje: `${etiqueta}: el año ${a} está fuera de rango.` };
  return { ok: true, valor: `${a}-${dos(mes)}-${dos(d)}` };
}

/**
 * Número escrito a la chilena (`1.234.567`, `1.234,5`), a la inglesa (`1,234,567`, `1234.5`), con
 * `$`, `CLP` o espacios. Los puntos con grupos de tres dígitos son separadores de miles.
 */
export function leerNumero(c: Celda, etiqueta: string): Lectura<number | null> {
  if (c === null || vacia(c)) return { ok: true, valor: null };
  if (typeof c === 'number')
    return Number.isFinite(c) ? { ok: true, valor: c } : { ok: false, mensaje: `${etiqueta}: no es un número.` };
  if (typeof c !== 'string') return { ok: false, mensaje: `${etiqueta}: «${leerTexto(c)}» no es un número.` };
  const t = c.replace(/clp|\$|\s|\u00a0/gi, '');
  let normal: string | null = null;
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) normal = t.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) normal = t.replace(/,/g, '');
  else if (/^-?\d+(,\d+)?$/.test(t)) normal = t.replace(',', '.');
  else if (/^-?\d*\.\d+$|^-?\d+$/.test(t)) normal = t;
  if (normal === null) return { ok: false, mensaje: `${etiqueta}: «${c.trim()}» no es un número.` };
  return { ok: true, valor: Number(normal) };
}

/** Monto en pesos: entero, no negativo (`$1.234.567` → 1234567). */
export function leerMonto(c: Celda, etiqueta: string): Lectura<number | null> {
  const n = leerNumero(c, etiqueta);
  if (!n.ok || n.valor === null) return n;
  if (!Number.isInteger(n.valor)) return { ok: false, mensaje: `${etiqueta}: el monto va en pesos, sin decimales.` };
  if (n.valor < 0) return { ok: false, mensaje: `${etiqueta}: el monto no puede ser negativo.` };
  return n;
}

/** Número entero (años, intervalos). */
export function leerEntero(c: Celda, etiqueta: string): Lectura<number | null> {
  const n = leerNumero(c, etiqueta);
  if (!n.ok || n.valor === null) return n;
  if (!Number.isInteger(n.valor)) return { ok: false, mensaje: `${etiqueta}: debe ser un número entero.` };
  return n;
}

const SI = new Set(['si', 's', 'yes', 'y', 'true', 'verdadero', '1', 'x', 'activo', 'vigente']);
const NO = new Set(['no', 'n', 'false', 'falso', '0', 'inactivo']);

/** Sí/no, en cualquiera de sus formas habituales. */
export function leerBooleano(c: Celda, etiqueta: string): Lectura<boolean | null> {
  if (vacia(c)) return { ok: true, valor: null };
  if (typeof c === 'boolean') return { ok: true, valor: c };
  const t = plegar(String(c));
  if (SI.has(t)) return { ok: true, valor: true };
  if (NO.has(t)) return { ok: true, valor: false };
  return { ok: false, mensaje: `${etiqueta}: «${String(c).trim()}» no es sí ni no.` };
}

/** Un valor de una lista cerrada, sin importar mayúsculas, tildes ni espacios (`En proceso` → `en_proceso`). */
export function leerOpcion<T extends string>(
  c: Celda,
  etiqueta: string,
  opciones: readonly T[],
  sinonimos: Record<string, T> = {},
): Lectura<T | null> {
  if (vacia(c)) return { ok: true, valor: null };
  const t = plegar(String(c)).replace(/[\s-]+/g, '_');
  const encontrada = opciones.find((o) => o === t) ?? sinonimos[t];
  if (encontrada) return { ok: true, valor: encontrada };
  return {
    ok: false,
    mensaje: `${etiqueta}: «${String(c).trim()}» no es válido; use ${opciones.map((o) => o.replace(/_/g, ' ')).join(', ')}.`,
  };
}

export const SINONIMOS_TIPO_EQUIPO: Record<string, (typeof TIPOS_EQUIPO)[number]> = {
  tractores: 'tractor',
  cosechadoras: 'cosechadora',
  automotriz: 'cosechadora',
  sembradoras: 'sembradora',
  pulverizadora: 'pulverizador',
  pulverizadores: 'pulverizador',
  fumigadora: 'pulverizador',
  enfardadoras: 'enfardadora',
  empacadora: 'enfardadora',
  otros: 'otro',
};
export const SINONIMOS_TIPO_PERSONA: Record<string, 'natural' | 'empresa'> = {
  persona_natural: 'natural',
  persona: 'natural',
  juridica: 'empresa',
  persona_juridica: 'empresa',
  sociedad: 'empresa',
};
export const SINONIMOS_CANAL_PREFERIDO: Record<string, (typeof CANALES_PREFERIDOS)[number]> = {
  telefono: 'llamada',
  fono: 'llamada',
  llamar: 'llamada',
  llamado: 'llamada',
  wsp: 'whatsapp',
  wasap: 'whatsapp',
  whats_app: 'whatsapp',
  correo: 'email',
  mail: 'email',
  e_mail: 'email',
  presencial: 'visita',
  terreno: 'visita',
};
export const SINONIMOS_TIPO_ORDEN: Record<string, (typeof TIPOS_ORDEN)[number]> = {
  mantencion: 'preventiva',
  mantenimiento: 'preventiva',
  reparacion: 'correctiva',
};
export const SINONIMOS_ESTADO_ORDEN: Record<string, (typeof ESTADOS_ORDEN)[number]> = {
  proceso: 'en_proceso',
  en_curso: 'en_proceso',
  terminado: 'terminada',
  cerrada: 'terminada',
  entregado: 'entregada',
  anulada: 'cancelada',
  cancelado: 'cancelada',
};
export const SINONIMOS_ESTADO_PEDIDO: Record<string, (typeof ESTADOS_PEDIDO)[number]> = {
  entregada: 'entregado',
  confirmada: 'confirmado',
  anulado: 'cancelado',
  cancelada: 'cancelado',
};
export const SINONIMOS_ESTADO_COTIZACION: Record<string, (typeof ESTADOS_COTIZACION)[number]> = {
  aceptado: 'aceptada',
  aprobada: 'aceptada',
  rechazado: 'rechazada',
  vencido: 'vencida',
  expirada: 'vencida',
};

// Parámetros de las rutas (la web arma las URL con ellos) ---------------------------------------

export const formatoArchivo = z.enum(['csv', 'xlsx']);

export const consultaImportacion = z.strictObject({
  entidad: z.enum(ENTIDADES_IMPORTACION),
  mapeo: z.string().max(20_000).optional(),
  formato: formatoArchivo.optional(),
  archivo: z.string().max(255).optional(),
});

/** Interacciones de todos los clientes (la lista por cliente no tiene rango de fechas). */
export const filtrosExportarInteracciones = z.strictObject({
  id_cliente: z.coerce.number().int().positive().optional(),
  tipo: z.enum(TIPOS_INTERACCION).optional(),
  desde: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use una fecha aaaa-mm-dd.')
    .optional(),
  hasta: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use una fecha aaaa-mm-dd.')
    .optional(),
});
