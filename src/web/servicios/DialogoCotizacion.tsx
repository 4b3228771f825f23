import { useState } from 'react';
import { NumberInput, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { formatearFecha, hoyEnSantiago } from '../../shared/formato.ts';
import { CampoFecha } from '../components/CampoFecha.tsx';
import { mostrarErrorDeGuardado } from '../components/erroresFormulario.ts';
import { sumarDias } from '../components/fechas.ts';
import { Seleccion } from '../components/Seleccion.tsx';
import { aId, idONull, numeroONull, PROPS_MONTO, textoONull } from './campos.ts';
import { NOMBRE_ESTADO_COTIZACION, nombreEstado, opciones } from './catalogos.ts';
import { useOrdenesDeCliente, usePedidosDeCliente } from './consultas.ts';
import { BotonesDialogo, ModalServicio, useGuardarServicio } from './ModalServicio.tsx';
import type { Cotizacion, EstadoCotizacion } from './tipos.ts';

interface Valores {
  numero: string;
  fecha: string | null;
  fecha_vencimiento: string | null;
  estado: EstadoCotizacion;
  fecha_resolucion: string | null;
  monto_total: number | string;
  descripcion: string;
  id_orden: string | null;
  id_pedido: string | null;
}

const CAMPOS = [
  'numero',
  'fecha',
  'fecha_vencimiento',
  'estado',
  'fecha_resolucion',
  'monto_total',
  'descripcion',
  'id_orden',
  'id_pedido',
];

// A quote is usually valid for a month; the user can change it.
const DIAS_VIGENCIA = 30;

interface Props {
  abierto: boolean;
  alCerrar: () => void;
  idCliente: number;
  id: number | null;
}

/** New or edited cotización; it may quote one orden or one pedido of the same cliente. */
export function DialogoCotizacion({ abierto, alCerrar, idCliente, id }: Props) {
  return (
    <ModalServicio<Cotizacion>
      abierto={abierto}
      alCerrar={alCerrar}
      titulo={id ? 'Editar cotización' : 'Nueva cotización'}
      recurso="cotizaciones"
      id={id}
    >
      {(actual) => <FormularioCotizacion actual={actual} idCliente={idCliente} alCerrar={alCerrar} />}
    </ModalServicio>
  );
}

function FormularioCotizacion({
  actual,
  idCliente,
  alCerrar,
}: {
  actual: Cotizacion | null;
  idCliente: number;
  alCerrar: () => void;
}) {
  const guardarServicio = useGuardarServicio<Cotizacion>('cotizaciones', idCliente);
  const ordenes = useOrdenesDeCliente(idCliente);
  const pedidos = usePedidosDeCliente(idCliente);
  const [enviando, setEnviando] = useState(false);
  const hoy = hoyEnSantiago();
  const form = useForm<Valores>({
    initialValues: {
      numero: actual?.numero ?? '',
      fecha: actual?.fecha ?? hoy,
      fecha_vencimiento: actual ? actual.fecha_vencimiento : sumarDias(hoy, DIAS_VIGENCIA),
      estado: actual?.estado ?? 'pendiente',
      fecha_resolucion: actual?.fecha_resolucion ?? null,
      monto_total: actual ? Number(actual.monto_total) : '',
      descripcion: actual?.descripcion ?? '',
      id_orden: aId(actual?.id_orden),
      id_pedido: aId(actual?.id_pedido),
    },
    validate: { fecha: (v) => (v ? null : 'Indique la fecha de la cotización.') },
  });

  async function guardar(v: Valores) {
    setEnviando(true);
    try {
      await guardarServicio(
        actual,
        actual?.id_cotizacion ?? null,
        {
          numero: textoONull(v.numero),
          fecha: v.fecha,
          fecha_vencimiento: v.fecha_vencimiento,
          estado: v.estado,
          fecha_resolucion: v.estado === 'pendiente' ? null : v.fecha_resolucion,
          monto_total: numeroONull(v.monto_total) ?? 0,
          descripcion: textoONull(v.descripcion),
          id_orden: idONull(v.id_orden),
          id_pedido: idONull(v.id_pedido),
        },
        `Cotización ${textoONull(v.numero) ?? ''} · ${NOMBRE_ESTADO_COTIZACION[v.estado]}`,
      );
      alCerrar();
    } catch (error) {
      mostrarErrorDeGuardado(form, error, CAMPOS);
    } finally {
      setEnviando(false);
    }
  }

  return (
    <form noValidate onSubmit={form.onSubmit(guardar)} aria-label={actual ? 'Editar cotización' : 'Nueva cotización'}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Número" maxLength={40} {...form.getInputProps('numero')} />
          <NumberInput label="Monto total" {...PROPS_MONTO} {...form.getInputProps('monto_total')} />
          <CampoFecha label="Fecha" required {...form.getInputProps('fecha')} />
          <CampoFecha label="Vence el" {...form.getInputProps('fecha_vencimiento')} />
          <Seleccion
            label="Estado"
            data={opciones(NOMBRE_ESTADO_COTIZACION)}
            allowDeselect={false}
            {...form.getInputProps('estado')}
          />
          {form.values.estado !== 'pendiente' && (
            <CampoFecha
              label="Fecha de resolución"
              description="Vacía: hoy"
              {...form.getInputProps('fecha_resolucion')}
            />
          )}
          <Seleccion
            label="Orden"
            placeholder="Ninguna"
            data={(ordenes.data?.items ?? []).map((o) => ({
              value: String(o.id_orden),
              label: `${o.numero ?? `N.º ${o.id_orden}`} · ${formatearFecha(o.fecha_ingreso)} · ${nombreEstado(o.estado)}`,
            }))}
            clearable
            {...form.getInputProps('id_orden')}
          />
          <Seleccion
            label="Pedido"
            placeholder="Ninguno"
            data={(pedidos.data?.items ?? []).map((p) => ({
              value: String(p.id_pedido),
              label: `${p.numero ?? `N.º ${p.id_pedido}`} · ${formatearFecha(p.fecha)}`,
            }))}
            clearable
            {...form.getInputProps('id_pedido')}
          />
        </SimpleGrid>
        <Textarea
          label="Descripción"
          autosize
          minRows={2}
          maxRows={6}
          maxLength={5000}
          {...form.getInputProps('descripcion')}
        />
        <BotonesDialogo enviando={enviando} alCancelar={alCerrar} />
      </Stack>
    </form>
  );
}
