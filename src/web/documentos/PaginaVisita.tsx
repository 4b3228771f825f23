import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Anchor, Button, Checkbox, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconFileTypePdf, IconPrinter } from '@tabler/icons-react';
import { formatearFechaHora } from '../../shared/formato.ts';
import { api } from '../api.ts';
import { ClienteNoEncontrado, esClienteInexistente } from '../clientes/ClienteNoEncontrado.tsx';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { useTituloPagina } from '../components/Pagina.tsx';
import { Seccion } from '../components/Seccion.tsx';
import { enlaceFichaPdf, enlaceVisitaPdf } from './BotonesDocumentosCliente.tsx';
import {
  EquiposVisita,
  InteraccionesVisita,
  OportunidadesVisita,
  PendientesVisita,
  SatisfaccionVisita,
  ValorVisita,
} from './SeccionesVisita.tsx';
import type { BriefVisita } from './tipos.ts';
import './visita.css';

/** `+56912345678` → `+56 9 1234 5678` (Chilean mobiles and Santiago lines; others as stored). */
const telefono = (e164: string) => {
  const m = /^\+56([29])(\d{4})(\d{4})$/.exec(e164);
  return m ? `+56 ${m[1]} ${m[2]} ${m[3]}` : e164;
};

/** The talking points as a checklist to tick during the visit (kept on this screen only). */
function Puntos({ puntos }: { puntos: BriefVisita['puntos'] }) {
  const [hechos, setHechos] = useState<Set<number>>(new Set());
  return (
    <Stack gap={8} role="list" aria-label="Puntos de conversación">
      {puntos.map((p, i) => (
        <div role="listitem" key={i} className="punto-visita" data-tipo={p.tipo}>
          <Checkbox
            label={p.texto}
            checked={hechos.has(i)}
            onChange={(e) => {
              const copia = new Set(hechos);
              if (e.currentTarget.checked) copia.add(i);
              else copia.delete(i);
              setHechos(copia);
            }}
            styles={{ label: { fontSize: 'var(--mantine-font-size-md)' } }}
          />
        </div>
      ))}
    </Stack>
  );
}

/**
 * /clientes/:id/visita: the seed's example 1 — what a commercial reads before visiting a cliente:
 * talking points first, then the machines, satisfaction, value, pending promises and recent contacts.
 * Prints as one sheet (visita.css); the same content is downloadable as a server PDF.
 */
export default function PaginaVisita() {
  const id = Number(useParams().id);
  const brief = useQuery({
    queryKey: ['visita', id],
    queryFn: ({ signal }) => api<BriefVisita>(`/api/clientes/${id}/visita`, { signal }),
    enabled: Number.isInteger(id) && id > 0,
    // Each generation is audited on the server: do not ask again behind the user's back.
    staleTime: Infinity,
  });
  useTituloPagina(brief.data ? `Visita a ${brief.data.cliente.nombre}` : undefined);

  if (esClienteInexistente(id, brief.error)) return <ClienteNoEncontrado />;
  if (brief.isError) return <ErrorCarga error={brief.error} reintentar={() => void brief.refetch()} />;
  if (!brief.data) return <Cargando texto="Preparando el brief de la visita…" />;
  const b = brief.data;
  const c = b.cliente;
  const contacto = [
    `RUT ${c.rut_formateado}`,
    c.telefono ? telefono(c.telefono) : null,
    c.email,
    [c.comuna, c.region].filter(Boolean).join(', ') || null,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <Stack gap="md" className="brief-visita">
      <div>
        <Anchor component={Link} to={`/clientes/${c.id_cliente}`} size="sm" className="no-imprimir">
          ← Ficha del cliente
        </Anchor>
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={2}>
            <Title order={1}>Preparar visita: {c.nombre}</Title>
            <Text c="dimmed" size="sm">
              {contacto}
            </Text>
            <Text c="dimmed" size="sm">
              Generado el {formatearFechaHora(b.generado_en)}
              {c.responsable ? ` · Responsable: ${c.responsable}` : ''}
            </Text>
          </Stack>
          <Group gap="xs" className="no-imprimir">
            <Button
              component="a"
              href={enlaceVisitaPdf(c.id_cliente)}
              download
              leftSection={<IconFileTypePdf size={18} aria-hidden />}
            >
              Descargar PDF
            </Button>
            <Button
              component="a"
              href={enlaceFichaPdf(c.id_cliente)}
              download
              variant="default"
              leftSection={<IconFileTypePdf size={18} aria-hidden />}
            >
              Ficha en PDF
            </Button>
            <Button
              variant="default"
              leftSection={<IconPrinter size={18} aria-hidden />}
              onClick={() => window.print()}
            >
              Imprimir
            </Button>
          </Group>
        </Group>
      </div>

      <Seccion titulo="Puntos de conversación">
        <Puntos puntos={b.puntos} />
      </Seccion>
      <Seccion titulo="Equipos y mantenciones">
        <EquiposVisita equipos={b.equipos} />
      </Seccion>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Seccion titulo="Satisfacción">
          <SatisfaccionVisita s={b.satisfaccion} />
        </Seccion>
        <Seccion titulo="Valor del cliente">
          <ValorVisita v={b.valor} />
        </Seccion>
        <Seccion titulo="Seguimientos y cotizaciones abiertas">
          <PendientesVisita b={b} />
        </Seccion>
        <Seccion titulo="Oportunidades">
          <OportunidadesVisita o={b.oportunidades} />
        </Seccion>
      </SimpleGrid>
      <Seccion titulo="Últimas 10 interacciones">
        <InteraccionesVisita interacciones={b.interacciones} />
      </Seccion>
    </Stack>
  );
}
