import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { construirApp } from '../app.ts';
import { leerConfig } from '../config.ts';
import { abrirBaseDePrueba } from '../db/pruebas.ts';
import type { Db } from '../db/open.ts';
import { urlEnRegistro } from './registro.ts';

describe('lo que el registro guarda de cada petición', () => {
  it('deja la ruta y los nombres de los parámetros, sin sus valores ni los tokens de los enlaces', () => {
    expect(urlEnRegistro('/api/clientes/12/ficha')).toBe('/api/clientes/12/ficha');
    expect(urlEnRegistro('/api/clientes?q=Juan%20P%C3%A9rez&region=%C3%91uble&q=12.345.678-5')).toBe(
      '/api/clientes?q=…&region=…',
    );
    expect(urlEnRegistro('/api/clientes?')).toBe('/api/clientes');
    expect(urlEnRegistro('/e/Zx81kQ_token')).toBe('/e/…');
    expect(urlEnRegistro('/e/assets/encuesta-1a2b.js')).toBe('/e/assets/encuesta-1a2b.js');
    expect(urlEnRegistro('/api/public/encuestas/Zx81kQ_token?canal=whatsapp')).toBe('/api/public/encuestas/…?canal=…');
    expect(urlEnRegistro('/api/public/baja/Zx81kQ_token')).toBe('/api/public/baja/…');
  });

  describe('en la app', () => {
    let db: Db;
    const lineas: string[] = [];
    beforeAll(async () => {
      db = await abrirBaseDePrueba();
    });
    afterAll(() => db.close());

    it('una búsqueda por RUT y un enlace de encuesta no dejan el RUT ni el token en el registro', async () => {
      const destino = new Writable({
        write(trozo: Buffer, _codificacion, listo) {
          lineas.push(...trozo.toString('utf8').split('\n').filter(Boolean));
          listo();
        },
      });
      const app = await construirApp({
        db,
        config: { ...leerConfig({}), databaseUrl: null },
        logger: { level: 'info', stream: destino },
      });
      try {
        await app.inject({ url: '/api/clientes?q=12.345.678-5&activo=true' });
        await app.inject({ url: '/api/public/encuestas/Zx81kQtokenSecreto' });
      } finally {
        await app.close();
      }
      const urls = lineas
        .map((l) => JSON.parse(l) as { req?: { url: string } })
        .flatMap((l) => (l.req ? [l.req.url] : []));
      expect(urls).toEqual(['/api/clientes?q=…&activo=…', '/api/public/encuestas/…']);
      expect(lineas.join('\n')).not.toMatch(/12\.345\.678|Secreto/);
    });
  });
});
