import {
  CANALES_PREFERIDOS,
  clienteEntrada,
  normalizarCliente,
  type CanalPreferido,
  type ClienteEntrada,
} from '../../shared/clientes.ts';
import { leerFecha, leerOpcion, SINONIMOS_CANAL_PREFERIDO, SINONIMOS_TIPO_PERSONA } from '../../shared/importacion.ts';
import { formatearRut, normalizarRut } from '../../shared/rut.ts';
import { upsertMasivo, type ColumnaMasiva } from './masivo.ts';
import { difiere, existentesPorClave } from './referencias.ts';
import { texto } from './comun.ts';
import { LectorFila, type Importador } from './tipos.ts';

export interface ClienteImportado {
  rut: string | null;
  nombre: string | null;
  tipo_persona: 'natural' | 'empresa' | null;
  direccion: string | null;
  comuna: string | null;
  region: string | null;
  codigo_comuna: string | null;
  telefono: string | null;
  email: string | null;
  fecha_nacimiento: string | null;
  fecha_aniversario: string | null;
  notas: string | null;
  canal_preferido: CanalPreferido | null;
  horario_contacto: string | null;
  notas_idioma: string | null;
  id_cliente?: number;
}

const DATOS = [
  'nombre',
  'tipo_persona',
  'direccion',
  'comuna',
  'region',
  'codigo_comuna',
  'telefono',
  'email',
  'fecha_nacimiento',
  'fecha_aniversario',
  'notas',
  'canal_preferido',
  'horario_contacto',
  'notas_idioma',
] as const;

// Los esquemas derivados se arman una vez: construirlos por fila cuesta más que validar.
const esquema = clienteEntrada.partial();

const columnas: ColumnaMasiva<ClienteImportado & { id_responsable: number }>[] = [
  { nombre: 'rut', tipo: 'text', valor: (v) => v.rut },
  ...DATOS.map((c) => ({
    nombre: c,
    tipo: c.startsWith('fecha') ? ('date' as const) : ('text' as const),
    valor: (v: ClienteImportado) => v[c],
  })),
  // Como en registrarCliente: quien lo registra queda de responsable; al reimportar no cambia.
  { nombre: 'id_responsable', tipo: 'int4', valor: (v) => v.id_responsable, soloAlta: true },
];

/** Clientes por RUT (DOMAIN.md "Identity"): mismas reglas que el formulario, vía normalizarCliente. */
export const importadorClientes: Importador<ClienteImportado> = {
  entidad: 'clientes',
  campoClave: 'rut',
  afectaActividad: false,

  leer(celdas) {
    const l = new LectorFila('clientes', celdas);
    const entrada: Partial<ClienteEntrada> = {};
    const TEXTOS = [
      'nombre',
      'rut',
      'direccion',
      'comuna',
      'region',
      'telefono',
      'email',
      'notas',
      'horario_contacto',
      'notas_idioma',
    ] as const;
    for (const campo of TEXTOS) {
      const v = l.campo(campo, texto);
      if (v != null) entrada[campo] = v;
    }
    const tipo = l.campo('tipo_persona', (c, e) =>
      leerOpcion(c, e, ['natural', 'empresa'] as const, SINONIMOS_TIPO_PERSONA),
    );
    if (tipo) entrada.tipo_persona = tipo;
    const canal = l.campo('canal_preferido', (c, e) => leerOpcion(c, e, CANALES_PREFERIDOS, SINONIMOS_CANAL_PREFERIDO));
    if (canal) entrada.canal_preferido = canal;
    for (const campo of ['fecha_nacimiento', 'fecha_aniversario'] as const) {
      const f = l.campo(campo, leerFecha);
      if (f) entrada[campo] = f;
    }
    l.obligatorio('nombre', entrada.nombre ?? null, 'Ingrese el nombre o la razón social.');
    l.obligatorio('rut', entrada.rut ?? null, 'Ingrese el RUT.');
    l.esquema(esquema, entrada);
    const r = normalizarCliente(entrada);
    if (!r.ok) for (const e of r.errores) if (!l.errores.some((x) => x.campo === e.campo)) l.error(e.campo, e.mensaje);
    const rut = entrada.rut ? normalizarRut(entrada.rut) : null;
    const n = r.ok ? r.valor : {};
    return {
      valor: {
        rut: rut?.ok ? rut.rut : null,
        nombre: n.nombre ?? null,
        tipo_persona: n.tipo_persona ?? null,
        direccion: n.direccion ?? null,
        comuna: n.comuna ?? null,
        region: n.region ?? null,
        codigo_comuna: n.codigo_comuna ?? null,
        telefono: n.telefono ?? null,
        email: n.email ?? null,
        fecha_nacimiento: n.fecha_nacimiento ?? null,
        fecha_aniversario: n.fecha_aniversario ?? null,
        notas: n.notas ?? null,
        canal_preferido: n.canal_preferido ?? null,
        horario_contacto: n.horario_contacto ?? null,
        notas_idioma: n.notas_idioma ?? null,
      },
      errores: l.errores,
    };
  },

  clave: (v) => v.rut,
  mostrarClave: formatearRut,

  async resolver(db, filas) {
    const existentes = await existentesPorClave<Record<string, unknown> & { id_cliente: number; anonimizado: boolean }>(
      db,
      'clientes',
      'rut',
      filas.map((f) => f.valor.rut).filter((r): r is string => r !== null),
      `id_cliente, rut, anonimizado, ${DATOS.join(', ')}`,
    );
    for (const f of filas) {
      const e = f.valor.rut ? existentes.get(f.valor.rut) : undefined;
      if (!e) f.estado = 'nueva';
      else if (e.anonimizado) {
        f.errores.push({
          campo: 'rut',
          mensaje: `El cliente con RUT ${formatearRut(f.valor.rut!)} fue anonimizado (Ley 21.719): sus datos no se pueden volver a cargar.`,
        });
      } else {
        f.valor.id_cliente = e.id_cliente;
        f.estado = difiere(f.valor as unknown as Record<string, unknown>, e, DATOS) ? 'actualizada' : 'sin_cambios';
      }
    }
  },

  async escribir(trx, filas, { id_usuario }) {
    const escritas = await upsertMasivo(trx, {
      tabla: 'clientes',
      clave: 'rut',
      id: 'id_cliente',
      columnas,
      filas: filas.map((f) => ({ ...f.valor, id_responsable: id_usuario })),
      guarda: 'NOT t.anonimizado',
      alActualizar: 'actualizado_en = now()',
    });
    // Cambiar datos de contacto no mueve métricas; los clientes nuevos necesitan su fila de métricas.
    return escritas.filter((e) => e.nuevo).map((e) => e.id);
  },
};
