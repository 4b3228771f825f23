import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsJoin, IconInfoCircle } from '@tabler/icons-react';
import { formatearFecha } from '../../shared/formato.ts';
import { api, mensajeDeError } from '../api.ts';
import { NOMBRE_TIPO_PERSONA } from '../clientes/catalogos.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { contar } from '../components/formato.ts';
import { puedeEditarClientes, useUsuario } from '../sesion/sesion.ts';
import { CAMPOS_FUSION, useVistaPreviaFusion, type CampoFusion, type ClienteFusion } from './duplicados.consultas.ts';

const ETIQUETA: Record<CampoFusion, string> = {
  nombre: 'Nombre o razón social',
  tipo_persona: 'Tipo',
  direccion: 'Dirección',
  comuna: 'Comuna',
  telefono: 'Teléfono',
  email: 'Email',
  fecha_nacimiento: 'Fecha de nacimiento',
  fecha_aniversario: 'Aniversario',
  id_responsable: 'Responsable',
  notas: 'Notas',
  canal_preferido: 'Canal preferido',
  horario_contacto: 'Horario de contacto',
  notas_idioma: 'Idioma y trato',
};

const CANAL: Record<string, string> = { llamada: 'Llamada', whatsapp: 'WhatsApp', email: 'Email', visita: 'Visita' };

const HISTORIA: [string, string, string][] = [
  ['interacciones_cliente', 'interacción', 'interacciones'],
  ['equipos', 'equipo', 'equipos'],
  ['ordenes_trabajo', 'orden', 'órdenes'],
  ['pedidos_repuestos', 'pedido', 'pedidos'],
  ['cotizaciones', 'cotización', 'cotizaciones'],
  ['encuestas_satisfaccion', 'encuesta', 'encuestas'],
  ['mensajes', 'mensaje', 'mensajes'],
  ['consentimientos', 'consentimiento', 'consentimientos'],
  ['contactos_cliente', 'contacto', 'contactos'],
  ['clientes_etiquetas', 'etiqueta', 'etiquetas'],
];

function mostrar(c: ClienteFusion, campo: CampoFusion): string {
  const v = c[campo];
  if (v == null || v === '') return '—';
  if (campo === 'comuna') return `${String(v)}${c.region ? `, ${c.region}` : ''}`;
  if (campo === 'tipo_persona') return NOMBRE_TIPO_PERSONA[v as 'natural' | 'empresa'] ?? String(v);
  if (campo === 'fecha_nacimiento' || campo === 'fecha_aniversario') return formatearFecha(String(v));
  if (campo === 'id_responsable') return (c as unknown as { responsable: string | null }).responsable ?? `Usuario ${v}`;
  if (campo === 'canal_preferido') return CANAL[String(v)] ?? String(v);
  return String(v);
}

const resumenHistoria = (h: Record<string, number>) =>
  HISTORIA.filter(([t]) => (h[t] ?? 0) > 0)
    .map(([t, uno, varios]) => contar(h[t]!, uno, varios))
    .join(' · ') || 'sin historia';

const total = (h: Record<string, number>) => Object.values(h).reduce((s, n) => s + n, 0);

/** /calidad/fusionar?a=&b=: the two records side by side; pick the one that stays and, field by field, the values. */
export default function Fusionar() {
  const [parametros] = useSearchParams();
  const a = Number(parametros.get('a'));
  const b = Number(parametros.get('b'));
  const previa = useVistaPreviaFusion(a, b);
  if (!(a > 0 && b > 0 && a !== b)) return <Alert color="orange">Elija dos clientes distintos para comparar.</Alert>;
  if (previa.isError) return <ErrorCarga error={previa.error} reintentar={() => void previa.refetch()} />;
  if (!previa.data) return <Cargando texto="Comparando los dos clientes…" />;
  const [x, y] = previa.data.clientes;
  // The record with more history stays by default: fewer rows move.
  return (
    <Comparacion
      key={`${a}:${b}`}
      x={x}
      y={y}
      diferencias={previa.data.diferencias}
      inicial={total(y.historia) > total(x.historia) ? 1 : 0}
    />
  );
}

function Comparacion({
  x,
  y,
  diferencias,
  inicial,
}: {
  x: ClienteFusion;
  y: ClienteFusion;
  diferencias: CampoFusion[];
  inicial: 0 | 1;
}) {
  const usuario = useUsuario();
  const navigate = useNavigate();
  const cliente = useQueryClient();
  const clientes = [x, y] as const;
  const [queda, setQueda] = useState<0 | 1>(inicial);
  // Per field, which side's value wins; unset fields follow the rule "the survivor's, unless empty".
  const [elegidos, setElegidos] = useState<Partial<Record<CampoFusion, 0 | 1>>>({});
  const [confirmar, setConfirmar] = useState(false);
  const sup = clientes[queda];
  const fus = clientes[queda === 0 ? 1 : 0];
  const ganador = (campo: CampoFusion): 0 | 1 =>
    elegidos[campo] ?? (sup[campo] == null && fus[campo] != null ? (queda === 0 ? 1 : 0) : queda);

  const fusionar = useMutation({
    mutationFn: () =>
      api<{ id_fusion: number; id_cliente: number }>('/api/fusiones', {
        metodo: 'POST',
        cuerpo: {
          id_superviviente: sup.id_cliente,
          id_fusionado: fus.id_cliente,
          version_superviviente: sup.version,
          version_fusionado: fus.version,
          valores: Object.fromEntries(
            diferencias.map((c) => [c, ganador(c) === queda ? 'superviviente' : 'fusionado'] as const),
          ),
        },
      }),
    onSuccess: (r) => {
      void cliente.invalidateQueries();
      notifications.show({
        color: 'campo',
        title: 'Clientes fusionados',
        message: `«${fus.nombre}» quedó dentro de «${String(sup.nombre)}». Un administrador puede deshacerlo desde la ficha.`,
      });
      navigate(`/clientes/${r.id_cliente}`);
    },
    onError: (e) => {
      setConfirmar(false);
      notifications.show({ color: 'red', title: 'No se pudo fusionar', message: mensajeDeError(e) });
    },
  });

  return (
    <Stack gap="md">
      <div>
        <Anchor component={Link} to="/calidad/duplicados" size="sm">
          ← Posibles duplicados
        </Anchor>
        <Title order={1}>Fusionar clientes</Title>
      </div>
      <Radio.Group
        label="¿Qué ficha se conserva?"
        description="Conserva su RUT; toda la historia de la otra pasa a ella y la otra queda archivada, con sus enlaces llevando aquí."
        value={String(queda)}
        onChange={(v) => {
          setQueda(v === '1' ? 1 : 0);
          setElegidos({});
        }}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
          {clientes.map((c, i) => (
            <Paper key={c.id_cliente} withBorder p="sm" bg={queda === i ? 'campo.0' : undefined}>
              <Radio
                value={String(i)}
                label={
                  <Stack gap={0}>
                    <Text fw={600}>{String(c.nombre)}</Text>
                    <Text size="sm" c="dimmed">
                      RUT {c.rut_formateado} · cliente {c.id_cliente}
                    </Text>
                    <Text size="sm">{resumenHistoria(c.historia)}</Text>
                  </Stack>
                }
              />
            </Paper>
          ))}
        </SimpleGrid>
      </Radio.Group>

      <Table aria-label="Datos de cada ficha" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Dato</Table.Th>
            {clientes.map((c, i) => (
              <Table.Th key={c.id_cliente}>{queda === i ? 'Se conserva' : 'Se fusiona'}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {CAMPOS_FUSION.map((campo) => {
            const distinto = diferencias.includes(campo);
            return (
              <Table.Tr key={campo}>
                <Table.Td fw={500}>{ETIQUETA[campo]}</Table.Td>
                {clientes.map((c, i) => (
                  <Table.Td key={c.id_cliente}>
                    {distinto ? (
                      <Radio
                        name={`campo-${campo}`}
                        checked={ganador(campo) === i}
                        onChange={() => setElegidos((e) => ({ ...e, [campo]: i as 0 | 1 }))}
                        label={mostrar(c, campo)}
                        aria-label={`${ETIQUETA[campo]}: ${mostrar(c, campo)}`}
                      />
                    ) : (
                      <Text size="sm" c="dimmed">
                        {mostrar(c, campo)}
                      </Text>
                    )}
                  </Table.Td>
                ))}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>

      <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
        Se moverán a «{String(sup.nombre)}»: {resumenHistoria(fus.historia)}. Los indicadores se recalculan al fusionar.
        Un administrador puede deshacer la fusión mientras nadie registre nada nuevo en ninguna de las dos fichas.
      </Alert>
      {puedeEditarClientes(usuario.rol) && (
        <Group>
          <Button leftSection={<IconArrowsJoin size={16} aria-hidden />} onClick={() => setConfirmar(true)}>
            Fusionar
          </Button>
        </Group>
      )}
      <Modal opened={confirmar} onClose={() => setConfirmar(false)} title="Confirmar la fusión">
        <Stack>
          <Text>
            «{String(fus.nombre)}» (RUT {fus.rut_formateado}) quedará dentro de «{String(sup.nombre)}» (RUT{' '}
            {sup.rut_formateado}) con toda su historia.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmar(false)}>
              Cancelar
            </Button>
            <Button loading={fusionar.isPending} onClick={() => fusionar.mutate()}>
              Sí, fusionar
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
