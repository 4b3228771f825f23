/**
 * The two charts of /satisfaccion. Recharts weighs ~100 kB gzip, so this module is only reached
 * through React.lazy: the first load of the app never carries it.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { DIMENSIONES } from '../../shared/satisfaccion.ts';
import { COLOR_DIMENSION, colorNota, formatearMes, formatearNota, formatearNps, TITULO_DIMENSION } from './formato.ts';
import type { AnalisisSatisfaccion } from './tipos.ts';

const COLOR_NPS = 'var(--mantine-color-campo-8)';
const EJE = { fontSize: 12, fill: 'var(--mantine-color-gray-7)' };
const CUADRICULA = 'var(--mantine-color-gray-3)';

/** Monthly NPS (left axis, −100 to 100) and the mean of each dimension (right axis, 1 to 10), 24 months. */
export function GraficoTendencia({ tendencia }: { tendencia: AnalisisSatisfaccion['tendencia'] }) {
  const datos = tendencia.map((t) => ({ ...t, etiqueta: formatearMes(t.mes, true) }));
  return (
    <>
      <ResponsiveContainer width="100%" height={300}>
        <LineChart data={datos} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={CUADRICULA} />
          <XAxis dataKey="etiqueta" tick={EJE} interval="preserveStartEnd" minTickGap={16} />
          <YAxis yAxisId="nps" domain={[-100, 100]} ticks={[-100, -50, 0, 50, 100]} tick={EJE} width={44} />
          <YAxis
            yAxisId="nota"
            orientation="right"
            domain={[0, 10]}
            ticks={[0, 2, 4, 6, 8, 10]}
            tick={EJE}
            width={32}
          />
          <ReferenceLine yAxisId="nps" y={0} stroke="var(--mantine-color-gray-5)" />
          <Tooltip
            formatter={(valor, nombre) => [
              nombre === 'NPS' ? formatearNps(valor as number) : formatearNota(valor as number),
              nombre,
            ]}
            labelFormatter={(_, carga) => {
              const t = carga?.[0]?.payload as (typeof datos)[number] | undefined;
              return t
                ? `${formatearMes(t.mes)} · ${t.respondidas} ${t.respondidas === 1 ? 'respuesta' : 'respuestas'}`
                : '';
            }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
          <Line
            yAxisId="nps"
            dataKey="nps"
            name="NPS"
            stroke={COLOR_NPS}
            strokeWidth={3}
            dot={{ r: 3 }}
            connectNulls
            isAnimationActive={false}
          />
          {DIMENSIONES.map((d) => (
            <Line
              key={d}
              yAxisId="nota"
              dataKey={d}
              name={TITULO_DIMENSION[d]}
              stroke={COLOR_DIMENSION[d]}
              strokeWidth={1.5}
              strokeDasharray="4 3"
              // A month alone (no neighbour to draw a line to) still shows as a point.
              dot={{ r: 2 }}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
      {/* A table ignores the 1 px box of .solo-lector (it grows to its content): hide a wrapper. */}
      <div className="solo-lector">
        <table>
          <caption>NPS y promedio de cada área por mes</caption>
          <thead>
            <tr>
              <th>Mes</th>
              <th>Respuestas</th>
              <th>NPS</th>
              {DIMENSIONES.map((d) => (
                <th key={d}>{TITULO_DIMENSION[d]}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {tendencia
              .filter((t) => t.respondidas > 0)
              .map((t) => (
                <tr key={t.mes}>
                  <td>{formatearMes(t.mes)}</td>
                  <td>{t.respondidas}</td>
                  <td>{formatearNps(t.nps)}</td>
                  {DIMENSIONES.map((d) => (
                    <td key={d}>{formatearNota(t[d])}</td>
                  ))}
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** How many answers gave each general score, 1 to 10, coloured by NPS group. */
export function GraficoDistribucion({ distribucion }: { distribucion: AnalisisSatisfaccion['distribucion'] }) {
  return (
    <>
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={distribucion} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={CUADRICULA} vertical={false} />
          <XAxis dataKey="nota" tick={EJE} />
          <YAxis allowDecimals={false} tick={EJE} width={44} />
          <Tooltip
            formatter={(valor) => [valor, 'Respuestas']}
            labelFormatter={(nota) => `Nota ${nota}`}
            cursor={{ fill: 'var(--mantine-color-gray-1)' }}
          />
          <Bar dataKey="cantidad" name="Respuestas" radius={[4, 4, 0, 0]} isAnimationActive={false}>
            {distribucion.map((d) => (
              <Cell
                key={d.nota}
                fill={`var(--mantine-color-${colorNota(d.nota)}-${colorNota(d.nota) === 'yellow' ? 5 : 7})`}
              />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      <div className="solo-lector">
        <table>
          <caption>Respuestas por nota general</caption>
          <tbody>
            {distribucion.map((d) => (
              <tr key={d.nota}>
                <th scope="row">Nota {d.nota}</th>
                <td>{d.cantidad}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
