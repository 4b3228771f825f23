import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Modal, NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { hoyEnSantiago } from '../../shared/formato.ts';
import { api } from '../api.ts';
import { CampoFecha } from '../components/CampoFecha.tsx';
import { mostrarErrorDeGuardado } from '../components/erroresFormulario.ts';
import { formatearNumero } from '../components/formato.ts';
import { numeroONull } from './campos.ts';
import { trasCambioDeServicio } from './consultas.ts';
import { BotonesDialogo } from './ModalServicio.tsx';

export interface EquipoLectura {
  id_equipo: number;
  id_cliente: number;
  nombre: string;
  horometro: number | null;
}

/** "Registrar lectura": one hour-meter reading of a machine (the server refuses readings that go back). */
export function DialogoLectura({
  equipo,
  abierto,
  alCerrar,
}: {
  equipo: EquipoLectura | null;
  abierto: boolean;
  alCerrar: () => void;
}) {
  return (
    <Modal opened={abierto && equipo !== null} onClose={alCerrar} title={`Registrar lectura · ${equipo?.nombre ?? ''}`}>
      {equipo && <FormularioLectura equipo={equipo} alCerrar={alCerrar} />}
    </Modal>
  );
}

function FormularioLectura({ equipo, alCerrar }: { equipo: EquipoLectura; alCerrar: () => void }) {
  const queryClient = useQueryClient();
  const [enviando, setEnviando] = useState(false);
  const hoy = hoyEnSantiago();
  const form = useForm<{ fecha: string | null; horas: number | string }>({
    initialValues: { fecha: hoy, horas: '' },
    validate: {
      fecha: (v) => (v ? null : 'Indique la fecha de la lectura.'),
      horas: (v) => (numeroONull(v) === null ? 'Indique las horas que marca el horómetro.' : null),
    },
  });

  async function guardar(v: { fecha: string | null; horas: number | string }) {
    setEnviando(true);
    try {
      await api(`/api/equipos/${equipo.id_equipo}/lecturas`, {
        metodo: 'POST',
        cuerpo: { fecha: v.fecha, horas: numeroONull(v.horas) },
      });
      notifications.show({
        color: 'campo',
        title: 'Lectura registrada',
        message: `${equipo.nombre}: ${formatearNumero(numeroONull(v.horas)!)} h`,
      });
      alCerrar();
      await trasCambioDeServicio(queryClient, 'equipos', equipo.id_cliente);
    } catch (error) {
      mostrarErrorDeGuardado(form, error, ['fecha', 'horas']);
    } finally {
      setEnviando(false);
    }
  }

  return (
    <form noValidate onSubmit={form.onSubmit(guardar)} aria-label="Registrar lectura">
      <Stack gap="sm">
        {equipo.horometro !== null && (
          <Text size="sm" c="dimmed">
            Última lectura: {formatearNumero(equipo.horometro)} h
          </Text>
        )}
        <SimpleGrid cols={2}>
          <CampoFecha label="Fecha" required maxDate={hoy} clearable={false} {...form.getInputProps('fecha')} />
          <NumberInput
            label="Horas"
            required
            min={0}
            decimalScale={1}
            thousandSeparator="."
            decimalSeparator=","
            data-autofocus
            {...form.getInputProps('horas')}
          />
        </SimpleGrid>
        <BotonesDialogo enviando={enviando} alCancelar={alCerrar} />
      </Stack>
    </form>
  );
}
