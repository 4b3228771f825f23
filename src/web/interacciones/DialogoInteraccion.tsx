import { useId, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Checkbox,
  Collapse,
  Group,
  Input,
  Modal,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { formatearFecha, formatearMonto, hoyEnSantiago } from '../../shared/formato.ts';
import { api } from '../api.ts';
import { claves as clavesClientes, useUsuarios } from '../clientes/consultas.ts';
import type { FichaCliente } from '../clientes/tipos.ts';
import { CampoFecha } from '../components/CampoFecha.tsx';
import { mostrarErrorDeGuardado } from '../components/erroresFormulario.ts';
import { ahoraEnSantiagoLocal, instanteDesdeLocal, sumarDias } from '../components/fechas.ts';
import { Seleccion } from '../components/Seleccion.tsx';
import { NOMBRE_ROL, useUsuario, type Rol } from '../sesion/sesion.ts';
import { aNumero, nombreEstado } from '../servicios/catalogos.ts';
import { useOrdenesDeCliente, usePedidosDeCliente } from '../servicios/consultas.ts';
import { NOMBRE_TIPO_INTERACCION, TIPOS_INTERACCION } from './catalogos.ts';
import { trasCambioDeContacto } from './consultas.ts';
import type { Interaccion, TipoInteraccion } from './tipos.ts';

/** Who the contact was with; id_responsable preselects who follows up. */
export interface ClienteDialogo {
  id_cliente: number;
  nombre: string;
  id_responsable?: number | null;
}

/** What opens the dialog: a plain "Registrar interacción", or a click on the phone / WhatsApp link. */
export interface PedidoRegistro {
  cliente: ClienteDialogo;
  tipo?: TipoInteraccion;
  motivo?: string;
}

interface Valores {
  tipo: TipoInteraccion;
  fecha: string | null;
  motivo: string;
  descripcion: string;
  resultado: string;
  seguimiento_requerido: boolean;
  fecha_seguimiento: string | null;
  id_responsable_seguimiento: string | null;
  id_orden: string | null;
  id_pedido: string | null;
}

const CAMPOS = [
  'tipo',
  'fecha',
  'motivo',
  'descripcion',
  'resultado',
  'seguimiento_requerido',
  'fecha_seguimiento',
  'id_responsable_seguimiento',
  'id_orden',
  'id_pedido',
] as const;

/** State for one "Registrar interacción" dialog shared by every button and link of a page. */
export function useRegistroInteraccion() {
  const [pedido, setPedido] = useState<PedidoRegistro | null>(null);
  const [abierto, setAbierto] = useState(false);
  return {
    abrir: (p: PedidoRegistro) => {
      setPedido(p);
      setAbierto(true);
    },
    // The last pedido stays while the dialog fades out, so its content does not vanish mid-animation.
    dialogo: <DialogoInteraccion pedido={pedido} abierto={abierto} alCerrar={() => setAbierto(false)} />,
  };
}

export function DialogoInteraccion({
  pedido,
  abierto,
  alCerrar,
}: {
  pedido: PedidoRegistro | null;
  abierto: boolean;
  alCerrar: () => void;
}) {
  return (
    <Modal
      opened={abierto && pedido !== null}
      onClose={alCerrar}
      title={pedido ? `Registrar interacción · ${pedido.cliente.nombre}` : 'Registrar interacción'}
      size="lg"
    >
      {pedido && <FormularioInteraccion pedido={pedido} alCerrar={alCerrar} />}
    </Modal>
  );
}

function FormularioInteraccion({ pedido, alCerrar }: { pedido: PedidoRegistro; alCerrar: () => void }) {
  const usuario = useUsuario();
  const queryClient = useQueryClient();
  const usuarios = useUsuarios();
  const { id_cliente: idCliente } = pedido.cliente;
  const ordenes = useOrdenesDeCliente(idCliente);
  const pedidos = usePedidosDeCliente(idCliente);
  const [enviando, setEnviando] = useState(false);
  const idTipo = useId();
  const hoy = hoyEnSantiago();

  const form = useForm<Valores>({
    initialValues: {
      tipo: pedido.tipo ?? 'llamada',
      fecha: ahoraEnSantiagoLocal(),
      motivo: pedido.motivo ?? '',
      descripcion: '',
      resultado: '',
      seguimiento_requerido: false,
      fecha_seguimiento: null,
      // The cliente's responsable follows up by default, else whoever logs the contact (as the server does).
      id_responsable_seguimiento: String(pedido.cliente.id_responsable ?? usuario.id_usuario),
      id_orden: null,
      id_pedido: null,
    },
    validate: {
      fecha: (v) => (instanteDesdeLocal(v) ? null : 'Indique fecha y hora.'),
      motivo: (v) => (v.trim() ? null : 'Indique el motivo.'),
      fecha_seguimiento: (v, valores) =>
        valores.seguimiento_requerido && !v ? 'Indique la fecha del seguimiento.' : null,
    },
  });

  async function guardar(v: Valores) {
    setEnviando(true);
    try {
      const creada = await api<Interaccion>(`/api/clientes/${idCliente}/interacciones`, {
        metodo: 'POST',
        cuerpo: {
          tipo: v.tipo,
          fecha: instanteDesdeLocal(v.fecha),
          motivo: v.motivo.trim(),
          descripcion: v.descripcion.trim() || null,
          resultado: v.resultado.trim() || null,
          seguimiento_requerido: v.seguimiento_requerido,
          fecha_seguimiento: v.seguimiento_requerido ? v.fecha_seguimiento : null,
          id_responsable_seguimiento:
            v.seguimiento_requerido && v.id_responsable_seguimiento ? Number(v.id_responsable_seguimiento) : null,
          id_orden: v.id_orden ? Number(v.id_orden) : null,
          id_pedido: v.id_pedido ? Number(v.id_pedido) : null,
        },
      });
      // Shown at once in the ficha; the refetch below then brings alerts and follow-ups in line.
      queryClient.setQueryData<FichaCliente>(clavesClientes.ficha(idCliente), (previa) =>
        previa ? { ...previa, interacciones: [creada, ...previa.interacciones].slice(0, 10) } : previa,
      );
      notifications.show({
        color: 'campo',
        title: 'Interacción registrada',
        message: creada.seguimiento_requerido
          ? `${NOMBRE_TIPO_INTERACCION[creada.tipo]} con seguimiento el ${formatearFecha(creada.fecha_seguimiento)}.`
          : `${NOMBRE_TIPO_INTERACCION[creada.tipo]} con ${pedido.cliente.nombre}.`,
      });
      alCerrar();
      await trasCambioDeContacto(queryClient, idCliente);
    } catch (error) {
      mostrarErrorDeGuardado(form, error, CAMPOS);
    } finally {
      setEnviando(false);
    }
  }

  const opcionesOrden = (ordenes.data?.items ?? []).map((o) => ({
    value: String(o.id_orden),
    label: `${o.numero ?? `N.º ${o.id_orden}`} · ${formatearFecha(o.fecha_ingreso)} · ${nombreEstado(o.estado)}${o.equipo ? ` · ${o.equipo}` : ''}`,
  }));
  const opcionesPedido = (pedidos.data?.items ?? []).map((p) => ({
    value: String(p.id_pedido),
    label: `${p.numero ?? `N.º ${p.id_pedido}`} · ${formatearFecha(p.fecha)} · ${formatearMonto(aNumero(p.monto_total) ?? 0)}`,
  }));

  return (
    <form noValidate onSubmit={form.onSubmit(guardar)} aria-label="Registrar interacción">
      <Stack gap="sm">
        <Input.Wrapper label="Tipo" labelElement="div" id={idTipo} error={form.errors.tipo}>
          <SegmentedControl
            fullWidth
            aria-labelledby={`${idTipo}-label`}
            data={TIPOS_INTERACCION.map((t) => ({ value: t, label: NOMBRE_TIPO_INTERACCION[t] }))}
            {...form.getInputProps('tipo')}
          />
        </Input.Wrapper>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {/* Not <input type="datetime-local">: its format follows the browser's language, not dd-mm-aaaa. */}
          <DateTimePicker
            label="Fecha y hora"
            required
            valueFormat="DD-MM-YYYY HH:mm"
            maxDate={hoy}
            submitButtonProps={{ 'aria-label': 'Aceptar fecha y hora' }}
            {...form.getInputProps('fecha')}
          />
          <TextInput label="Motivo" required maxLength={200} data-autofocus {...form.getInputProps('motivo')} />
        </SimpleGrid>
        <Textarea
          label="Descripción"
          autosize
          minRows={2}
          maxRows={6}
          maxLength={5000}
          {...form.getInputProps('descripcion')}
        />
        <Textarea
          label="Resultado"
          autosize
          minRows={1}
          maxRows={4}
          maxLength={2000}
          {...form.getInputProps('resultado')}
        />
        <Checkbox
          label="Requiere seguimiento"
          checked={form.values.seguimiento_requerido}
          error={form.errors.seguimiento_requerido}
          onChange={(e) => {
            const marcado = e.currentTarget.checked;
            form.setFieldValue('seguimiento_requerido', marcado);
            // Tomorrow is the usual answer: one click less on the most common path.
            if (marcado && !form.values.fecha_seguimiento) form.setFieldValue('fecha_seguimiento', sumarDias(hoy, 1));
          }}
        />
        <Collapse expanded={form.values.seguimiento_requerido}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Stack gap={4}>
              <CampoFecha label="Fecha de seguimiento" minDate={hoy} {...form.getInputProps('fecha_seguimiento')} />
              <Group gap={6}>
                <Button
                  size="compact-xs"
                  variant="light"
                  onClick={() => form.setFieldValue('fecha_seguimiento', sumarDias(hoy, 1))}
                >
                  Mañana
                </Button>
                <Button
                  size="compact-xs"
                  variant="light"
                  onClick={() => form.setFieldValue('fecha_seguimiento', sumarDias(hoy, 7))}
                >
                  En una semana
                </Button>
              </Group>
            </Stack>
            <Seleccion
              label="Responsable"
              data={(usuarios.data ?? []).map((u) => ({
                value: String(u.id_usuario),
                label: `${u.nombre} · ${NOMBRE_ROL[u.rol as Rol] ?? u.rol}`,
              }))}
              searchable
              nothingFoundMessage="Ningún usuario coincide"
              {...form.getInputProps('id_responsable_seguimiento')}
            />
          </SimpleGrid>
        </Collapse>
        {(opcionesOrden.length > 0 || opcionesPedido.length > 0) && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {opcionesOrden.length > 0 && (
              <Seleccion
                label="Orden"
                placeholder="Ninguna"
                data={opcionesOrden}
                clearable
                {...form.getInputProps('id_orden')}
              />
            )}
            {opcionesPedido.length > 0 && (
              <Seleccion
                label="Pedido"
                placeholder="Ninguno"
                data={opcionesPedido}
                clearable
                {...form.getInputProps('id_pedido')}
              />
            )}
          </SimpleGrid>
        )}
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={alCerrar} disabled={enviando}>
            Cancelar
          </Button>
          <Button type="submit" loading={enviando}>
            Guardar
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
