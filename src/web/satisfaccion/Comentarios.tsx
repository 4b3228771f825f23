import { useState } from 'react';
import { Link } from 'react-router';
import {
  Anchor,
  Badge,
  Box,
  EmptyState,
  Group,
  Input,
  LoadingOverlay,
  Pagination,
  Paper,
  RangeSlider,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconMessageCircle, IconSearch } from '@tabler/icons-react';
import { formatearFecha } from '../../shared/formato.ts';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { contar } from '../components/formato.ts';
import { useComentarios } from './consultas.ts';
import { colorNota, NOMBRE_TIPO_ORDEN } from './formato.ts';
import type { ComentarioEncuesta, FiltrosSatisfaccion } from './tipos.ts';

const POR_PAGINA = 10;
const MARCAS = [1, 4, 7, 10].map((n) => ({ value: n, label: String(n) }));

/** Comments of the period: search (the server ignores accents), score range and pages. */
export function Comentarios({ filtros }: { filtros: FiltrosSatisfaccion }) {
  const [texto, setTexto] = useState('');
  const [q] = useDebouncedValue(texto.trim(), 300);
  const [notas, setNotas] = useState<[number, number]>([1, 10]);
  const [rango] = useDebouncedValue(notas, 200);
  const [pagina, setPagina] = useState(1);
  // Any change of what is searched starts again from the first page.
  const clave = JSON.stringify([filtros, q, rango]);
  const [claveVista, setClaveVista] = useState(clave);
  if (clave !== claveVista) {
    setClaveVista(clave);
    setPagina(1);
  }
  const comentarios = useComentarios({
    ...filtros,
    q: q || undefined,
    nota_min: rango[0] > 1 ? rango[0] : undefined,
    nota_max: rango[1] < 10 ? rango[1] : undefined,
    limit: POR_PAGINA,
    offset: (pagina - 1) * POR_PAGINA,
  });
  const total = comentarios.data?.total ?? 0;
  const paginas = Math.max(1, Math.ceil(total / POR_PAGINA));
  const filtrando = q !== '' || rango[0] > 1 || rango[1] < 10;

  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          label="Buscar en los comentarios"
          placeholder="Por ejemplo: repuesto, demora, atención"
          type="search"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={texto}
          onChange={(e) => setTexto(e.currentTarget.value)}
        />
        <div>
          <Input.Label id="rango-notas">
            Nota general: de {notas[0]} a {notas[1]}
          </Input.Label>
          <RangeSlider
            aria-labelledby="rango-notas"
            min={1}
            max={10}
            step={1}
            minRange={0}
            marks={MARCAS}
            value={notas}
            onChange={setNotas}
            thumbFromLabel="Nota mínima"
            thumbToLabel="Nota máxima"
            mt={6}
            mb="md"
          />
        </div>
      </SimpleGrid>

      {comentarios.isError && <ErrorCarga error={comentarios.error} reintentar={() => void comentarios.refetch()} />}
      {comentarios.data && (
        <Box pos="relative">
          <LoadingOverlay
            visible={comentarios.isFetching && comentarios.isPlaceholderData}
            overlayProps={{ blur: 1 }}
            loaderProps={{ size: 'sm' }}
          />
          <Text size="sm" c="dimmed" mb="xs" aria-live="polite">
            {contar(total, 'comentario')}
          </Text>
          {comentarios.data.items.length === 0 ? (
            <EmptyState
              size="sm"
              icon={<IconMessageCircle size={28} aria-hidden />}
              title={filtrando ? 'Ningún comentario coincide' : 'Sin comentarios en el período'}
              description={
                filtrando
                  ? 'Pruebe con otras palabras o amplíe el rango de notas.'
                  : 'Los comentarios que dejen los clientes en las encuestas aparecerán aquí.'
              }
            />
          ) : (
            <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {comentarios.data.items.map((c) => (
                <TarjetaComentario key={c.id_encuesta} comentario={c} />
              ))}
            </Stack>
          )}
        </Box>
      )}
      {total > POR_PAGINA && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            Página {pagina} de {paginas}
          </Text>
          <Pagination
            total={paginas}
            value={Math.min(pagina, paginas)}
            onChange={setPagina}
            size="sm"
            getControlProps={(control) => ({
              'aria-label': {
                first: 'Primera página',
                last: 'Última página',
                next: 'Página siguiente',
                previous: 'Página anterior',
              }[control],
            })}
            getItemProps={(p) => ({ 'aria-label': `Página ${p}` })}
          />
        </Group>
      )}
    </Stack>
  );
}

function TarjetaComentario({ comentario: c }: { comentario: ComentarioEncuesta }) {
  const detalles = [
    c.tipo_orden ? `Orden ${NOMBRE_TIPO_ORDEN[c.tipo_orden].toLowerCase()}` : null,
    c.tecnico ? `Técnico: ${c.tecnico}` : null,
  ].filter(Boolean);
  return (
    <Paper component="li" withBorder p="sm">
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Anchor component={Link} to={`/clientes/${c.id_cliente}`} fw={600} size="sm">
              {c.cliente}
            </Anchor>
            <Text size="xs" c="dimmed">
              {formatearFecha(c.fecha)}
            </Text>
          </Group>
          {detalles.length > 0 && (
            <Text size="xs" c="dimmed">
              {detalles.join(' · ')}
            </Text>
          )}
        </Stack>
        <Badge
          color={colorNota(c.puntuacion_general)}
          autoContrast
          size="lg"
          aria-label={`Nota ${c.puntuacion_general} de 10`}
        >
          {c.puntuacion_general}
        </Badge>
      </Group>
      <Text size="sm" mt={6} style={{ whiteSpace: 'pre-line' }}>
        «{c.comentarios}»
      </Text>
    </Paper>
  );
}
