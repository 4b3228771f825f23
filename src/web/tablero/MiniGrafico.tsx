const MESES = ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic'];
/** `2026-03` → `mar 2026`. */
export const nombreMes = (mes: string) => `${MESES[Number(mes.slice(5, 7)) - 1]} ${mes.slice(0, 4)}`;

/**
 * A 24-month sparkline in plain SVG: a chart library would add ~100 kB gzip to the dashboard's
 * first load for 5 lines. Months without data break the line; the last month with data gets a dot.
 */
export function MiniGrafico({
  serie,
  formato,
  ancho = 220,
  alto = 44,
}: {
  serie: { mes: string; valor: number | null }[];
  formato: (n: number) => string;
  ancho?: number;
  alto?: number;
}) {
  const conDatos = serie.filter((s): s is { mes: string; valor: number } => s.valor != null);
  if (conDatos.length === 0) {
    return (
      <svg
        width="100%"
        height={alto}
        viewBox={`0 0 ${ancho} ${alto}`}
        role="img"
        aria-label="Sin datos en los últimos 24 meses"
      >
        <line x1={0} x2={ancho} y1={alto - 2} y2={alto - 2} stroke="var(--mantine-color-gray-3)" />
      </svg>
    );
  }
  const valores = conDatos.map((s) => s.valor);
  const min = Math.min(...valores);
  const max = Math.max(...valores);
  const margen = 4;
  const x = (i: number) => margen + (i / Math.max(1, serie.length - 1)) * (ancho - 2 * margen);
  const y = (v: number) => (max === min ? alto / 2 : margen + (1 - (v - min) / (max - min)) * (alto - 2 * margen));
  let d = '';
  let enTramo = false;
  serie.forEach((s, i) => {
    if (s.valor == null) {
      enTramo = false;
      return;
    }
    d += `${enTramo ? 'L' : 'M'}${x(i).toFixed(1)},${y(s.valor).toFixed(1)}`;
    enTramo = true;
  });
  const ultimoIndice = serie.findLastIndex((s) => s.valor != null);
  const ultimo = serie[ultimoIndice]!;
  const primero = conDatos[0]!;
  const descripcion = `Últimos 24 meses: de ${formato(primero.valor)} en ${nombreMes(primero.mes)} a ${formato(ultimo.valor!)} en ${nombreMes(ultimo.mes)}; mínimo ${formato(min)}, máximo ${formato(max)}`;
  return (
    <svg width="100%" height={alto} viewBox={`0 0 ${ancho} ${alto}`} role="img" aria-label={descripcion}>
      <title>{descripcion}</title>
      <line x1={0} x2={ancho} y1={alto - 1} y2={alto - 1} stroke="var(--mantine-color-gray-3)" />
      <path
        d={d}
        fill="none"
        stroke="var(--mantine-color-campo-7)"
        strokeWidth={2}
        vectorEffect="non-scaling-stroke"
        strokeLinejoin="round"
      />
      {/* Isolated months (no neighbour with data) would not show as a line: draw them as dots. */}
      {serie.map((s, i) =>
        s.valor != null && serie[i - 1]?.valor == null && serie[i + 1]?.valor == null ? (
          <circle key={s.mes} cx={x(i)} cy={y(s.valor)} r={2} fill="var(--mantine-color-campo-7)" />
        ) : null,
      )}
      <circle cx={x(ultimoIndice)} cy={y(ultimo.valor!)} r={3.5} fill="var(--mantine-color-campo-8)" />
    </svg>
  );
}
