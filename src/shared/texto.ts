/** Minúsculas sin tildes ni espacios repetidos: la forma con que se comparan nombres. */
export function plegar(texto: string): string {
  return texto
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
