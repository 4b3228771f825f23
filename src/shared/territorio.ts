import comunasJson from './datos/comunas.json' with { type: 'json' };
import regionesJson from './datos/regiones.json' with { type: 'json' };
import aliasesJson from './datos/comunas_aliases.json' with { type: 'json' };
import { plegar } from './texto.ts';

export interface Region {
  codigo_region: string;
  region: string;
  nombre_corto: string;
  numero_romano: string;
  orden_norte_sur: number;
}

export interface Comuna {
  codigo_comuna: string;
  comuna: string;
  codigo_region: string;
  region: string;
}

/** Las 16 regiones de Chile, de norte a sur (CUT 2018). */
export const REGIONES: readonly Region[] = [...regionesJson].sort((a, b) => a.orden_norte_sur - b.orden_norte_sur);

/** Las 346 comunas oficiales (CUT 2018). */
export const COMUNAS: readonly Comuna[] = comunasJson;

const comunaPorClave = new Map<string, Comuna>();
for (const c of COMUNAS) {
  comunaPorClave.set(plegar(c.comuna), c);
  comunaPorClave.set(c.codigo_comuna, c);
}
for (const a of aliasesJson) {
  const c = COMUNAS.find((x) => x.codigo_comuna === a.codigo_comuna);
  if (c) comunaPorClave.set(plegar(a.alias), c);
}

/** Busca una comuna por nombre (sin importar mayúsculas ni tildes), alias conocido o código CUT. */
export function buscarComuna(texto: string): Comuna | undefined {
  return comunaPorClave.get(plegar(texto).replace(/-/g, ' ')) ?? comunaPorClave.get(plegar(texto));
}

/** Busca una región por nombre oficial o corto, número romano o código CUT. */
export function buscarRegion(texto: string): Region | undefined {
  // "Región de La Araucanía", "la araucania" and "Araucanía" all name the same region.
  const sinArticulo = (t: string) =>
    t
      .replace(/^region /, '')
      .replace(/^(de |del )/, '')
      .replace(/^(la |los |el )/, '');
  const clave = sinArticulo(plegar(texto));
  return REGIONES.find(
    (r) =>
      r.codigo_region === texto.trim() ||
      sinArticulo(plegar(r.region)) === clave ||
      sinArticulo(plegar(r.nombre_corto)) === clave ||
      r.numero_romano.toLowerCase() === clave,
  );
}

export type ResultadoUbicacion =
  { ok: true; comuna: Comuna | null } | { ok: false; campo: 'comuna' | 'region'; mensaje: string };

/** La comuna decide la región; una región que la contradice es un error (DOMAIN.md "Región / comuna"). */
export function resolverUbicacion(comuna?: string | null, region?: string | null): ResultadoUbicacion {
  const textoComuna = comuna?.trim() ?? '';
  const textoRegion = region?.trim() ?? '';
  if (textoComuna === '') {
    if (textoRegion !== '') {
      return { ok: false, campo: 'comuna', mensaje: 'Indique la comuna; la región se deduce de ella.' };
    }
    return { ok: true, comuna: null };
  }
  const c = buscarComuna(textoComuna);
  if (!c) return { ok: false, campo: 'comuna', mensaje: `«${textoComuna}» no es una comuna de Chile.` };
  if (textoRegion !== '') {
    const r = buscarRegion(textoRegion);
    if (!r) return { ok: false, campo: 'region', mensaje: `«${textoRegion}» no es una región de Chile.` };
    if (r.codigo_region !== c.codigo_region) {
      return {
        ok: false,
        campo: 'region',
        mensaje: `La comuna ${c.comuna} pertenece a la región de ${c.region}, no a ${r.region}.`,
      };
    }
  }
  return { ok: true, comuna: c };
}
