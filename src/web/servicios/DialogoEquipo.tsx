import { useState } from 'react';
import { NumberInput, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { hoyEnSantiago } from '../../shared/formato.ts';
import { MARCAS_EQUIPO, NOMBRE_TIPO_EQUIPO, OPCIONES_TIPO_EQUIPO } from '../clientes/catalogos.ts';
import { CampoFecha } from '../components/CampoFecha.tsx';
import { mostrarErrorDeGuardado } from '../components/erroresFormulario.ts';
import { Autocompletar, Seleccion } from '../components/Seleccion.tsx';
import { aTexto, numeroONull, textoONull } from './campos.ts';
import { BotonesDialogo, ModalServicio, useGuardarServicio } from './ModalServicio.tsx';
import type { EquipoDetalle } from './tipos.ts';

interface Valores {
  tipo: string | null;
  marca: string;
  modelo: string;
  anio: number | string;
  numero_serie: string;
  horometro: number | string;
  fecha_horometro: string | null;
  intervalo_horas: number | string;
  intervalo_meses: number | string;
  activo: boolean;
}

const CAMPOS = Object.keys({
  tipo: 0,
  marca: 0,
  modelo: 0,
  anio: 0,
  numero_serie: 0,
  horometro: 0,
  fecha_horometro: 0,
  intervalo_horas: 0,
  intervalo_meses: 0,
  activo: 0,
} satisfies Record<keyof Valores, 0>);

interface Props {
  abierto: boolean;
  alCerrar: () => void;
  idCliente: number;
  /** Set to edit that equipo; null to add one. */
  id: number | null;
}

/** Add or edit a machine of the cliente. */
export function DialogoEquipo({ abierto, alCerrar, idCliente, id }: Props) {
  return (
    <ModalServicio<EquipoDetalle>
      abierto={abierto}
      alCerrar={alCerrar}
      titulo={id ? 'Editar equipo' : 'Agregar equipo'}
      recurso="equipos"
      id={id}
    >
      {(actual) => <FormularioEquipo actual={actual} idCliente={idCliente} alCerrar={alCerrar} />}
    </ModalServicio>
  );
}

function FormularioEquipo({
  actual,
  idCliente,
  alCerrar,
}: {
  actual: EquipoDetalle | null;
  idCliente: number;
  alCerrar: () => void;
}) {
  const guardarServicio = useGuardarServicio<EquipoDetalle>('equipos', idCliente);
  const [enviando, setEnviando] = useState(false);
  const hoy = hoyEnSantiago();
  const form = useForm<Valores>({
    initialValues: {
      tipo: actual?.tipo ?? null,
      marca: actual?.marca ?? '',
      modelo: actual?.modelo ?? '',
      anio: actual?.anio ?? '',
      numero_serie: actual?.numero_serie ?? '',
      // The hour-meter of an existing machine changes through readings (their history is kept).
      horometro: '',
      fecha_horometro: actual ? null : hoy,
      intervalo_horas: actual?.intervalo_horas ?? '',
      intervalo_meses: actual?.intervalo_meses ?? '',
      activo: actual?.activo ?? true,
    },
    validate: {
      tipo: (v) => (v ? null : 'Elija el tipo de equipo.'),
      marca: (v) => (v.trim() ? null : 'Indique la marca.'),
    },
  });

  async function guardar(v: Valores) {
    setEnviando(true);
    const horometro = numeroONull(v.horometro);
    try {
      await guardarServicio(
        actual,
        actual?.id_equipo ?? null,
        {
          tipo: v.tipo,
          marca: v.marca.trim(),
          modelo: textoONull(v.modelo),
          anio: numeroONull(v.anio),
          numero_serie: textoONull(v.numero_serie),
          ...(horometro !== null ? { horometro, fecha_horometro: v.fecha_horometro ?? hoy } : {}),
          intervalo_horas: numeroONull(v.intervalo_horas),
          intervalo_meses: numeroONull(v.intervalo_meses),
          ...(actual ? { activo: v.activo } : {}),
        },
        `${NOMBRE_TIPO_EQUIPO[v.tipo as keyof typeof NOMBRE_TIPO_EQUIPO] ?? v.tipo} ${v.marca.trim()} ${v.modelo.trim()}`.trim(),
      );
      alCerrar();
    } catch (error) {
      mostrarErrorDeGuardado(form, error, CAMPOS);
    } finally {
      setEnviando(false);
    }
  }

  return (
    <form noValidate onSubmit={form.onSubmit(guardar)} aria-label={actual ? 'Editar equipo' : 'Agregar equipo'}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Seleccion label="Tipo" required data={OPCIONES_TIPO_EQUIPO} {...form.getInputProps('tipo')} />
          <Autocompletar label="Marca" required data={MARCAS_EQUIPO} maxLength={60} {...form.getInputProps('marca')} />
          <TextInput label="Modelo" maxLength={80} {...form.getInputProps('modelo')} />
          <NumberInput
            label="Año"
            min={1900}
            max={2100}
            allowDecimal={false}
            thousandSeparator=""
            {...form.getInputProps('anio')}
          />
          <TextInput label="Número de serie" maxLength={60} {...form.getInputProps('numero_serie')} />
          <NumberInput
            label={actual ? 'Nueva lectura del horómetro (h)' : 'Horómetro (h)'}
            description={actual ? `Último: ${aTexto(actual.horometro) || '—'} h` : undefined}
            min={0}
            decimalScale={1}
            thousandSeparator="."
            decimalSeparator=","
            {...form.getInputProps('horometro')}
          />
          <CampoFecha label="Fecha de la lectura" maxDate={hoy} {...form.getInputProps('fecha_horometro')} />
          <NumberInput
            label="Mantención cada (horas)"
            description="Vacío: la pauta del tipo y marca"
            min={1}
            allowDecimal={false}
            {...form.getInputProps('intervalo_horas')}
          />
          <NumberInput
            label="Mantención cada (meses)"
            description="Vacío: la pauta del tipo y marca"
            min={1}
            max={120}
            allowDecimal={false}
            {...form.getInputProps('intervalo_meses')}
          />
        </SimpleGrid>
        {actual && (
          <Switch
            label="Equipo activo (en uso por el cliente)"
            {...form.getInputProps('activo', { type: 'checkbox' })}
          />
        )}
        <BotonesDialogo enviando={enviando} alCancelar={alCerrar} />
      </Stack>
    </form>
  );
}
