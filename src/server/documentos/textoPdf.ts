import zlib from 'node:zlib';

// The bytes 0x80–0x9F of WinAnsi are typographic signs, not Latin-1 control codes.
const WIN_ANSI_80: Record<number, string> = {
  0x80: '€',
  0x82: '‚',
  0x83: 'ƒ',
  0x84: '„',
  0x85: '…',
  0x86: '†',
  0x87: '‡',
  0x88: 'ˆ',
  0x89: '‰',
  0x8a: 'Š',
  0x8b: '‹',
  0x8c: 'Œ',
  0x8e: 'Ž',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x95: '•',
  0x96: '–',
  0x97: '—',
  0x98: '˜',
  0x99: '™',
  0x9a: 'š',
  0x9b: '›',
  0x9c: 'œ',
  0x9e: 'ž',
  0x9f: 'Ÿ',
};

function decodificarHex(hex: string): string {
  let s = '';
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const b = parseInt(hex.slice(i, i + 2), 16);
    s += WIN_ANSI_80[b] ?? String.fromCharCode(b);
  }
  return s;
}

/** Text of one content stream: the strings of every TJ, a line break whenever the baseline moves. */
function textoDeContenido(contenido: string): string {
  let salida = '';
  let linea: string | null = null;
  for (const m of contenido.matchAll(/1 0 0 1 [-\d.]+ ([-\d.]+) Tm|\[([^\]]*)\]\s*TJ/g)) {
    if (m[1] !== undefined) {
      if (linea !== null && m[1] !== linea) salida += '\n';
      linea = m[1];
    } else {
      // Words carry their own trailing space; two fragments of one line without it are separate cells.
      if (salida && !/\s$/.test(salida)) salida += ' ';
      for (const h of m[2]!.matchAll(/<([0-9a-fA-F]*)>/g)) salida += decodificarHex(h[1]!);
    }
  }
  return salida;
}

/**
 * The visible text of a PDF this app generated (pdfmake/pdfkit with the standard fonts), for tests
 * that must see what a person reads: inflates each content stream and decodes its text operators.
 * Not a general PDF reader.
 */
export function textoDePdf(pdf: Uint8Array): string {
  const bruto = Buffer.from(pdf).toString('latin1');
  const partes: string[] = [];
  // The stream's /Length says where its bytes end (compressed data may itself end in a line break).
  for (const m of bruto.matchAll(/\/Length (\d+)[^>]*>>\s*stream\r?\n/g)) {
    const inicio = m.index + m[0].length;
    const datos = Buffer.from(bruto.slice(inicio, inicio + Number(m[1])), 'latin1');
    let contenido: string;
    try {
      contenido = zlib.inflateSync(datos).toString('latin1');
    } catch {
      contenido = datos.toString('latin1');
    }
    if (contenido.includes('TJ')) partes.push(textoDeContenido(contenido));
  }
  return partes.join('\n');
}
