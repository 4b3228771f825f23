import { REGIONES_GEO } from './regionesGeo.ts';

/**
 * Chile is ~38° tall and ~8° wide: drawn whole it is a thread on a laptop screen. So the map is
 * three insets side by side, each drawn to the same height: north, centre and south. The centre,
 * where most of the workshop's customers farm, is only 9° tall and so comes out ~1,7× larger.
 */
export const PANELES = [
  { nombre: 'Norte', regiones: ['15', '01', '02', '03', '04'] },
  { nombre: 'Centro', regiones: ['05', '13', '06', '07', '16', '08', '09', '14'] },
  { nombre: 'Sur', regiones: ['10', '11', '12'] },
] as const;

/** Height of every inset in SVG units; the SVG scales to its box with its viewBox. */
export const ALTO = 1000;
const SEPARACION = 40;
const MARGEN_TITULO = 50;

export interface PanelDibujado {
  nombre: string;
  x: number;
  ancho: number;
  /** Scale relative to the north inset (1 = same scale). */
  aumento: number;
  regiones: { codigo_region: string; d: string }[];
}

export interface MapaDibujado {
  ancho: number;
  alto: number;
  paneles: PanelDibujado[];
}

type Limites = { oeste: number; este: number; sur: number; norte: number };

function limites(codigos: readonly string[]): Limites {
  const l = { oeste: Infinity, este: -Infinity, sur: Infinity, norte: -Infinity };
  for (const r of REGIONES_GEO.filter((g) => codigos.includes(g.codigo_region))) {
    for (const anillo of r.poligonos.flat()) {
      for (let i = 0; i < anillo.length; i += 2) {
        l.oeste = Math.min(l.oeste, anillo[i]!);
        l.este = Math.max(l.este, anillo[i]!);
        l.sur = Math.min(l.sur, anillo[i + 1]!);
        l.norte = Math.max(l.norte, anillo[i + 1]!);
      }
    }
  }
  return l;
}

const redondear = (n: number) => Math.round(n * 10) / 10;

/**
 * Equirectangular projection per inset, with longitudes shrunk by the cosine of the inset's middle
 * latitude: at these widths it is indistinguishable from a conformal projection and needs no library.
 */
export function dibujarMapa(): MapaDibujado {
  let x = 0;
  let escalaNorte = 0;
  const paneles = PANELES.map((p) => {
    const l = limites(p.regiones);
    const escala = ALTO / (l.norte - l.sur);
    const coseno = Math.cos((((l.norte + l.sur) / 2) * Math.PI) / 180);
    const ancho = (l.este - l.oeste) * coseno * escala;
    escalaNorte ||= escala;
    const proyectar = (lon: number, lat: number) =>
      `${redondear((lon - l.oeste) * coseno * escala)},${redondear((l.norte - lat) * escala + MARGEN_TITULO)}`;
    const regiones = p.regiones.map((codigo) => {
      const geo = REGIONES_GEO.find((g) => g.codigo_region === codigo)!;
      const d = geo.poligonos
        .flatMap((poligono) =>
          poligono.map((anillo) => {
            const puntos: string[] = [];
            for (let i = 0; i < anillo.length; i += 2) puntos.push(proyectar(anillo[i]!, anillo[i + 1]!));
            return `M${puntos.join('L')}Z`;
          }),
        )
        .join('');
      return { codigo_region: codigo, d };
    });
    const panel = { nombre: p.nombre, x, ancho, aumento: Math.round((escala / escalaNorte) * 10) / 10, regiones };
    x += ancho + SEPARACION;
    return panel;
  });
  return { ancho: x - SEPARACION, alto: ALTO + MARGEN_TITULO, paneles };
}
