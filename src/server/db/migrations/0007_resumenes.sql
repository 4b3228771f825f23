-- Resúmenes calculados (tablero de KPIs): se sirven desde aquí hasta que vencen, para que el tablero
-- responda rápido sobre años de historia sin guardar estado en la memoria de ninguna instancia.
CREATE TABLE resumenes (
  clave text PRIMARY KEY,
  calculado_en timestamptz NOT NULL,
  valor jsonb NOT NULL
);
