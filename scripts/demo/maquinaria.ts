import { mezclar } from './azar.ts';

/** Marcas y modelos reales del mercado chileno, con los años en que se vendieron, y repuestos típicos. */

export type TipoEquipo = 'tractor' | 'cosechadora' | 'sembradora' | 'pulverizador' | 'enfardadora' | 'otro';

export interface Modelo {
  marca: string;
  modelo: string;
  desde: number;
  hasta: number;
}

export interface CatalogoTipo {
  /** Pesos de marca (participación aproximada de mercado). */
  marcas: (readonly [string, number])[];
  modelos: Map<string, Modelo[]>;
}

/** Lee líneas `Marca (peso): modelo desde-hasta; …`: una tabla legible en vez de cientos de objetos. */
function catalogo(texto: string): CatalogoTipo {
  const marcas: (readonly [string, number])[] = [];
  const modelos = new Map<string, Modelo[]>();
  for (const linea of texto.split('\n').map((l) => l.trim())) {
    const partes = /^(.+?) \((\d+)\): (.+)$/.exec(linea);
    if (!partes) continue;
    const marca = partes[1]!;
    marcas.push([marca, Number(partes[2])]);
    const lista = partes[3]!.split(';').map((m) => {
      const [, modelo, desde, hasta] = /^\s*(.+) (\d{4})-(\d{4})\s*$/.exec(m)!;
      return { marca, modelo: modelo!, desde: Number(desde), hasta: Number(hasta) };
    });
    modelos.set(marca, lista);
  }
  return { marcas, modelos };
}

export const CATALOGO: Record<TipoEquipo, CatalogoTipo> = {
  tractor: catalogo(`
    John Deere (22): 5075E 2010-2026; 5090E 2012-2026; 6110J 2012-2026; 6130J 2012-2026; 6135J 2016-2026; 6155J 2012-2026; 6120M 2013-2026; 7200J 2014-2026; 8R 340 2015-2026; 5705 2000-2009; 6405 1997-2006; 6415 2004-2011; 5403 2003-2012
    New Holland (24): TT4.75 2010-2026; TD5.90 2012-2026; T4.75 2013-2026; T6.130 2012-2026; T7.190 2011-2026; T8.410 2013-2026; TS6.120 2006-2014; TL75 1999-2008; 7630 1995-2004; TM7040 2008-2012
    Massey Ferguson (16): MF 290 1995-2005; MF 3650 1995-2002; MF 4275 2002-2013; MF 4709 2015-2026; MF 5710 2014-2026; MF 6713 2017-2026; MF 7719 2015-2026; MF 8737 2015-2026
    Case IH (10): Farmall 90C 2013-2026; Farmall 110A 2012-2026; Quantum 95F 2014-2026; Maxxum 135 2008-2026; Puma 165 2008-2026; Magnum 340 2012-2026; JX 95 2003-2012; MX 135 1998-2004
    Kubota (10): L4508 2008-2020; M7060 2014-2026; M5-111 2016-2026; M9540 2008-2017; M6-142 2017-2026; M5091 Narrow 2015-2026; M8540 Narrow 2010-2020; M6040 2007-2013
    Valtra (6): 985 1995-2005; BM100 2000-2009; BM125i 2010-2018; BH180 2008-2015; A94 2014-2026; A114 2014-2026; N174 2015-2026; T234 2015-2026
    Landini (8): 8860 1995-2002; Globus 80 2005-2012; Mistral 50 2005-2026; Rex 100F 2010-2018; Rex 4-080F 2018-2026; Powerfarm 100 2010-2020; Landpower 165 2008-2016; 6-145C 2016-2026
    Claas (4): Celtis 456 2001-2008; Arion 420 2012-2026; Arion 630 2008-2026; Axion 850 2007-2026; Atos 330 2011-2020; Nexos 240 2012-2026`),
  cosechadora: catalogo(`
    John Deere (28): 1550 1995-2005; 1470 2005-2012; 9470 STS 2005-2012; S680 2012-2026; S770 2018-2026; W330 2015-2026
    New Holland (30): TC57 1995-2006; TC5090 2008-2013; TC5.30 2012-2026; CR6.80 2014-2026; CR8.90 2015-2026; CX7.90 2014-2026
    Case IH (14): Axial-Flow 2388 1996-2009; Axial-Flow 2566 2008-2012; Axial-Flow 7150 2012-2026; Axial-Flow 8250 2018-2026
    Claas (20): Dominator 130 1995-2006; Mega 360 1995-2004; Tucano 450 2009-2020; Tucano 570 2010-2026; Lexion 770 2014-2026
    Massey Ferguson (8): MF 34 1995-2005; MF 9790 ATR 2008-2016; MF Activa 7347 2010-2020`),
  sembradora: catalogo(`
    John Deere (26): 1590 2005-2026; 1750 2001-2026; 1113 2010-2026
    Kuhn (22): Maxima 2 TRS 2012-2026; Venta 3030 2011-2026; SD 4000 2012-2026; Planter 3 2015-2026
    Amazone (20): D9 3000 1995-2026; Cirrus 6003 2010-2026; EDX 6000 2008-2026
    Case IH (12): 1200 Pivot 2003-2014; Early Riser 1255 2015-2026
    Massey Ferguson (8): MF 500 2010-2026; MF 400 1995-2009`),
  pulverizador: catalogo(`
    John Deere (26): 4730 2008-2016; M4030 2015-2026; R4038 2014-2026; 732 1995-2010
    Case IH (16): Patriot 250 2012-2026; Patriot 350 2010-2026
    Kuhn (22): Metris 4102 2016-2026; Oceanis 77 2012-2026; Lexis 3000 2012-2026
    Amazone (20): UX 4200 2010-2026; UF 1302 2010-2026; UF 901 1995-2009
    New Holland (8): Guardian SP.310F 2016-2026`),
  enfardadora: catalogo(`
    New Holland (26): 570 1995-2008; BR6090 2008-2020; BC5060 2010-2026; Roll-Belt 150 2015-2026
    John Deere (18): 348 1995-2010; 459M 2014-2026; 469 2016-2026
    Claas (16): Markant 55 1995-2008; Rollant 455 2011-2026; Quadrant 4200 2012-2026
    Case IH (10): RB455 2014-2026; LB334 2014-2026
    Massey Ferguson (12): MF 1840 2005-2020; MF RB 4160V 2016-2026
    Kuhn (18): FBP 3135 2012-2026; VB 3190 2014-2026; SB 1290 2017-2026`),
  otro: catalogo(`
    Kuhn (30): GMD 280 2005-2026; GA 6501 2010-2026; Axis 40.2 2010-2026; Optimer 303 2012-2026
    Amazone (24): ZA-M 1500 2005-2026; ZA-TS 4200 2012-2026; Catros 6003 2010-2026
    John Deere (20): 2623 2015-2026; HX15 2009-2026; 637 1998-2014`),
};

export const PESOS_TIPO: readonly (readonly [TipoEquipo, number])[] = [
  ['tractor', 45],
  ['cosechadora', 8],
  ['sembradora', 11],
  ['pulverizador', 14],
  ['enfardadora', 9],
  ['otro', 13],
];

/** Pulverizadores con motor propio (los de arrastre o levante no tienen horómetro). */
const AUTOPROPULSADOS = new Set(['4730', 'M4030', 'R4038', 'Patriot 250', 'Patriot 350', 'Guardian SP.310F']);

/** Horas de uso al año según el tipo; null si el equipo no tiene motor ni horómetro. */
export function usoAnual(tipo: TipoEquipo, modelo: string): readonly [number, number] | null {
  if (tipo === 'tractor') return [300, 900];
  if (tipo === 'cosechadora') return [150, 400];
  if (tipo === 'pulverizador' && AUTOPROPULSADOS.has(modelo)) return [200, 600];
  return null;
}

/** Prefijo de número de serie por marca (el resto lo pone el generador). */
export const PREFIJO_SERIE: Readonly<Record<string, string>> = {
  'John Deere': '1L0',
  'New Holland': 'HCCZ',
  'Massey Ferguson': 'AGCM',
  'Case IH': 'JJE',
  Kubota: 'KBT',
  Claas: 'C',
  Valtra: 'VLT',
  Landini: 'LND',
  Kuhn: 'A0',
  Amazone: 'AMZ',
};

export interface Repuesto {
  descripcion: string;
  /** Precio de hoy en CLP; hacia atrás se descuenta la inflación. */
  precio: number;
  cantidad: readonly [number, number];
  /** Tipos de equipo que lo usan; 'motor' = cualquier equipo con motor. */
  para: readonly (TipoEquipo | 'motor' | 'todos')[];
}

export const REPUESTOS: readonly Repuesto[] = [
  { descripcion: 'Filtro de aceite', precio: 18990, cantidad: [1, 4], para: ['motor'] },
  { descripcion: 'Filtro de combustible', precio: 24990, cantidad: [1, 4], para: ['motor'] },
  { descripcion: 'Filtro de aire primario', precio: 54990, cantidad: [1, 2], para: ['motor'] },
  { descripcion: 'Filtro de aire secundario', precio: 32990, cantidad: [1, 2], para: ['motor'] },
  { descripcion: 'Filtro hidráulico', precio: 46990, cantidad: [1, 2], para: ['motor'] },
  { descripcion: 'Aceite motor 15W-40, bidón 20 L', precio: 89990, cantidad: [1, 6], para: ['motor'] },
  { descripcion: 'Aceite transmisión e hidráulico, bidón 20 L', precio: 94990, cantidad: [1, 4], para: ['motor'] },
  { descripcion: 'Refrigerante, bidón 5 L', precio: 14990, cantidad: [1, 4], para: ['motor'] },
  { descripcion: 'Correa de alternador', precio: 27990, cantidad: [1, 2], para: ['motor'] },
  { descripcion: 'Batería 12 V 150 Ah', precio: 189990, cantidad: [1, 2], para: ['motor'] },
  { descripcion: 'Foco de trabajo LED', precio: 34990, cantidad: [1, 4], para: ['motor'] },
  { descripcion: 'Kit de embrague', precio: 890990, cantidad: [1, 1], para: ['tractor'] },
  { descripcion: 'Neumático delantero 12.4-24', precio: 289990, cantidad: [1, 2], para: ['tractor'] },
  { descripcion: 'Neumático trasero 18.4-38', precio: 689990, cantidad: [1, 2], para: ['tractor'] },
  { descripcion: 'Bomba de agua', precio: 214990, cantidad: [1, 1], para: ['tractor', 'cosechadora'] },
  { descripcion: 'Sección de cuchilla de siega', precio: 3490, cantidad: [10, 40], para: ['cosechadora', 'otro'] },
  { descripcion: 'Dedo de barra de corte', precio: 6990, cantidad: [5, 20], para: ['cosechadora'] },
  { descripcion: 'Cadena de alimentador', precio: 389990, cantidad: [1, 1], para: ['cosechadora'] },
  { descripcion: 'Correa de cilindro trillador', precio: 129990, cantidad: [1, 2], para: ['cosechadora'] },
  { descripcion: 'Zaranda de limpieza', precio: 459990, cantidad: [1, 1], para: ['cosechadora'] },
  { descripcion: 'Boquilla de pulverización (10 u.)', precio: 49990, cantidad: [1, 6], para: ['pulverizador'] },
  { descripcion: 'Membrana de bomba', precio: 29990, cantidad: [2, 6], para: ['pulverizador'] },
  { descripcion: 'Manómetro de glicerina', precio: 24990, cantidad: [1, 2], para: ['pulverizador'] },
  { descripcion: 'Disco abresurco', precio: 69990, cantidad: [2, 12], para: ['sembradora'] },
  { descripcion: 'Rueda compactadora', precio: 84990, cantidad: [2, 8], para: ['sembradora'] },
  { descripcion: 'Dosificador de semilla', precio: 119990, cantidad: [1, 4], para: ['sembradora'] },
  { descripcion: 'Hilo para enfardar (rollo)', precio: 42990, cantidad: [4, 20], para: ['enfardadora'] },
  { descripcion: 'Malla para rollos', precio: 189990, cantidad: [1, 6], para: ['enfardadora'] },
  { descripcion: 'Anudador completo', precio: 349990, cantidad: [1, 1], para: ['enfardadora'] },
  { descripcion: 'Púa de recolector', precio: 5990, cantidad: [10, 40], para: ['enfardadora', 'otro'] },
  { descripcion: 'Grasa multipropósito, balde 18 kg', precio: 79990, cantidad: [1, 2], para: ['todos'] },
  { descripcion: 'Rodamiento', precio: 21990, cantidad: [1, 6], para: ['todos'] },
  { descripcion: 'Cruceta de cardán', precio: 39990, cantidad: [1, 2], para: ['todos'] },
  { descripcion: 'Pasador con seguro', precio: 4990, cantidad: [2, 10], para: ['todos'] },
];

/** Código de repuesto con el formato de cada fabricante, estable para la misma marca y repuesto. */
export function codigoRepuesto(marca: string | null, indice: number): string {
  if (marca === 'John Deere' && indice === 0) return 'RE504836';
  const n = mezclar(indice, marca ? marca.length * 131 + marca.charCodeAt(0) : 7) % 1_000_000;
  const seis = String(n).padStart(6, '0');
  switch (marca) {
    case 'John Deere':
      return `RE${seis}`;
    case 'New Holland':
    case 'Case IH':
      return `84${seis}`;
    case 'Massey Ferguson':
      return `3${seis}M1`;
    case 'Valtra':
      return `V${seis}`;
    case 'Kubota':
      return `HH${seis.slice(0, 3)}-${seis.slice(1)}`;
    case 'Claas':
      return `0${seis}0`;
    case 'Kuhn':
      return `A${seis}`;
    case 'Amazone':
      return `MD${seis}`;
    default:
      return `GEN-${seis}`;
  }
}
