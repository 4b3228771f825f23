import { Badge, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { formatearFecha, formatearFechaHora, formatearMonto } from '../../shared/formato.ts';
import type { BriefVisita, Dimension, EstadoMantencion } from './tipos.ts';

const decimal = new Intl.NumberFormat('es-CL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const numero = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 1 });
const mayuscula = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

export const NOMBRE_DIMENSION: Record<Dimension, string> = {
  tiempo: 'tiempo de respuesta',
  calidad: 'calidad de servicio',
  precio: 'precio',
  atencion: 'atención al cliente',
};
const DIMENSIONES: Dimension[] = ['tiempo', 'calidad', 'precio', 'atencion'];

const ESTADO: Record<EstadoMantencion, { texto: string; color: string }> = {
  atrasada: { texto: 'Atrasada', color: 'red' },
  proxima: { texto: 'Próxima', color: 'orange' },
  al_dia: { texto: 'Al día', color: 'campo' },
  sin_datos: { texto: 'Sin datos', color: 'gray' },
};
const TIPO_INTERACCION: Record<string, string> = {
  llamada: 'Llamada',
  email: 'Email',
  visita: 'Visita',
  whatsapp: 'WhatsApp',
  otro: 'Otro',
};

function Dato({ etiqueta, valor }: { etiqueta: string; valor: string | null | undefined }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {etiqueta}
      </Text>
      <Text size="sm" fw={500}>
        {valor || '—'}
      </Text>
    </div>
  );
}

const Vacio = ({ texto }: { texto: string }) => (
  <Text size="sm" c="dimmed">
    {texto}
  </Text>
);

/** Machines with their last and next service. */
export function EquiposVisita({ equipos }: { equipos: BriefVisita['equipos'] }) {
  if (equipos.length === 0) return <Vacio texto="El cliente no tiene equipos registrados." />;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing={4} fz="sm" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Equipo</Table.Th>
            <Table.Th>Año</Table.Th>
            <Table.Th ta="right">Horómetro</Table.Th>
            <Table.Th>Último servicio</Table.Th>
            <Table.Th>Próxima mantención</Table.Th>
            <Table.Th>Estado</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {equipos.map((e) => (
            <Table.Tr key={e.id_equipo}>
              <Table.Td fw={600}>{mayuscula(e.nombre)}</Table.Td>
              <Table.Td>{e.anio ?? '—'}</Table.Td>
              <Table.Td ta="right">{e.horometro == null ? '—' : `${numero.format(e.horometro)} h`}</Table.Td>
              <Table.Td>
                {e.ultimo_servicio ? `${formatearFecha(e.ultimo_servicio.fecha)} (${e.ultimo_servicio.tipo})` : '—'}
              </Table.Td>
              <Table.Td>
                {e.proxima_mantencion?.fecha
                  ? `${formatearFecha(e.proxima_mantencion.fecha)}${e.proxima_mantencion.motivo === 'horas' ? ' (por horas de uso)' : ''}`
                  : '—'}
              </Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={ESTADO[e.estado_mantencion].color}>
                  {e.activo ? ESTADO[e.estado_mantencion].texto : 'De baja'}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** NPS, strongest and weakest area (DOMAIN.md "Weakest area") and each dimension's mean. */
export function SatisfaccionVisita({ s }: { s: BriefVisita['satisfaccion'] }) {
  if (s.respondidas === 0) return <Vacio texto="Sin encuestas respondidas." />;
  const areas = (ds: Dimension[]) =>
    ds.map((d) => `${NOMBRE_DIMENSION[d]} (${decimal.format(s.promedios[d] ?? 0)}/10)`).join(', ');
  return (
    <Stack gap="xs">
      <SimpleGrid cols={3} spacing="xs">
        <Dato etiqueta="NPS del cliente" valor={s.nps == null ? null : `${s.nps} (${s.respondidas} encuestas)`} />
        <Dato etiqueta="Área más fuerte" valor={areas(s.mas_fuerte)} />
        <Dato etiqueta="Área más débil" valor={areas(s.mas_debil)} />
      </SimpleGrid>
      <Group gap="md">
        {DIMENSIONES.map((d) => (
          <Text key={d} size="sm" c={s.mas_debil.includes(d) ? 'red.8' : undefined}>
            {mayuscula(NOMBRE_DIMENSION[d])}:{' '}
            <b>{s.promedios[d] == null ? '—' : `${decimal.format(s.promedios[d]!)}/10`}</b>
          </Text>
        ))}
      </Group>
      {s.ultima && (
        <Text size="xs" c="dimmed" fs="italic">
          Última encuesta ({formatearFecha(s.ultima.fecha)}): nota {s.ultima.puntuacion_general ?? '—'}
          {s.ultima.comentarios ? ` — «${s.ultima.comentarios}»` : ''}
        </Text>
      )}
    </Stack>
  );
}

/** Historical value against the average customer, segment and the fleet's potential. */
export function ValorVisita({ v }: { v: BriefVisita['valor'] }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
      <Dato etiqueta="Valor histórico" valor={formatearMonto(v.valor_historico)} />
      <Dato
        etiqueta="Promedio de los clientes"
        valor={v.valor_promedio_clientes == null ? null : formatearMonto(v.valor_promedio_clientes)}
      />
      <Dato
        etiqueta="Frente al promedio"
        valor={v.relacion_con_promedio == null ? null : `${decimal.format(v.relacion_con_promedio)} veces`}
      />
      <Dato
        etiqueta="Segmento"
        valor={
          v.segmento_abc
            ? `${v.segmento_abc}${v.potencial_alto == null ? '' : v.potencial_alto ? ' · potencial alto' : ' · potencial bajo'}`
            : null
        }
      />
      <Dato etiqueta="Compras últimos 12 meses" valor={formatearMonto(v.valor_ultimo_anio)} />
      <Dato
        etiqueta="Potencial anual de su flota"
        valor={v.valor_potencial == null ? null : formatearMonto(v.valor_potencial)}
      />
      <Dato etiqueta="Brecha" valor={v.brecha == null ? null : formatearMonto(v.brecha)} />
      <Dato etiqueta="Cliente recurrente" valor={v.cliente_recurrente ? 'Sí' : 'No'} />
    </SimpleGrid>
  );
}

/** Open follow-ups and pending quotes: the promises to keep at the visit. */
export function PendientesVisita({ b }: { b: BriefVisita }) {
  return (
    <Stack gap="xs">
      {b.seguimientos_abiertos.length === 0 ? (
        <Vacio texto="Sin seguimientos pendientes." />
      ) : (
        b.seguimientos_abiertos.map((s) => (
          <Text key={s.id_interaccion} size="sm">
            Seguimiento: <b>{s.motivo}</b> · {formatearFecha(s.fecha_seguimiento)}
            {s.responsable ? ` · ${s.responsable}` : ''}
          </Text>
        ))
      )}
      {b.cotizaciones_abiertas.length === 0 ? (
        <Vacio texto="Sin cotizaciones pendientes." />
      ) : (
        b.cotizaciones_abiertas.map((q) => (
          <Text key={q.id_cotizacion} size="sm">
            Cotización <b>{q.numero ?? `N° ${q.id_cotizacion}`}</b> por <b>{formatearMonto(q.monto_total)}</b>
            {q.fecha_vencimiento ? ` · vence el ${formatearFecha(q.fecha_vencimiento)}` : ''}
            {q.descripcion ? ` · ${q.descripcion}` : ''}
          </Text>
        ))
      )}
    </Stack>
  );
}

export function OportunidadesVisita({ o }: { o: BriefVisita['oportunidades'] }) {
  if (o.items.length === 0) return <Vacio texto="Sin oportunidades detectadas." />;
  return (
    <Stack gap={4}>
      {o.items.map((x, i) => (
        <Group key={i} justify="space-between" wrap="nowrap" gap="sm">
          <Text size="sm">{x.motivo}</Text>
          <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
            {formatearMonto(x.valor_estimado)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

export function InteraccionesVisita({ interacciones }: { interacciones: BriefVisita['interacciones'] }) {
  if (interacciones.length === 0) return <Vacio texto="Sin interacciones registradas." />;
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table verticalSpacing={4} fz="sm" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Fecha</Table.Th>
            <Table.Th>Tipo</Table.Th>
            <Table.Th>Motivo</Table.Th>
            <Table.Th>Resultado</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {interacciones.map((i) => (
            <Table.Tr key={i.id_interaccion}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatearFechaHora(i.fecha)}</Table.Td>
              <Table.Td>{TIPO_INTERACCION[i.tipo] ?? i.tipo}</Table.Td>
              <Table.Td>{i.motivo}</Table.Td>
              <Table.Td>{i.resultado ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
