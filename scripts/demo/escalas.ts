/** Cuántas filas de cada cosa tiene cada escala de la demostración. */
export interface Escala {
  clientes: number;
  equipos: number;
  ordenes: number;
  pedidos: number;
  cotizaciones: number;
  interacciones: number;
  encuestas: number;
  /** Pares de clientes casi duplicados, para que el buscador de duplicados tenga qué encontrar. */
  paresDuplicados: number;
  /** Clientes por transacción: pocas transacciones grandes, pero con progreso visible. */
  clientesPorTransaccion: number;
  /** Clientes por tanda en memoria antes de insertar (acota la memoria). */
  clientesPorTanda: number;
}

export type NombreEscala = 'pequena' | 'grande';

export const ESCALAS: Record<NombreEscala, Escala> = {
  // Un taller real de tamaño mediano: lo que se ve en la demostración.
  pequena: {
    clientes: 300,
    equipos: 900,
    ordenes: 2400,
    pedidos: 1800,
    cotizaciones: 900,
    interacciones: 6000,
    encuestas: 1200,
    paresDuplicados: 5,
    clientesPorTransaccion: 300,
    clientesPorTanda: 300,
  },
  // El conjunto de referencia para medir rendimiento (npm run bench).
  grande: {
    clientes: 50_000,
    equipos: 150_000,
    ordenes: 400_000,
    pedidos: 300_000,
    cotizaciones: 150_000,
    interacciones: 1_000_000,
    encuestas: 200_000,
    paresDuplicados: 800,
    clientesPorTransaccion: 5000,
    clientesPorTanda: 500,
  },
};
