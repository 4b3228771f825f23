// Name similarity the way pg_trgm measures it (trigrams of each word padded with two spaces before
// and one after; shared / all), computed in memory so the duplicate finder can compare whole
// comunas at once without a trigram index probe per customer.

/** The sorted, distinct trigram codes of a text already folded (lower case, no accents). */
export function trigramas(texto: string): Int32Array {
  const codigos: number[] = [];
  for (const palabra of texto.split(/[^a-z0-9ñ]+/)) {
    if (!palabra) continue;
    const p = `  ${palabra} `;
    for (let i = 0; i + 3 <= p.length; i++) {
      // Three characters of the folded alphabet fit in 7 bits each: one integer per trigram.
      codigos.push(
        ((p.charCodeAt(i) & 0x7f) << 14) | ((p.charCodeAt(i + 1) & 0x7f) << 7) | (p.charCodeAt(i + 2) & 0x7f),
      );
    }
  }
  const ordenados = Int32Array.from(codigos).sort();
  let n = 0;
  for (let i = 0; i < ordenados.length; i++)
    if (i === 0 || ordenados[i] !== ordenados[i - 1]) ordenados[n++] = ordenados[i]!;
  return ordenados.subarray(0, n);
}

/** Shared trigrams over all trigrams of both (0 = nothing in common, 1 = same trigrams). */
export function similitud(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let comunes = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      comunes++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return comunes / (a.length + b.length - comunes);
}
