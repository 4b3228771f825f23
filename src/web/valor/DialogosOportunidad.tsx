import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Group, Modal, NumberInput, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { formatearFecha, formatearMonto, hoyEnSantiago } from '../../shared/formato.ts';
import { api } from '../api.ts';
import { useUsuarios } from '../clientes/consultas.ts';
import { CampoFecha } from '../components/CampoFecha.tsx';
import { mostrarErrorDeGuardado } from '../components/erroresFormulario.ts';
import { sumarDias } from '../components/fechas.ts';
import { Seleccion } from '../components/Seleccion.tsx';
import { trasCambioDeContacto } from '../interacciones/consultas.ts';
import { trasCambioDeServicio } from '../servicios/consultas.ts';
import { useUsuario } from '../sesion/sesion.ts';
import { trasCambioDeValor } from './consultas.ts';
import type { Oportunidad } from './tipos.ts';

// The API caps an interacción's motivo at 200 characters (shared/interacciones.ts).
const LARGO_MOTIVO = 200;
// A quote is usually valid for a month, as in servicios/DialogoCotizacion.tsx; the user can change it.
const DIAS_VIGENCIA = 30;

interface PropsDialogo {
  oportunidad: Oportunidad;
  /** Shown in the title; the workshop list knows it, a cliente's own page does not need it. */
  nombreCliente?: string;
  abierto: boolean;
  alCerrar: () => void;
  /** Called after a successful save (the dialog closes itself). */
  alGuardar?: () => void;
}

function Pie({ enviando, alCancelar, texto }: { enviando: boolean; alCancelar: () => void; texto: string }) {
  return (
    <Group justify="flex-end" mt="xs">
      <Button variant="default" onClick={alCancelar} disabled={enviando}>
        Cancelar
      </Button>
      <Button type="submit" loading={enviando}>
        {texto}
      </Button>
    </Group>
  );
}

function Motivo({ oportunidad }: { oportunidad: Oportunidad }) {
  return (
    <div>
      <Text size="sm" fw={500}>
        {oportunidad.motivo}
      </Text>
      <Text size="xs" c="dimmed">
        Valor estimado {formatearMonto(oportunidad.valor_estimado)}
        {oportunidad.fecha ? ` · ${formatearFecha(oportunidad.fecha)}` : ''}
      </Text>
    </div>
  );
}

interface ValoresSeguimiento {
  fecha_seguimiento: string | null;
  id_responsable_seguimiento: string | null;
  descripcion: string;
}

/** The opportunity becomes a follow-up: an interacción 'otro' with its motivo and seguimiento_requerido. */
export function DialogoSeguimientoOportunidad({
  oportunidad,
  nombreCliente,
  abierto,
  alCerrar,
  alGuardar,
}: PropsDialogo) {
  return (
    <Modal
      opened={abierto}
      onClose={alCerrar}
      size="lg"
      title={`Crear seguimiento${nombreCliente ? ` · ${nombreCliente}` : ''}`}
    >
      {abierto && <FormularioSeguimiento oportunidad={oportunidad} alCerrar={alCerrar} alGuardar={alGuardar} />}
    </Modal>
  );
}

function FormularioSeguimiento({ oportunidad, alCerrar, alGuardar }: Omit<PropsDialogo, 'abierto' | 'nombreCliente'>) {
  const queryClient = useQueryClient();
  const usuario = useUsuario();
  const usuarios = useUsuarios();
  const [enviando, setEnviando] = useState(false);
  const form = useForm<ValoresSeguimiento>({
    initialValues: {
      // Tomorrow: today's list is usually full already, and the user can pick any other day.
      fecha_seguimiento: sumarDias(hoyEnSantiago(), 1),
      id_responsable_seguimiento: String(usuario.id_usuario),
      descripcion: '',
    },
    validate: { fecha_seguimiento: (v) => (v ? null : 'Indique cuándo hacer el seguimiento.') },
  });

  async function guardar(v: ValoresSeguimiento) {
    setEnviando(true);
    try {
      await api(`/api/clientes/${oportunidad.id_cliente}/interacciones`, {
        metodo: 'POST',
        cuerpo: {
          tipo: 'otro',
          motivo: oportunidad.motivo.slice(0, LARGO_MOTIVO),
          descripcion: v.descripcion.trim() || null,
          seguimiento_requerido: true,
          fecha_seguimiento: v.fecha_seguimiento,
          id_responsable_seguimiento: v.id_responsable_seguimiento ? Number(v.id_responsable_seguimiento) : null,
        },
      });
      notifications.show({
        color: 'campo',
        title: 'Seguimiento creado',
        message: `Para el ${formatearFecha(v.fecha_seguimiento)}: ${oportunidad.motivo}`,
      });
      await trasCambioDeContacto(queryClient, oportunidad.id_cliente);
      alCerrar();
      alGuardar?.();
    } catch (error) {
      mostrarErrorDeGuardado(form, error, ['fecha_seguimiento', 'id_responsable_seguimiento', 'descripcion']);
    } finally {
      setEnviando(false);
    }
  }

  return (
    <form noValidate onSubmit={form.onSubmit(guardar)} aria-label="Crear seguimiento">
      <Stack gap="sm">
        <Motivo oportunidad={oportunidad} />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <CampoFecha
            label="Fecha de seguimiento"
            required
            minDate={hoyEnSantiago()}
            clearable={false}
            {...form.getInputProps('fecha_seguimiento')}
          />
          <Seleccion
            label="Responsable"
            data={(usuarios.data ?? []).map((u) => ({ value: String(u.id_usuario), label: u.nombre }))}
            placeholder="El responsable del cliente"
            searchable
            clearable
            {...form.getInputProps('id_responsable_seguimiento')}
          />
        </SimpleGrid>
        <Textarea
          label="Nota"
          autosize
          minRows={2}
          maxRows={6}
          maxLength={5000}
          {...form.getInputProps('descripcion')}
        />
        <Pie enviando={enviando} alCancelar={alCerrar} texto="Guardar seguimiento" />
      </Stack>
    </form>
  );
}

interface ValoresCotizacion {
  monto_total: number | string;
  fecha_vencimiento: string | null;
  descripcion: string;
}

/** The opportunity becomes a pending quote for today, for its estimated value. */
export function DialogoCotizacionOportunidad({
  oportunidad,
  nombreCliente,
  abierto,
  alCerrar,
  alGuardar,
}: PropsDialogo) {
  return (
    <Modal opened={abierto} onClose={alCerrar} title={`Crear cotización${nombreCliente ? ` · ${nombreCliente}` : ''}`}>
      {abierto && <FormularioCotizacion oportunidad={oportunidad} alCerrar={alCerrar} alGuardar={alGuardar} />}
    </Modal>
  );
}

function FormularioCotizacion({ oportunidad, alCerrar, alGuardar }: Omit<PropsDialogo, 'abierto' | 'nombreCliente'>) {
  const queryClient = useQueryClient();
  const [enviando, setEnviando] = useState(false);
  const hoy = hoyEnSantiago();
  const form = useForm<ValoresCotizacion>({
    initialValues: {
      monto_total: oportunidad.valor_estimado,
      fecha_vencimiento: sumarDias(hoy, DIAS_VIGENCIA),
      descripcion: oportunidad.motivo,
    },
    validate: {
      monto_total: (v) => (typeof v === 'number' && v >= 0 ? null : 'Indique el monto en pesos.'),
      fecha_vencimiento: (v) => (v && v < hoy ? 'El vencimiento no puede ser anterior a hoy.' : null),
    },
  });

  async function guardar(v: ValoresCotizacion) {
    setEnviando(true);
    try {
      await api('/api/cotizaciones', {
        metodo: 'POST',
        cuerpo: {
          id_cliente: oportunidad.id_cliente,
          fecha: hoy,
          fecha_vencimiento: v.fecha_vencimiento,
          monto_total: Number(v.monto_total),
          descripcion: v.descripcion.trim() || oportunidad.motivo,
        },
      });
      notifications.show({
        color: 'campo',
        title: 'Cotización creada',
        message: `${formatearMonto(Number(v.monto_total))}, pendiente${v.fecha_vencimiento ? `, vence el ${formatearFecha(v.fecha_vencimiento)}` : ''}.`,
      });
      // A new pending quote may itself become an opportunity ("por vencer"): refresh those lists too.
      await Promise.all([
        trasCambioDeServicio(queryClient, 'cotizaciones', oportunidad.id_cliente),
        trasCambioDeValor(queryClient),
      ]);
      alCerrar();
      alGuardar?.();
    } catch (error) {
      mostrarErrorDeGuardado(form, error, ['monto_total', 'fecha_vencimiento', 'descripcion']);
    } finally {
      setEnviando(false);
    }
  }

  return (
    <form noValidate onSubmit={form.onSubmit(guardar)} aria-label="Crear cotización">
      <Stack gap="sm">
        <Motivo oportunidad={oportunidad} />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <NumberInput
            label="Monto total"
            required
            prefix="$"
            thousandSeparator="."
            decimalSeparator=","
            allowDecimal={false}
            allowNegative={false}
            min={0}
            {...form.getInputProps('monto_total')}
          />
          <CampoFecha label="Vence el" minDate={hoy} {...form.getInputProps('fecha_vencimiento')} />
        </SimpleGrid>
        <Textarea
          label="Descripción"
          autosize
          minRows={2}
          maxRows={6}
          maxLength={5000}
          {...form.getInputProps('descripcion')}
        />
        <Pie enviando={enviando} alCancelar={alCerrar} texto="Guardar cotización" />
      </Stack>
    </form>
  );
}
