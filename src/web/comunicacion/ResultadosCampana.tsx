import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChecklist, IconSend } from '@tabler/icons-react';
import { formatearFecha, formatearFechaHora } from '../../shared/formato.ts';
import { ApiError, mensajeDeError } from '../api.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import NoEncontrado from '../components/NoEncontrado.tsx';
import { useTituloPagina } from '../components/Pagina.tsx';
import { Seccion } from '../components/Seccion.tsx';
import { useUsuario } from '../sesion/sesion.ts';
import { ESTADO_CAMPANA, ESTADO_MENSAJE, NOMBRE_CANAL, NOMBRE_TIPO_CAMPANA, puedeEnviarCampanas } from './catalogos.ts';
import { enviarCampana, trasCambioDeMensajes, useCampana, useDestinatariosCampana } from './consultas.ts';
import { Destinatarios } from './Destinatarios.tsx';
import { EnvioCampana } from './EnvioCampana.tsx';
import { mostrarDestino } from './formato.ts';
import type { MensajeCampana, ResultadosCampana as Resultados, ResumenCampana } from './tipos.ts';

const FILTROS: { value: string; label: string; cumple: (m: MensajeCampana) => boolean }[] = [
  { value: 'todos', label: 'Todos', cumple: () => true },
  { value: 'enviados', label: 'Enviados', cumple: (m) => m.estado === 'enviado' || m.estado === 'respondido' },
  { value: 'fallidos', label: 'Fallidos', cumple: (m) => m.estado === 'fallido' },
  { value: 'pendientes', label: 'Pendientes', cumple: (m) => m.estado === 'pendiente' },
  { value: 'retenidos', label: 'Retenidos', cumple: (m) => m.estado === 'retenido' },
  { value: 'respondidos', label: 'Respondieron', cumple: (m) => m.respondido },
  { value: 'convertidos', label: 'Convirtieron', cumple: (m) => m.convertido },
];

/** /campanas/:id: a campaign's results: summary cards, sending progress and every recipient's fate. */
export default function ResultadosCampana() {
  const id = Number(useParams().id);
  const datos = useCampana(id);
  useTituloPagina(datos.data?.campana.nombre);
  if (datos.error instanceof ApiError && datos.error.status === 404) return <NoEncontrado />;
  if (datos.isError) return <ErrorCarga error={datos.error} reintentar={() => void datos.refetch()} />;
  if (!datos.data) return <Cargando texto="Cargando la campaña…" />;
  return <Campana datos={datos.data} />;
}

function Campana({ datos }: { datos: Resultados }) {
  const usuario = useUsuario();
  const navigate = useNavigate();
  const { campana, resumen } = datos;
  const borrador = campana.estado === 'borrador' && resumen.destinatarios === 0;
  return (
    <Stack gap="md">
      <div>
        <Anchor component={Link} to="/campanas" size="sm">
          ← Campañas
        </Anchor>
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={1}>{campana.nombre}</Title>
            <Group gap="xs" mt={4}>
              <Badge variant="light" color={ESTADO_CAMPANA[campana.estado].color}>
                {ESTADO_CAMPANA[campana.estado].nombre}
              </Badge>
              <Badge variant="outline" color="gray">
                {NOMBRE_TIPO_CAMPANA[campana.tipo]}
              </Badge>
              <Badge variant="outline" color="gray">
                {NOMBRE_CANAL[campana.canal]}
              </Badge>
              <Text size="sm" c="dimmed">
                Creada el {formatearFecha(campana.creada_en)}
                {campana.enviada_en ? ` · enviada el ${formatearFechaHora(campana.enviada_en)}` : ''}
              </Text>
            </Group>
          </div>
          {campana.tipo === 'reactivacion' && !borrador && puedeEnviarCampanas(usuario.rol) && (
            <Button
              variant="light"
              leftSection={<IconChecklist size={16} aria-hidden />}
              onClick={() => navigate(`/campanas/reactivacion?campana=${campana.id_campana}&paso=resultados`)}
            >
              Registrar resultados
            </Button>
          )}
        </Group>
      </div>

      <Mensaje asunto={campana.asunto} cuerpo={campana.cuerpo} />

      {borrador ? (
        <Borrador datos={datos} />
      ) : (
        <>
          <Tarjetas resumen={resumen} />
          {(resumen.pendientes > 0 || resumen.fallidos > 0 || campana.canal !== 'email') && (
            <Seccion titulo="Envío">
              <EnvioCampana datos={datos} />
            </Seccion>
          )}
          <PorDestinatario items={datos.items} />
        </>
      )}
    </Stack>
  );
}

/** The template as written (variables unfilled), three lines until asked for the rest. */
function Mensaje({ asunto, cuerpo }: { asunto: string | null; cuerpo: string }) {
  const [completo, setCompleto] = useState(false);
  return (
    <Paper withBorder p="md">
      {asunto && (
        <Text size="sm" fw={600}>
          {asunto}
        </Text>
      )}
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lineClamp={completo ? undefined : 3}>
        {cuerpo}
      </Text>
      {(cuerpo.split('\n').length > 3 || cuerpo.length > 280) && (
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={() => setCompleto((v) => !v)}
          aria-expanded={completo}
        >
          {completo ? 'Ocultar' : 'Ver mensaje completo'}
        </Anchor>
      )}
    </Paper>
  );
}

/** A draft: who it would reach today, and the button that sends it. */
function Borrador({ datos }: { datos: Resultados }) {
  const usuario = useUsuario();
  const queryClient = useQueryClient();
  const destinatarios = useDestinatariosCampana(datos.campana.id_campana, true);
  const enviar = useMutation({
    mutationFn: () => enviarCampana(datos.campana.id_campana),
    onSuccess: async (r) => {
      notifications.show({ color: 'campo', message: `Campaña en envío a ${r.destinatarios} destinatarios.` });
      await trasCambioDeMensajes(queryClient);
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'No se pudo enviar', message: mensajeDeError(error) }),
  });
  const incluidos = destinatarios.data?.incluidos ?? 0;
  return (
    <Seccion
      titulo="Destinatarios"
      acciones={
        puedeEnviarCampanas(usuario.rol) && (
          <Button
            leftSection={<IconSend size={16} aria-hidden />}
            disabled={incluidos === 0}
            loading={enviar.isPending}
            onClick={() => enviar.mutate()}
          >
            Enviar a {incluidos}
          </Button>
        )
      }
    >
      {destinatarios.isError && <ErrorCarga error={destinatarios.error} />}
      {destinatarios.isPending && <Cargando />}
      <Destinatarios vista={destinatarios.data} canal={datos.campana.canal} />
    </Seccion>
  );
}

function Tarjetas({ resumen }: { resumen: ResumenCampana }) {
  const base = resumen.destinatarios || 1;
  const tarjetas = [
    { titulo: 'Destinatarios', valor: resumen.destinatarios, color: undefined, pie: null },
    {
      titulo: 'Enviados',
      valor: resumen.enviados,
      color: 'campo.8',
      pie: `${Math.round((100 * resumen.enviados) / base)} %`,
    },
    { titulo: 'Fallidos', valor: resumen.fallidos, color: resumen.fallidos ? 'red.8' : undefined, pie: null },
    { titulo: 'Pendientes', valor: resumen.pendientes, color: resumen.pendientes ? 'yellow.9' : undefined, pie: null },
    {
      titulo: 'Respondieron',
      valor: resumen.respondidos,
      color: 'blue.8',
      pie: `${Math.round((100 * resumen.respondidos) / base)} %`,
    },
    {
      titulo: 'Convirtieron',
      valor: resumen.convertidos,
      color: 'campo.8',
      pie: `${Math.round((100 * resumen.convertidos) / base)} %`,
    },
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" role="list" aria-label="Resumen de la campaña">
      {tarjetas.map((t) => (
        <Paper key={t.titulo} withBorder p="sm" role="listitem" aria-label={`${t.titulo}: ${t.valor}`}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            {t.titulo}
          </Text>
          <Text fz={28} fw={700} c={t.color} lh={1.2}>
            {t.valor}
          </Text>
          <Text size="xs" c="dimmed">
            {t.pie ?? '\u00a0'}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function PorDestinatario({ items }: { items: MensajeCampana[] }) {
  const [filtro, setFiltro] = useState('todos');
  const cumple = FILTROS.find((f) => f.value === filtro)?.cumple ?? (() => true);
  const visibles = items.filter(cumple);
  return (
    <Seccion titulo="Por destinatario">
      <SegmentedControl
        data={FILTROS.map((f) => ({ value: f.value, label: `${f.label} (${items.filter(f.cumple).length})` }))}
        value={filtro}
        onChange={setFiltro}
        aria-label="Filtrar destinatarios"
        style={{ alignSelf: 'flex-start' }}
      />
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing="xs" highlightOnHover aria-label="Destinatarios de la campaña">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Cliente</Table.Th>
              <Table.Th>Destino</Table.Th>
              <Table.Th>Estado</Table.Th>
              <Table.Th>Enviado</Table.Th>
              <Table.Th>Respondió</Table.Th>
              <Table.Th>Convirtió</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {visibles.map((m) => (
              <Table.Tr key={m.id_mensaje}>
                <Table.Td>
                  <Anchor component={Link} to={`/clientes/${m.id_cliente}`} size="sm" fw={500}>
                    {m.nombre}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {mostrarDestino(m.destino)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={ESTADO_MENSAJE[m.estado].color}>
                    {ESTADO_MENSAJE[m.estado].nombre}
                  </Badge>
                  {m.estado === 'retenido' && m.motivo_retencion && (
                    <Text size="xs" c="orange.9">
                      {m.motivo_retencion} Sale el {formatearFechaHora(m.programado_para)} si se permite.
                    </Text>
                  )}
                  {m.error && (
                    <Text size="xs" c="red.8">
                      {m.error} ({m.intentos} {m.intentos === 1 ? 'intento' : 'intentos'})
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{m.enviado_en ? formatearFechaHora(m.enviado_en) : '—'}</Text>
                </Table.Td>
                <Table.Td>{m.respondido ? 'Sí' : 'No'}</Table.Td>
                <Table.Td>{m.convertido ? 'Sí' : 'No'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Seccion>
  );
}
