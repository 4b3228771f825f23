import { useState } from 'react';
import { ActionIcon, Button, Group, Input, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { formatearMonto, hoyEnSantiago } from '../../shared/formato.ts';
import { NOMBRE_TIPO_EQUIPO } from '../clientes/catalogos.ts';
import { CampoFecha } from '../components/CampoFecha.tsx';
import { mostrarErrorDeGuardado } from '../components/erroresFormulario.ts';
import { Seleccion } from '../components/Seleccion.tsx';
import { aId, idONull, numeroONull, PROPS_MONTO, textoONull } from './campos.ts';
import { NOMBRE_ESTADO_PEDIDO, opciones } from './catalogos.ts';
import { useEquiposDeCliente } from './consultas.ts';
import { BotonesDialogo, ModalServicio, useGuardarServicio } from './ModalServicio.tsx';
import type { EstadoPedido, ItemPedido, Pedido } from './tipos.ts';

interface Item {
  codigo: string;
  descripcion: string;
  cantidad: number | string;
  precio: number | string;
}

interface Valores {
  id_equipo: string | null;
  numero: string;
  fecha: string | null;
  estado: EstadoPedido;
  fecha_entrega: string | null;
  monto_total: number | string;
  items: Item[];
}

const CAMPOS = ['id_equipo', 'numero', 'fecha', 'estado', 'fecha_entrega', 'monto_total', 'items'];

/** The items as stored: jsonb arrives parsed from pg, possibly as text elsewhere. */
function leerItems(items: Pedido['items']): ItemPedido[] {
  if (!items) return [];
  if (typeof items === 'string') {
    try {
      return JSON.parse(items) as ItemPedido[];
    } catch {
      return [];
    }
  }
  return items;
}

const totalItems = (items: Item[]) =>
  Math.round(items.reduce((s, i) => s + (numeroONull(i.cantidad) ?? 0) * (numeroONull(i.precio) ?? 0), 0));

interface Props {
  abierto: boolean;
  alCerrar: () => void;
  idCliente: number;
  id: number | null;
}

/** New or edited pedido de repuestos; with items, the total is their sum (as the server computes it). */
export function DialogoPedido({ abierto, alCerrar, idCliente, id }: Props) {
  return (
    <ModalServicio<Pedido>
      abierto={abierto}
      alCerrar={alCerrar}
      titulo={id ? 'Editar pedido de repuestos' : 'Nuevo pedido de repuestos'}
      recurso="pedidos"
      id={id}
    >
      {(actual) => <FormularioPedido actual={actual} idCliente={idCliente} alCerrar={alCerrar} />}
    </ModalServicio>
  );
}

function FormularioPedido({
  actual,
  idCliente,
  alCerrar,
}: {
  actual: Pedido | null;
  idCliente: number;
  alCerrar: () => void;
}) {
  const guardarServicio = useGuardarServicio<Pedido>('pedidos', idCliente);
  const equipos = useEquiposDeCliente(idCliente);
  const [enviando, setEnviando] = useState(false);
  const hoy = hoyEnSantiago();
  const form = useForm<Valores>({
    initialValues: {
      id_equipo: aId(actual?.id_equipo),
      numero: actual?.numero ?? '',
      fecha: actual?.fecha ?? hoy,
      estado: actual?.estado ?? 'pendiente',
      fecha_entrega: actual?.fecha_entrega ?? null,
      monto_total: actual ? Number(actual.monto_total) : '',
      items: leerItems(actual?.items ?? null).map((i) => ({
        codigo: i.codigo ?? '',
        descripcion: i.descripcion,
        cantidad: i.cantidad,
        precio: i.precio,
      })),
    },
    validate: {
      fecha: (v) => (v ? null : 'Indique la fecha del pedido.'),
      items: { descripcion: (v) => (v.trim() ? null : 'Describa el repuesto.') },
    },
  });
  const conItems = form.values.items.length > 0;

  async function guardar(v: Valores) {
    setEnviando(true);
    try {
      await guardarServicio(
        actual,
        actual?.id_pedido ?? null,
        {
          id_equipo: idONull(v.id_equipo),
          numero: textoONull(v.numero),
          fecha: v.fecha,
          estado: v.estado,
          fecha_entrega: v.fecha_entrega,
          // With items the server adds them up; sending a total too would have to match to the peso.
          ...(v.items.length > 0
            ? {
                items: v.items.map((i) => ({
                  codigo: textoONull(i.codigo),
                  descripcion: i.descripcion.trim(),
                  cantidad: numeroONull(i.cantidad) ?? 0,
                  precio: numeroONull(i.precio) ?? 0,
                })),
              }
            : { monto_total: numeroONull(v.monto_total) ?? 0, ...(actual ? { items: [] } : {}) }),
        },
        `Pedido ${textoONull(v.numero) ?? ''} · ${NOMBRE_ESTADO_PEDIDO[v.estado]}`,
      );
      alCerrar();
    } catch (error) {
      mostrarErrorDeGuardado(form, error, CAMPOS);
    } finally {
      setEnviando(false);
    }
  }

  const opcionesEquipo = (equipos.data?.items ?? []).map((e) => ({
    value: String(e.id_equipo),
    label: [NOMBRE_TIPO_EQUIPO[e.tipo as keyof typeof NOMBRE_TIPO_EQUIPO] ?? e.tipo, e.marca, e.modelo]
      .filter(Boolean)
      .join(' '),
  }));

  return (
    <form
      noValidate
      onSubmit={form.onSubmit(guardar)}
      aria-label={actual ? 'Editar pedido de repuestos' : 'Nuevo pedido de repuestos'}
    >
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Número" maxLength={40} {...form.getInputProps('numero')} />
          <Seleccion
            label="Equipo"
            placeholder="Sin equipo"
            data={opcionesEquipo}
            clearable
            {...form.getInputProps('id_equipo')}
          />
          <CampoFecha label="Fecha" required {...form.getInputProps('fecha')} />
          <Seleccion
            label="Estado"
            data={opciones(NOMBRE_ESTADO_PEDIDO)}
            allowDeselect={false}
            {...form.getInputProps('estado')}
          />
          <CampoFecha
            label="Fecha de entrega"
            description="Si queda vacía al entregar, se usa la de hoy"
            {...form.getInputProps('fecha_entrega')}
          />
          {conItems ? (
            <Input.Wrapper label="Monto total" description="Suma de los ítems">
              <Text fw={600} mt={6}>
                {formatearMonto(totalItems(form.values.items))}
              </Text>
            </Input.Wrapper>
          ) : (
            <NumberInput label="Monto total" {...PROPS_MONTO} {...form.getInputProps('monto_total')} />
          )}
        </SimpleGrid>
        <Input.Wrapper label="Ítems" error={form.errors.items}>
          <Stack gap={6} mt={4}>
            {form.values.items.map((_, i) => (
              <Group key={i} gap={6} wrap="nowrap" align="flex-start">
                <TextInput
                  aria-label={`Código del ítem ${i + 1}`}
                  placeholder="Código"
                  w={110}
                  {...form.getInputProps(`items.${i}.codigo`)}
                />
                <TextInput
                  aria-label={`Descripción del ítem ${i + 1}`}
                  placeholder="Descripción"
                  style={{ flex: 1 }}
                  {...form.getInputProps(`items.${i}.descripcion`)}
                />
                <NumberInput
                  aria-label={`Cantidad del ítem ${i + 1}`}
                  placeholder="Cant."
                  w={80}
                  min={0}
                  decimalSeparator=","
                  {...form.getInputProps(`items.${i}.cantidad`)}
                />
                <NumberInput
                  aria-label={`Precio del ítem ${i + 1}`}
                  placeholder="Precio"
                  w={130}
                  {...PROPS_MONTO}
                  {...form.getInputProps(`items.${i}.precio`)}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={4}
                  aria-label={`Quitar el ítem ${i + 1}`}
                  onClick={() => form.removeListItem('items', i)}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            <Button
              variant="light"
              size="xs"
              w="fit-content"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => form.insertListItem('items', { codigo: '', descripcion: '', cantidad: 1, precio: '' })}
            >
              Agregar ítem
            </Button>
          </Stack>
        </Input.Wrapper>
        <BotonesDialogo enviando={enviando} alCancelar={alCerrar} />
      </Stack>
    </form>
  );
}
