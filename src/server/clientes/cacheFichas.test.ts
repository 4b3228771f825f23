import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { crearAppDePrueba, cuerpo, type AppDePrueba } from '../../../test/app.ts';
import { crearCliente, crearEquipo, rutValido } from '../../../test/fabricas.ts';
import { hoyEnSantiago } from '../../shared/formato.ts';
import { construirApp } from '../app.ts';
import { leerConfig } from '../config.ts';
import type { Conexion } from '../db/tipos.ts';
import { crearCacheFichas, fichaGuardada } from './cacheFichas.ts';

let t: AppDePrueba;
let cookie: string;
beforeAll(async () => {
  t = await crearAppDePrueba();
  cookie = await t.sesion('comercial');
});
afterAll(() => t.cerrar());

const cache = () => t.app.rancho.fichas;

async function ficha(id: number): Promise<any> {
  const r = await t.app.inject({ url: `/api/clientes/${id}/ficha`, headers: { cookie } });
  expect(r.statusCode).toBe(200);
  return cuerpo(r);
}

/** Reads the ficha until one read comes from memory: it is kept from then on. */
async function guardada(id: number): Promise<any> {
  let f: any;
  await vi.waitFor(
    async () => {
      const antes = cache().aciertos;
      f = await ficha(id);
      expect(cache().aciertos).toBe(antes + 1);
    },
    { timeout: 5_000, interval: 10 },
  );
  return f;
}

/** What a ficha shows after a change made behind the app's back, once the notification arrives. */
async function despuesDe(id: number, ver: (f: any) => unknown, esperado: unknown): Promise<void> {
  await vi.waitFor(async () => expect(ver(await ficha(id))).toEqual(esperado), { timeout: 5_000, interval: 20 });
}

interface Caso {
  tabla: string;
  ver: (f: any) => unknown;
  /** Prepares the cliente (before its ficha is kept); returns what the change needs. */
  antes?: (db: Conexion, id: number) => Promise<number | void>;
  /** The change, in SQL, as a job, an import or a person at psql would make it. */
  cambio: (db: Conexion, id: number, dato: number | void) => Promise<unknown>;
  esperado: unknown;
}

const hoy = hoyEnSantiago();
const CASOS: Caso[] = [
  {
    tabla: 'clientes',
    ver: (f) => f.cliente.telefono,
    cambio: (db, id) =>
      db.updateTable('clientes').set({ telefono: '+56912345678' }).where('id_cliente', '=', id).execute(),
    esperado: '+56912345678',
  },
  {
    tabla: 'clientes_etiquetas',
    ver: (f) => f.cliente.etiquetas.map((e: any) => e.nombre),
    cambio: async (db, id) => {
      const { id_etiqueta } = await db
        .insertInto('etiquetas')
        .values({ nombre: `Arrocero ${id}`, color: 'green' })
        .returning('id_etiqueta')
        .executeTakeFirstOrThrow();
      await db.insertInto('clientes_etiquetas').values({ id_cliente: id, id_etiqueta }).execute();
    },
    esperado: [expect.stringMatching(/^Arrocero/)],
  },
  {
    tabla: 'etiquetas (de todas las fichas)',
    ver: (f) => f.cliente.etiquetas.map((e: any) => e.color),
    antes: async (db, id) => {
      const { id_etiqueta } = await db
        .insertInto('etiquetas')
        .values({ nombre: `Lechero ${id}`, color: 'blue' })
        .returning('id_etiqueta')
        .executeTakeFirstOrThrow();
      await db.insertInto('clientes_etiquetas').values({ id_cliente: id, id_etiqueta }).execute();
      return id_etiqueta;
    },
    cambio: (db, _id, etiqueta) =>
      db
        .updateTable('etiquetas')
        .set({ color: 'red' })
        .where('id_etiqueta', '=', etiqueta as number)
        .execute(),
    esperado: ['red'],
  },
  {
    tabla: 'consentimientos',
    ver: (f) => f.calidad.faltan.includes('consentimiento'),
    cambio: (db, id) =>
      db
        .insertInto('consentimientos')
        .values({ id_cliente: id, canal: 'whatsapp', otorgado: true, fuente: 'psql' })
        .execute(),
    esperado: false,
  },
  {
    tabla: 'equipos',
    ver: (f) => f.equipos.map((e: any) => e.modelo),
    antes: (db, id) => crearEquipo(db, id, { modelo: '5075E' }),
    cambio: (db, _id, equipo) =>
      db
        .updateTable('equipos')
        .set({ modelo: '6110M' })
        .where('id_equipo', '=', equipo as number)
        .execute(),
    esperado: ['6110M'],
  },
  {
    tabla: 'equipos (el nombre al lado de una orden de otro cliente)',
    ver: (f) => f.ordenes.map((o: any) => o.equipo),
    antes: async (db, id) => {
      const dueno = await crearCliente(db);
      const equipo = await crearEquipo(db, dueno, { marca: 'Kubota', modelo: 'M7060' });
      await db
        .insertInto('ordenes_trabajo')
        .values({ id_cliente: id, id_equipo: equipo, tipo: 'correctiva', estado: 'abierta', fecha_ingreso: hoy })
        .execute();
      return equipo;
    },
    cambio: (db, _id, equipo) =>
      db
        .updateTable('equipos')
        .set({ modelo: 'M7-172' })
        .where('id_equipo', '=', equipo as number)
        .execute(),
    esperado: ['tractor Kubota M7-172'],
  },
  {
    tabla: 'lecturas_horometro',
    ver: (f) => f.equipos[0].lecturas_recientes.map((l: any) => l.horas),
    antes: (db, id) => crearEquipo(db, id),
    cambio: (db, _id, equipo) =>
      db
        .insertInto('lecturas_horometro')
        .values({ id_equipo: equipo as number, fecha: hoy, horas: 1250 })
        .execute(),
    esperado: [1250],
  },
  {
    tabla: 'interacciones_cliente',
    ver: (f) => f.interacciones.map((i: any) => i.motivo),
    cambio: (db, id) =>
      db
        .insertInto('interacciones_cliente')
        .values({ id_cliente: id, fecha: new Date(), tipo: 'llamada', motivo: 'Repuestos' })
        .execute(),
    esperado: ['Repuestos'],
  },
  {
    tabla: 'ordenes_trabajo',
    ver: (f) => f.ordenes.map((o: any) => o.numero),
    cambio: (db, id) =>
      db
        .insertInto('ordenes_trabajo')
        .values({ id_cliente: id, numero: 'OT-77', tipo: 'preventiva', estado: 'abierta', fecha_ingreso: hoy })
        .execute(),
    esperado: ['OT-77'],
  },
  {
    tabla: 'pedidos_repuestos',
    ver: (f) => f.pedidos.map((p: any) => p.numero),
    cambio: (db, id) =>
      db
        .insertInto('pedidos_repuestos')
        .values({ id_cliente: id, numero: 'P-12', fecha: hoy, estado: 'pendiente' })
        .execute(),
    esperado: ['P-12'],
  },
  {
    tabla: 'cotizaciones',
    ver: (f) => f.cotizaciones_abiertas.map((q: any) => q.numero),
    cambio: (db, id) =>
      db
        .insertInto('cotizaciones')
        .values({ id_cliente: id, numero: 'C-31', fecha: hoy, estado: 'pendiente', monto_total: 100_000 })
        .execute(),
    esperado: ['C-31'],
  },
  {
    tabla: 'encuestas_satisfaccion',
    ver: (f) => f.satisfaccion.respondidas,
    cambio: (db, id) =>
      db
        .insertInto('encuestas_satisfaccion')
        .values({ id_cliente: id, fecha: hoy, estado: 'respondida', puntuacion_general: 9 })
        .execute(),
    esperado: 1,
  },
  {
    tabla: 'metricas_clientes',
    ver: (f) => f.valor.valor_historico,
    cambio: (db, id) =>
      db.updateTable('metricas_clientes').set({ valor_cliente: 7_500_000 }).where('id_cliente', '=', id).execute(),
    esperado: 7_500_000,
  },
  {
    tabla: 'usuarios (el nombre del responsable)',
    ver: (f) => f.cliente.responsable,
    antes: async (db, id) => {
      const { id_usuario } = await db
        .insertInto('usuarios')
        .values({ email: `resp${id}@taller.cl`, nombre: 'Rosa', rol: 'comercial', password_hash: 'x' })
        .returning('id_usuario')
        .executeTakeFirstOrThrow();
      await db.updateTable('clientes').set({ id_responsable: id_usuario }).where('id_cliente', '=', id).execute();
      return id_usuario;
    },
    cambio: (db, _id, usuario) =>
      db
        .updateTable('usuarios')
        .set({ nombre: 'Rosa Muñoz' })
        .where('id_usuario', '=', usuario as number)
        .execute(),
    esperado: 'Rosa Muñoz',
  },
  {
    tabla: 'planes_mantencion',
    ver: (f) => f.equipos.map((e: any) => e.intervalo_horas),
    antes: (db, id) => crearEquipo(db, id, { tipo: 'enfardadora', marca: 'Landini' }),
    cambio: (db) =>
      db
        .insertInto('planes_mantencion')
        .values({ tipo: 'enfardadora', marca: 'Landini', intervalo_horas: 150 })
        .execute(),
    esperado: [150],
  },
  {
    tabla: 'ajustes (el valor del cliente promedio)',
    ver: (f) => f.valor.valor_promedio_clientes,
    cambio: (db) =>
      sql`INSERT INTO ajustes (clave, valor) VALUES ('valor_cliente_promedio', '4321000')
          ON CONFLICT (clave) DO UPDATE SET valor = excluded.valor`.execute(db),
    esperado: 4_321_000,
  },
];

describe('fichas guardadas en memoria', () => {
  it('una ficha ya armada se sirve de memoria, sin volver a la base, hasta que se vacía', async () => {
    const id = await crearCliente(t.db.db, { nombre: 'Agrícola Memoria' });
    expect(cache().escuchando).toBe(true);
    await guardada(id);
    // Changed with the notification off: the instance still serves what it built.
    await t.db.db.transaction().execute(async (tx) => {
      await sql`ALTER TABLE clientes DISABLE TRIGGER clientes_ficha_cambio`.execute(tx);
      await tx.updateTable('clientes').set({ nombre: 'Agrícola Cambiada' }).where('id_cliente', '=', id).execute();
      await sql`ALTER TABLE clientes ENABLE TRIGGER clientes_ficha_cambio`.execute(tx);
    });
    expect((await ficha(id)).cliente.nombre).toBe('Agrícola Memoria');
    cache().vaciar();
    expect((await ficha(id)).cliente.nombre).toBe('Agrícola Cambiada');
  });

  it.each(CASOS)('un cambio en $tabla hecho en SQL llega a la ficha por el aviso de la base', async (caso) => {
    const id = await crearCliente(t.db.db);
    const dato = await caso.antes?.(t.db.db, id);
    const antes = caso.ver(await guardada(id));
    expect(antes).not.toEqual(caso.esperado);
    await caso.cambio(t.db.db, id, dato);
    await despuesDe(id, caso.ver, caso.esperado);
  });

  it('un cambio de muchos clientes a la vez hace olvidar todas las fichas', async () => {
    const otros = await t.db.db
      .insertInto('clientes')
      .values(Array.from({ length: 250 }, (_, i) => ({ nombre: `Masivo ${i}`, rut: rutValido() })))
      .returning('id_cliente')
      .execute();
    const id = await crearCliente(t.db.db);
    await guardada(id);
    const fallos = cache().fallos;
    // 250 other clientes in one statement: the notification says '*' instead of listing them.
    await t.db.db
      .updateTable('clientes')
      .set({ notas: 'Campaña de invierno' })
      .where(
        'id_cliente',
        'in',
        otros.map((o) => o.id_cliente),
      )
      .execute();
    await vi.waitFor(
      async () => {
        await ficha(id);
        expect(cache().fallos).toBeGreaterThan(fallos);
      },
      { timeout: 5_000, interval: 20 },
    );
  });

  it('lo que se escribe por la app se ve al instante en la ficha de la misma instancia', async () => {
    const id = await crearCliente(t.db.db);
    await guardada(id);
    // Without the database's notifications only the instance's own bookkeeping can forget it.
    const avisos = ['interacciones_cliente_ficha_alta', 'clientes_ficha_cambio', 'metricas_clientes_ficha_cambio'];
    const tablas: Record<string, string> = {
      interacciones_cliente_ficha_alta: 'interacciones_cliente',
      clientes_ficha_cambio: 'clientes',
      metricas_clientes_ficha_cambio: 'metricas_clientes',
    };
    for (const a of avisos)
      await sql`ALTER TABLE ${sql.table(tablas[a]!)} DISABLE TRIGGER ${sql.id(a)}`.execute(t.db.db);
    try {
      const r = await t.app.inject({
        method: 'POST',
        url: `/api/clientes/${id}/interacciones`,
        headers: { cookie },
        payload: { tipo: 'whatsapp', motivo: 'Confirmar retiro del tractor' },
      });
      expect(r.statusCode).toBe(201);
      expect((await ficha(id)).interacciones.map((i: any) => i.motivo)).toEqual(['Confirmar retiro del tractor']);
    } finally {
      for (const a of avisos)
        await sql`ALTER TABLE ${sql.table(tablas[a]!)} ENABLE TRIGGER ${sql.id(a)}`.execute(t.db.db);
    }
  });

  it('lo que se escribe en una instancia llega a la ficha guardada en otra sobre la misma base', async () => {
    const otra = await construirApp({ db: t.db, config: { ...leerConfig({}), databaseUrl: null } });
    try {
      const id = await crearCliente(t.db.db);
      const leer = async () => {
        const r = await otra.inject({ url: `/api/clientes/${id}/ficha`, headers: { cookie } });
        expect(r.statusCode).toBe(200);
        return cuerpo(r).interacciones.map((i: any) => i.motivo);
      };
      await vi.waitFor(
        async () => {
          const antes = otra.rancho.fichas.aciertos;
          expect(await leer()).toEqual([]);
          expect(otra.rancho.fichas.aciertos).toBe(antes + 1);
        },
        { timeout: 5_000, interval: 10 },
      );
      const r = await t.app.inject({
        method: 'POST',
        url: `/api/clientes/${id}/interacciones`,
        headers: { cookie },
        payload: { tipo: 'visita', motivo: 'Revisar la sembradora' },
      });
      expect(r.statusCode).toBe(201);
      await vi.waitFor(async () => expect(await leer()).toEqual(['Revisar la sembradora']), {
        timeout: 5_000,
        interval: 20,
      });
    } finally {
      await otra.close();
    }
  });

  it('una ficha se arma de nuevo al cambiar el día, y un cliente que no existe no se guarda', async () => {
    const fichas = await crearCacheFichas(t.db, { maximo: 2 });
    try {
      let armadas = 0;
      const armar = async () => ({ armada: ++armadas });
      expect(await fichaGuardada(fichas, 1, '2026-11-24', armar)).toBe('{"armada":1}');
      expect(await fichaGuardada(fichas, 1, '2026-11-24', armar)).toBe('{"armada":1}');
      expect(await fichaGuardada(fichas, 1, '2026-11-25', armar)).toBe('{"armada":2}');
      // Full at two: the oldest goes first.
      await fichaGuardada(fichas, 2, '2026-11-25', armar);
      await fichaGuardada(fichas, 3, '2026-11-25', armar);
      expect(await fichaGuardada(fichas, 3, '2026-11-25', armar)).toBe('{"armada":4}');
      expect(await fichaGuardada(fichas, 1, '2026-11-25', armar)).toBe('{"armada":5}');
      const falla = () => Promise.reject(new Error('El cliente 9 no existe'));
      await expect(fichaGuardada(fichas, 9, '2026-11-25', falla)).rejects.toThrow('no existe');
      expect(await fichaGuardada(fichas, 9, '2026-11-25', armar)).toBe('{"armada":6}');
    } finally {
      await fichas.cerrar();
    }
  });
});
