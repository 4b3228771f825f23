/**
 * Reading the app's own OpenAPI document to drive every endpoint: the list of operations and a
 * minimal request that passes each one's schema (the role matrix test, the fuzz script).
 */

export type Esquema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  anyOf?: Esquema[];
  oneOf?: Esquema[];
  allOf?: Esquema[];
  properties?: Record<string, Esquema>;
  required?: string[];
  additionalProperties?: boolean | Esquema;
  items?: Esquema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  pattern?: string;
  format?: string;
};

export interface Parametro {
  nombre: string;
  en: 'path' | 'query' | 'header' | 'cookie';
  requerido: boolean;
  esquema: Esquema;
}

export interface Operacion {
  metodo: string;
  /** As in the document: `/api/clientes/{id}`. */
  ruta: string;
  /** `POST /api/clientes`: the key of the role matrix. */
  clave: string;
  parametros: Parametro[];
  /** The JSON body's schema, when the operation takes one. */
  cuerpo: Esquema | null;
}

interface Documento {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: Parametro['en']; required?: boolean; schema: Esquema }[];
        requestBody?: { content: Record<string, { schema: Esquema }> };
      }
    >
  >;
}

const METODOS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the document, in its order. */
export function operaciones(doc: Documento): Operacion[] {
  return Object.entries(doc.paths).flatMap(([ruta, metodos]) =>
    Object.entries(metodos)
      .filter(([m]) => METODOS.includes(m))
      .map(([m, op]) => ({
        metodo: m.toUpperCase(),
        ruta,
        clave: `${m.toUpperCase()} ${ruta}`,
        parametros: (op.parameters ?? []).map((p) => ({
          nombre: p.name,
          en: p.in,
          requerido: Boolean(p.required),
          esquema: p.schema,
        })),
        cuerpo: op.requestBody?.content['application/json']?.schema ?? null,
      })),
  );
}

// A valid value for each pattern the API uses; an unknown pattern fails loudly so it gets added.
const PATRONES: Record<string, string> = {
  '^\\d{4}-\\d{2}-\\d{2}$': '2026-03-16',
  '^[\\w-]+$': 'abc',
  '^([01]\\d|2[0-3]):[0-5]\\d$': '20:00',
  '^\\d{1,10}(,\\d{1,10}){0,999}$': '1,2',
};

/** A small value that satisfies the schema (required members only, first enum value). */
export function ejemplo(e: Esquema): unknown {
  if ('const' in e) return e.const;
  if (e.enum) return e.enum[0];
  if (e.default !== undefined) return e.default;
  const opciones = e.anyOf ?? e.oneOf;
  if (opciones) return ejemplo(opciones.find((o) => tipoDe(o) !== 'null') ?? opciones[0]!);
  if (e.allOf) return Object.assign({}, ...e.allOf.map((p) => ejemplo(p) as object));
  switch (tipoDe(e)) {
    case 'string':
      return textoDe(e);
    case 'integer':
    case 'number': {
      const minimo = e.minimum ?? (e.exclusiveMinimum !== undefined ? Math.floor(e.exclusiveMinimum) + 1 : 1);
      return Math.min(Math.max(minimo, 1), e.maximum ?? Number.MAX_SAFE_INTEGER);
    }
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return Array.from({ length: e.minItems ?? 0 }, () => ejemplo(e.items ?? {}));
    case 'object':
      return Object.fromEntries((e.required ?? []).map((k) => [k, ejemplo(e.properties?.[k] ?? {})]));
    default:
      return 'x';
  }
}

export function tipoDe(e: Esquema): string | undefined {
  if (Array.isArray(e.type)) return e.type.find((t) => t !== 'null') ?? 'null';
  if (e.type) return e.type;
  if (e.properties) return 'object';
  return undefined;
}

function textoDe(e: Esquema): string {
  if (e.format === 'email' || e.pattern?.includes('@')) return 'persona@ejemplo.cl';
  if (e.format === 'date-time' || e.pattern?.includes('T(?:')) return '2026-03-16T12:00:00Z';
  if (e.format === 'date') return '2026-03-16';
  if (e.pattern !== undefined) {
    const valor = PATRONES[e.pattern];
    if (valor === undefined) throw new Error(`Patrón sin ejemplo en test/openapi.ts: ${e.pattern}`);
    return valor;
  }
  const base = 'Texto de prueba';
  const largo = Math.min(Math.max(base.length, e.minLength ?? 0), e.maxLength ?? base.length);
  return base.padEnd(largo, 'x').slice(0, largo);
}

/** The URL of an operation with its path parameters and a query string. */
export function urlDe(
  op: Pick<Operacion, 'ruta'>,
  ruta: Record<string, unknown>,
  consulta: Record<string, unknown> = {},
): string {
  const camino = op.ruta.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(String(ruta[n] ?? '1')));
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(consulta)) if (v !== undefined) q.append(k, String(v));
  const texto = q.toString();
  return texto ? `${camino}?${texto}` : camino;
}

/** A request that passes the operation's schema: path, required query parameters and body. */
export function solicitudValida(op: Operacion): { url: string; payload?: unknown } {
  const valores = (en: Parametro['en'], todos: boolean) =>
    Object.fromEntries(
      op.parametros.filter((p) => p.en === en && (todos || p.requerido)).map((p) => [p.nombre, ejemplo(p.esquema)]),
    );
  return {
    url: urlDe(op, valores('path', true), valores('query', false)),
    ...(op.cuerpo ? { payload: ejemplo(op.cuerpo) } : {}),
  };
}
