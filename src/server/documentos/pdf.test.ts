import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crearAppDePrueba, cuerpo, type AppDePrueba } from '../../../test/app.ts';
import { formatearFecha, hoyEnSantiago } from '../../shared/formato.ts';
import { periodos } from '../../shared/kpis.ts';
import { sembrarCartera, sembrarElTriunfo, type ElTriunfo } from './datosDePrueba.ts';
import { textoImprimible } from './pdf.ts';
import { textoDePdf } from './textoPdf.ts';

let t: AppDePrueba;
let triunfo: ElTriunfo;
const hoy = hoyEnSantiago();
// The generated files stay for a person to open (CI artifacts), like the browser tests' screenshots.
const ARTEFACTOS = path.resolve('test-results/documentos');
beforeAll(async () => {
  fs.mkdirSync(ARTEFACTOS, { recursive: true });
  t = await crearAppDePrueba();
  triunfo = await sembrarElTriunfo(t.db.db, hoy);
  await sembrarCartera(t.db.db, hoy);
});
afterAll(() => t.cerrar());

/** GET as a role; the PDF's visible text with its whitespace folded, so wrapped lines still match. */
async function pdf(url: string, rol: 'admin' | 'comercial' | 'tecnico' | 'lectura' = 'comercial') {
  const r = await t.app.inject({ url, headers: { cookie: await t.sesion(rol) } });
  expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
  expect(r.headers['content-type']).toBe('application/pdf');
  expect(r.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(r.headers['content-disposition']).toMatch(/^attachment; filename="[a-z0-9.-]+\.pdf"$/);
  fs.writeFileSync(
    path.join(
      ARTEFACTOS,
      `${process.env.RANCHO_MOTOR_PRUEBA}-${/filename="([^"]+)"/.exec(r.headers['content-disposition'] as string)![1]}`,
    ),
    r.rawPayload,
  );
  return { respuesta: r, texto: textoDePdf(r.rawPayload).replace(/\s+/g, ' ') };
}

describe('brief de visita en PDF', () => {
  it('trae el cliente, sus máquinas, el área más débil y los puntos de conversación', async () => {
    const { texto, respuesta } = await pdf(`/api/clientes/${triunfo.id}/visita.pdf`, 'lectura');
    expect(respuesta.headers['content-disposition']).toBe(
      `attachment; filename="visita-agricola-el-triunfo-${hoy}.pdf"`,
    );
    expect(texto).toContain('Preparación de visita: Agrícola El Triunfo');
    expect(texto).toContain('Tractor John Deere 6130J');
    expect(texto).toContain('Cosechadora Claas Tucano 570');
    expect(texto).toContain('Sembradora Semeato SSM 27');
    expect(texto).toContain('Área más débil tiempo de respuesta (5,3/10)');
    expect(texto).toContain('Área más fuerte calidad de servicio (9,7/10)');
    expect(texto).toContain(
      `Ofrecer la mantención del tractor John Deere 6130J (vence el ${formatearFecha(triunfo.fechas.tractor)}, por horas de uso)`,
    );
    expect(texto).toContain('Retomar la cotización COT-77 por $2.000.000');
    expect(texto).toContain(`Generado el ${formatearFecha(hoy)}`);
    expect(texto).toMatch(/Página 1 de \d/);
  });

  it('queda en la auditoría como exportación del cliente', async () => {
    await pdf(`/api/clientes/${triunfo.id}/visita.pdf`, 'tecnico');
    const filas = await t.db.db
      .selectFrom('auditoria')
      .select(['accion', 'entidad', 'id_cliente', 'detalle'])
      .where('entidad', '=', 'visita')
      .where('id_cliente', '=', triunfo.id)
      .execute();
    expect(filas.length).toBeGreaterThan(0);
    expect(filas.every((f) => f.accion === 'exportar')).toBe(true);
    expect(filas.map((f) => (typeof f.detalle === 'string' ? JSON.parse(f.detalle) : f.detalle).formato)).toContain(
      'pdf',
    );
  });

  it('sin sesión: 401 en cada documento', async () => {
    for (const url of [
      `/api/clientes/${triunfo.id}/visita.pdf`,
      `/api/clientes/${triunfo.id}/ficha.pdf`,
      '/api/kpis.pdf',
      '/api/reportes/regiones.pdf',
      '/api/reportes/regiones.csv',
      '/api/kpis/retencion/clientes.csv',
    ]) {
      const r = await t.app.inject({ url });
      expect(r.statusCode, url).toBe(401);
      expect(cuerpo(r).title).toBe('Debe iniciar sesión');
    }
  });
});

describe('ficha completa en PDF (reporte 1)', () => {
  it('un solo documento con contacto, equipos con su historial, órdenes, repuestos, interacciones y encuestas', async () => {
    const { texto } = await pdf(`/api/clientes/${triunfo.id}/ficha.pdf`);
    for (const esperado of [
      'Agrícola El Triunfo',
      'Ficha completa del cliente',
      '+56 9 1234 5678',
      'contacto@eltriunfo.cl',
      'Los Ángeles, Biobío',
      'Tractor John Deere 6130J',
      'Cosechadora Claas Tucano 570',
      'Sembradora Semeato SSM 27',
      'OT-101',
      'Mantención de 500 horas',
      'Cambio de cóncavo y cribas',
      'PED-12',
      '2 × Filtro de aceite (AL-123)',
      'COT-77',
      'Revisión de la cosechadora en terreno',
      'Excelente trabajo, pero demoraron en entregar la cosechadora',
      'tiempo de respuesta (5,3/10)',
      '$2.620.000',
    ]) {
      expect(texto).toContain(esperado);
    }
    const auditoria = await t.db.db
      .selectFrom('auditoria')
      .select('accion')
      .where('entidad', '=', 'ficha')
      .where('id_cliente', '=', triunfo.id)
      .execute();
    expect(auditoria).toEqual([{ accion: 'exportar' }]);
  });

  it('404 para un cliente que no existe', async () => {
    const r = await t.app.inject({
      url: '/api/clientes/987654/ficha.pdf',
      headers: { cookie: await t.sesion('admin') },
    });
    expect(r.statusCode).toBe(404);
  });
});

describe('reportes en PDF y CSV', () => {
  it('KPIs: el período y los filtros en el encabezado, los cinco indicadores', async () => {
    const p = periodos({}, hoy);
    const { texto } = await pdf('/api/kpis.pdf?region=biobio&segmento=A', 'admin');
    expect(texto).toContain(`Período ${formatearFecha(p.desde)} al ${formatearFecha(p.hasta)}`);
    expect(texto).toContain('Región: Biobío · Segmento: A');
    for (const k of [
      'Tasa de retención',
      'Valor cliente promedio',
      'NPS global',
      'Frecuencia de interacción',
      'Tasa de conversión de cotizaciones',
    ]) {
      expect(texto).toContain(k);
    }
    const sinFiltros = await pdf('/api/kpis.pdf', 'lectura');
    expect(sinFiltros.texto).toContain('Región: todas · Segmento: todos');
  });

  it('regiones: las 16 de norte a sur con su total', async () => {
    const { texto } = await pdf('/api/reportes/regiones.pdf');
    expect(texto.indexOf('Arica y Parinacota')).toBeLessThan(texto.indexOf('Magallanes'));
    expect(texto).toContain('Ñuble');
    expect(texto).toContain('Total');
  });

  it('CSV de regiones: 16 filas, para Excel en español', async () => {
    const r = await t.app.inject({ url: '/api/reportes/regiones.csv', headers: { cookie: await t.sesion('lectura') } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lineas = r.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lineas[0]).toBe('Código;Región;Clientes;Activos;Valor histórico;Equipos;NPS 12 meses');
    expect(lineas).toHaveLength(17);
    expect(lineas.find((l) => l.startsWith('08;'))).toBe('08;Biobío;1;0;2620000;3;67');
  });

  it('CSV de los clientes detrás de un KPI: admin y comercial, auditado; lectura no', async () => {
    const r = await t.app.inject({
      url: '/api/kpis/conversion/clientes.csv?grupo=aceptadas',
      headers: { cookie: await t.sesion('comercial') },
    });
    expect(r.statusCode).toBe(200);
    const lineas = r.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lineas[0]).toBe('Nombre;RUT;Comuna;Región;Teléfono;Último contacto;Activo');
    expect(
      lineas
        .slice(1)
        .map((l) => l.split(';')[0])
        .sort(),
    ).toEqual(['Fundo Chillán', 'Fundo Osorno', 'Fundo Talca']);
    const auditoria = await t.db.db
      .selectFrom('auditoria')
      .select(['accion', 'detalle'])
      .where('entidad', '=', 'kpi_clientes')
      .execute();
    expect(auditoria).toHaveLength(1);
    const prohibido = await t.app.inject({
      url: '/api/kpis/conversion/clientes.csv',
      headers: { cookie: await t.sesion('lectura') },
    });
    expect(prohibido.statusCode).toBe(403);
    expect(cuerpo(prohibido).detail).toMatch(/no permite exportar datos de contacto/);
  });
});

describe('contrato', () => {
  it('el documento OpenAPI describe los documentos', async () => {
    const r = await t.app.inject({ url: '/api/openapi.json', headers: { cookie: await t.sesion('lectura') } });
    expect(r.statusCode).toBe(200);
    const rutas = Object.keys(cuerpo(r).paths);
    for (const ruta of [
      '/api/clientes/{id}/visita',
      '/api/clientes/{id}/visita.pdf',
      '/api/clientes/{id}/ficha.pdf',
      '/api/kpis.pdf',
      '/api/kpis/{kpi}/clientes.csv',
      '/api/reportes/regiones.pdf',
      '/api/reportes/regiones.csv',
    ]) {
      expect(rutas).toContain(ruta);
    }
  });
});

describe('texto imprimible con las fuentes estándar', () => {
  it('conserva el español y reemplaza lo que WinAnsi no tiene', () => {
    expect(textoImprimible('Ñuble · Agrícola «El Triunfo» — 5,4/10 • €')).toBe(
      'Ñuble · Agrícola «El Triunfo» — 5,4/10 • €',
    );
    expect(textoImprimible('↑ 3 → 5 ≥ 2 🚜')).toBe('+ 3 -> 5 >= 2 ?');
  });
});
