import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { api } from '../api.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { mostrarErrorDeGuardado } from '../components/erroresFormulario.ts';
import { claves, usePlantilla } from './consultas.ts';
import type { PlantillaEncuesta } from './tipos.ts';

const EJEMPLO = { nombre: 'Juan', servicio: 'la mantención preventiva de su tractor John Deere 6130J' };

/** The intro as a cliente would read it, with the placeholders filled the way the server fills them. */
function vistaPrevia(introduccion: string): string {
  return introduccion.replaceAll('{nombre}', EJEMPLO.nombre).replaceAll('{servicio}', EJEMPLO.servicio);
}

/** "Plantilla de encuesta" (admin): the survey's greeting and an optional extra open question. */
export function EditarPlantilla({ abierto, alCerrar }: { abierto: boolean; alCerrar: () => void }) {
  const plantilla = usePlantilla(abierto);
  return (
    <Modal opened={abierto} onClose={alCerrar} title="Plantilla de encuesta" size="lg">
      {plantilla.isError && <ErrorCarga error={plantilla.error} reintentar={() => void plantilla.refetch()} />}
      {plantilla.isPending && <Cargando />}
      {plantilla.data && <Formulario plantilla={plantilla.data} alCerrar={alCerrar} />}
    </Modal>
  );
}

function Formulario({ plantilla, alCerrar }: { plantilla: PlantillaEncuesta; alCerrar: () => void }) {
  const queryClient = useQueryClient();
  const [enviando, setEnviando] = useState(false);
  const form = useForm({
    initialValues: { introduccion: plantilla.introduccion, pregunta_extra: plantilla.pregunta_extra ?? '' },
    validate: {
      introduccion: (v) => (v.trim().length < 10 ? 'Escriba un saludo de al menos 10 caracteres.' : null),
    },
  });

  async function guardar(v: typeof form.values) {
    setEnviando(true);
    try {
      const guardada = await api<PlantillaEncuesta>('/api/plantillas-encuesta', {
        metodo: 'PATCH',
        cuerpo: { introduccion: v.introduccion.trim(), pregunta_extra: v.pregunta_extra.trim() || null },
      });
      queryClient.setQueryData(claves.plantilla, guardada);
      notifications.show({
        color: 'campo',
        title: 'Plantilla guardada',
        message: 'Las próximas encuestas usarán este texto.',
      });
      alCerrar();
    } catch (error) {
      mostrarErrorDeGuardado(form, error, ['introduccion', 'pregunta_extra']);
    } finally {
      setEnviando(false);
    }
  }

  return (
    <form onSubmit={form.onSubmit(guardar)} noValidate>
      <Stack gap="md">
        <Textarea
          label="Saludo"
          description="{nombre} se reemplaza por el primer nombre del cliente y {servicio} por el trabajo realizado."
          required
          autosize
          minRows={3}
          maxRows={8}
          maxLength={1000}
          {...form.getInputProps('introduccion')}
        />
        <TextInput
          label="Pregunta adicional (opcional)"
          description="Una pregunta abierta que se muestra después de las notas, por ejemplo: ¿Qué podríamos mejorar?"
          maxLength={300}
          {...form.getInputProps('pregunta_extra')}
        />
        <Alert variant="light" color="gray" title="Así lo leerá el cliente">
          <Text size="sm">{vistaPrevia(form.values.introduccion)}</Text>
          <Text size="sm" c="dimmed" mt={4}>
            Son 5 preguntas, menos de un minuto.
          </Text>
        </Alert>
        <Group justify="flex-end">
          <Button variant="default" onClick={alCerrar} disabled={enviando}>
            Cancelar
          </Button>
          <Button type="submit" loading={enviando}>
            Guardar plantilla
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
