import { useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { Paper, Text } from '@mantine/core';
import { colorDe, MEDIDAS, valorDe, type Clase, type FilaRegion, type Medida } from './escala.ts';
import { dibujarMapa } from './proyeccion.ts';
import './mapa.css';

interface Props {
  filas: FilaRegion[];
  medida: Medida;
  clases: Clase[];
  seleccionada: string | null;
  alElegir: (codigo: string) => void;
}

/**
 * The 16 regions as SVG paths in three insets, each filled by the measure's class. Every region is
 * a button (click or Enter shows its comunas) with its numbers in the tooltip and the accessible name.
 */
export function MapaChile({ filas, medida, clases, seleccionada, alElegir }: Props) {
  // The geometry never changes: project once per mount.
  const mapa = useMemo(() => dibujarMapa(), []);
  const [encima, setEncima] = useState<{ codigo: string; x: number; y: number } | null>(null);
  const formato = MEDIDAS.find((m) => m.valor === medida)!;
  const porCodigo = new Map(filas.map((f) => [f.codigo_region, f]));
  const describir = (f: FilaRegion | undefined) => {
    if (!f) return '';
    const v = valorDe(medida, f);
    return `${f.region}: ${v == null ? 'sin datos' : formato.formato(v)} (${formato.etiqueta.toLowerCase()})`;
  };
  const mover = (codigo: string) => (e: MouseEvent<SVGPathElement>) => {
    const contenedor = e.currentTarget.ownerSVGElement?.parentElement;
    if (!contenedor) return;
    const caja = contenedor.getBoundingClientRect();
    setEncima({ codigo, x: e.clientX - caja.left, y: e.clientY - caja.top });
  };
  const teclado = (codigo: string) => (e: KeyboardEvent<SVGPathElement>) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      alElegir(codigo);
    }
  };
  const fila = encima ? porCodigo.get(encima.codigo) : undefined;

  return (
    <div style={{ position: 'relative' }}>
      <svg
        viewBox={`-4 0 ${mapa.ancho + 8} ${mapa.alto + 4}`}
        role="group"
        aria-label={`Mapa de Chile por región: ${formato.etiqueta.toLowerCase()}`}
        style={{ width: '100%', height: 'auto', maxHeight: 'calc(100vh - 230px)', minHeight: 360, display: 'block' }}
        preserveAspectRatio="xMidYMin meet"
      >
        {mapa.paneles.map((p) => (
          <g key={p.nombre} transform={`translate(${p.x} 0)`}>
            <text x={p.ancho / 2} y={30} textAnchor="middle" fontSize={26} fontWeight={600} fill="#495057">
              {p.nombre}
              {p.aumento > 1.05 ? ` (×${String(p.aumento).replace('.', ',')})` : ''}
            </text>
            {p.regiones.map((r) => {
              const f = porCodigo.get(r.codigo_region);
              const v = f ? valorDe(medida, f) : null;
              const activa = seleccionada === r.codigo_region || encima?.codigo === r.codigo_region;
              return (
                <path
                  key={r.codigo_region}
                  d={r.d}
                  data-region={r.codigo_region}
                  data-valor={v ?? ''}
                  data-vacia={v == null ? 'si' : 'no'}
                  fill={colorDe(v, clases)}
                  fillRule="evenodd"
                  stroke={activa ? '#1a1a1a' : '#868e96'}
                  strokeWidth={activa ? 3 : 1}
                  vectorEffect="non-scaling-stroke"
                  role="button"
                  tabIndex={0}
                  aria-label={describir(f)}
                  aria-pressed={seleccionada === r.codigo_region}
                  className="region-mapa"
                  onClick={() => alElegir(r.codigo_region)}
                  onKeyDown={teclado(r.codigo_region)}
                  onMouseMove={mover(r.codigo_region)}
                  onMouseLeave={() => setEncima(null)}
                  onFocus={() => setEncima(null)}
                />
              );
            })}
            {/* The chosen region's outline on top, so its neighbours do not hide half of it. */}
            {p.regiones
              .filter((r) => r.codigo_region === seleccionada)
              .map((r) => (
                <path
                  key="contorno"
                  d={r.d}
                  fill="none"
                  stroke="#1a1a1a"
                  strokeWidth={3}
                  vectorEffect="non-scaling-stroke"
                  pointerEvents="none"
                />
              ))}
          </g>
        ))}
      </svg>
      {fila && encima && (
        <Paper
          shadow="md"
          withBorder
          p={6}
          style={{
            position: 'absolute',
            left: encima.x + 14,
            top: encima.y + 10,
            pointerEvents: 'none',
            zIndex: 2,
            minWidth: 170,
          }}
        >
          <Text size="sm" fw={700}>
            {fila.region}
          </Text>
          {MEDIDAS.map((m) => (
            <Text key={m.valor} size="xs" fw={m.valor === medida ? 700 : 400}>
              {m.etiqueta}: {fila[m.valor] == null ? '—' : m.formato(fila[m.valor]!)}
            </Text>
          ))}
        </Paper>
      )}
    </div>
  );
}
