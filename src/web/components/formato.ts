const numero = new Intl.NumberFormat('es-CL');

/** 1234 → `1.234`. */
export function formatearNumero(valor: number): string {
  return numero.format(valor);
}

/** `1 cliente`, `1.234 clientes`. */
export function contar(cantidad: number, singular: string, plural = `${singular}s`): string {
  return `${formatearNumero(cantidad)} ${cantidad === 1 ? singular : plural}`;
}
