import { Group, Text } from '@mantine/core';
import { COLOR_VACIO, MEDIDAS, type Clase, type Medida } from './escala.ts';

function Muestra({ color, texto }: { color: string; texto: string }) {
  return (
    <Group gap={4} wrap="nowrap">
      <span
        aria-hidden
        style={{
          width: 14,
          height: 14,
          background: color,
          border: '1px solid #adb5bd',
          display: 'inline-block',
          borderRadius: 2,
        }}
      />
      <Text size="xs">{texto}</Text>
    </Group>
  );
}

/** The colour classes of the map with their ranges, and the colour of regions without data. */
export function Leyenda({ medida, clases }: { medida: Medida; clases: Clase[] }) {
  const { formato, etiqueta } = MEDIDAS.find((m) => m.valor === medida)!;
  const rango = (c: Clase) => (c.desde === c.hasta ? formato(c.desde) : `${formato(c.desde)} a ${formato(c.hasta)}`);
  return (
    <Group gap="sm" mt="xs" role="list" aria-label={`Leyenda: ${etiqueta}`}>
      {clases.map((c) => (
        <div role="listitem" key={c.color}>
          <Muestra color={c.color} texto={rango(c)} />
        </div>
      ))}
      <div role="listitem">
        <Muestra color={COLOR_VACIO} texto={medida === 'nps' ? 'Sin encuestas' : 'Sin clientes'} />
      </div>
    </Group>
  );
}
