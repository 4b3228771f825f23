import { useState } from 'react';
import { NumberInput, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { hoyEnSantiago } from '../../shared/formato.ts';
import { NOMBRE_TIPO_EQUIPO } from '../clientes/catalogos.ts';
import { useUsuarios } from '../clientes/consultas.ts';
import { CampoFecha } from '../components/CampoFecha.tsx';
import { mostrarErrorDeGuardado } from '../components/erroresFormulario.ts';
import { Seleccion } from '../components/Seleccion.tsx';
import { aId, idONull, numeroONull, PROPS_MONTO, textoONull } from './campos.ts';
import { NOMBRE_ESTADO_ORDEN, NOMBRE_TIPO_ORDEN, opciones } from './catalogos.ts';
import { useEquiposDeCliente } from './consultas.ts';
import { BotonesDialogo, ModalServicio, useGuardarServicio } from './ModalServicio.tsx';
import type { EstadoOrden, Orden, TipoOrden } from './tipos.ts';

interface Valores {
  id_equipo: string | null;
  numero: string;
  tipo: TipoOrden | null;
  estado: EstadoOrden;
  fecha_ingreso: string | null;
  fecha_cierre: string | null;
  horometro: number | string;
  monto_total: number | string;
  descripcion: string;
  id_tecnico: string | null;
}

const CAMPOS = [
  'id_equipo',
  'numero',
  'tipo',
  'estado',
  'fecha_ingreso',
  'fecha_cierre',
  'horometro',
  'monto_total',
  'descripcion',
  'id_tecnico',
];

interface Props {
  abierto: boolean;
  alCerrar: () => void;
  idCliente: number;
  id: number | null;
  /** Preselects the machine when the dialog opens from an equipo. */
  idEquipo?: number | null;
}

/** New or edited orden de trabajo (Módulo de Mantenciones) of the cliente. */
export function DialogoOrden({ abierto, alCerrar, idCliente, id, idEquipo = null }: Props) {
  return (
    <ModalServicio<Orden>
      abierto={abierto}
      alCerrar={alCerrar}
      titulo={id ? 'Editar orden de trabajo' : 'Nueva orden de trabajo'}
      recurso="ordenes"
      id={id}
    >
      {(actual) => <FormularioOrden actual={actual} idCliente={idCliente} idEquipo={idEquipo} alCerrar={alCerrar} />}
    </ModalServicio>
  );
}

function FormularioOrden({
  actual,
  idCliente,
  idEquipo,
  alCerrar,
}: {
  actual: Orden | null;
  idCliente: number;
  idEquipo: number | null;
  alCerrar: () => void;
}) {
  const guardarServicio = useGuardarServicio<Orden>('ordenes', idCliente);
  const equipos = useEquiposDeCliente(idCliente);
  const usuarios = useUsuarios();
  const [enviando, setEnviando] = useState(false);
  const hoy = hoyEnSantiago();
  const form = useForm<Valores>({
    initialValues: {
      id_equipo: aId(actual ? actual.id_equipo : idEquipo),
      numero: actual?.numero ?? '',
      tipo: actual?.tipo ?? 'preventiva',
      estado: actual?.estado ?? 'abierta',
      fecha_ingreso: actual?.fecha_ingreso ?? hoy,
      fecha_cierre: actual?.fecha_cierre ?? null,
      horometro: actual?.horometro ?? '',
      monto_total: actual ? Number(actual.monto_total) : '',
      descripcion: actual?.descripcion ?? '',
      id_tecnico: aId(actual?.id_tecnico),
    },
    validate: {
      tipo: (v) => (v ? null : 'Elija el tipo de orden.'),
      fecha_ingreso: (v) => (v ? null : 'Indique la fecha de ingreso.'),
    },
  });

  async function guardar(v: Valores) {
    setEnviando(true);
    try {
      await guardarServicio(
        actual,
        actual?.id_orden ?? null,
        {
          id_equipo: idONull(v.id_equipo),
          numero: textoONull(v.numero),
          tipo: v.tipo,
          estado: v.estado,
          fecha_ingreso: v.fecha_ingreso,
          fecha_cierre: v.fecha_cierre,
          horometro: numeroONull(v.horometro),
          monto_total: numeroONull(v.monto_total) ?? 0,
          descripcion: textoONull(v.descripcion),
          id_tecnico: idONull(v.id_tecnico),
        },
        `Orden ${textoONull(v.numero) ?? ''} · ${NOMBRE_ESTADO_ORDEN[v.estado]}`,
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
      aria-label={actual ? 'Editar orden de trabajo' : 'Nueva orden de trabajo'}
    >
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Seleccion
            label="Equipo"
            placeholder="Sin equipo"
            data={opcionesEquipo}
            clearable
            {...form.getInputProps('id_equipo')}
          />
          <TextInput label="Número" placeholder="Ej. OT-2026-0142" maxLength={40} {...form.getInputProps('numero')} />
          <Seleccion
            label="Tipo"
            required
            data={opciones(NOMBRE_TIPO_ORDEN)}
            allowDeselect={false}
            {...form.getInputProps('tipo')}
          />
          <Seleccion
            label="Estado"
            data={opciones(NOMBRE_ESTADO_ORDEN)}
            allowDeselect={false}
            {...form.getInputProps('estado')}
          />
          <CampoFecha label="Fecha de ingreso" required maxDate={hoy} {...form.getInputProps('fecha_ingreso')} />
          <CampoFecha
            label="Fecha de cierre"
            description="Si queda vacía al terminar, se usa la de hoy"
            {...form.getInputProps('fecha_cierre')}
          />
          <NumberInput
            label="Horómetro (h)"
            min={0}
            decimalScale={1}
            thousandSeparator="."
            decimalSeparator=","
            {...form.getInputProps('horometro')}
          />
          <NumberInput label="Monto total" {...PROPS_MONTO} {...form.getInputProps('monto_total')} />
          <Seleccion
            label="Técnico"
            placeholder="Sin asignar"
            data={(usuarios.data ?? []).map((u) => ({ value: String(u.id_usuario), label: u.nombre }))}
            clearable
            searchable
            {...form.getInputProps('id_tecnico')}
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
