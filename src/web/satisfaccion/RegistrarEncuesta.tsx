import { useId, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Group, Input, Modal, SegmentedControl, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { api } from '../api.ts';
import { mostrarErrorDeGuardado } from '../components/erroresFormulario.ts';
import { BuscarCliente, type ClienteElegido } from './BuscarCliente.tsx';
import { claves } from './consultas.ts';

/** The five 1–10 questions, named as the API names them (shared/encuestas.ts). */
const NOTAS = [
  ['puntuacion_general', 'Nota general'],
  ['puntuacion_tiempo', 'Tiempo de respuesta'],
  ['puntuacion_calidad', 'Calidad'],
  ['puntuacion_precio', 'Precio'],
  ['puntuacion_atencion', 'Atención'],
] as const;
type CampoNota = (typeof NOTAS)[number][0];

type Valores = Record<CampoNota, string> & {
  cliente: ClienteElegido | null;
  canal: 'telefono' | 'presencial';
  recomendaria: string;
  comentarios: string;
};

const CAMPOS = ['cliente', 'id_cliente', 'canal', 'recomendaria', 'comentarios', ...NOTAS.map(([c]) => c)] as const;
const UNO_A_DIEZ = Array.from({ length: 10 }, (_, i) => String(i + 1));

/** One 1–10 question answered by tapping; nothing is preselected so a skipped question is visible. */
function Escala({
  etiqueta,
  valor,
  alCambiar,
  error,
  opciones = UNO_A_DIEZ,
  requerida = true,
}: {
  etiqueta: string;
  valor: string;
  alCambiar: (v: string) => void;
  error?: string;
  opciones?: { value: string; label: string }[] | string[];
  requerida?: boolean;
}) {
  const id = useId();
  return (
    <div>
      <Input.Label id={id} required={requerida}>
        {etiqueta}
      </Input.Label>
      <SegmentedControl
        aria-labelledby={id}
        fullWidth
        size="sm"
        data={opciones}
        value={valor}
        onChange={alCambiar}
        color={valor ? 'campo' : undefined}
      />
      {error && <Input.Error mt={4}>{error}</Input.Error>}
    </div>
  );
}

export interface PropsRegistrarEncuesta {
  abierto: boolean;
  alCerrar: () => void;
  /** Preselected cliente (from a ficha); otherwise the dialog searches one. */
  cliente?: ClienteElegido;
  /** The orden the answer is about, if any. */
  id_orden?: number;
}

/** "Registrar encuesta telefónica": staff type in the answers a cliente gave by phone or in person. */
export function RegistrarEncuesta({ abierto, alCerrar, cliente, id_orden }: PropsRegistrarEncuesta) {
  return (
    <Modal opened={abierto} onClose={alCerrar} title="Registrar encuesta telefónica" size="lg">
      {abierto && <Formulario alCerrar={alCerrar} cliente={cliente} idOrden={id_orden} />}
    </Modal>
  );
}

function Formulario({
  alCerrar,
  cliente,
  idOrden,
}: {
  alCerrar: () => void;
  cliente?: ClienteElegido;
  idOrden?: number;
}) {
  const queryClient = useQueryClient();
  const [enviando, setEnviando] = useState(false);
  const requerida = (v: string) => (v ? null : 'Elija una nota de 1 a 10.');
  const form = useForm<Valores>({
    initialValues: {
      cliente: cliente ?? null,
      canal: 'telefono',
      puntuacion_general: '',
      puntuacion_tiempo: '',
      puntuacion_calidad: '',
      puntuacion_precio: '',
      puntuacion_atencion: '',
      recomendaria: '',
      comentarios: '',
    },
    validate: {
      cliente: (v) => (v ? null : 'Elija el cliente.'),
      puntuacion_general: requerida,
      puntuacion_tiempo: requerida,
      puntuacion_calidad: requerida,
      puntuacion_precio: requerida,
      puntuacion_atencion: requerida,
      recomendaria: (v) => (v ? null : 'Indique si nos recomendaría.'),
    },
  });

  async function guardar(v: Valores) {
    setEnviando(true);
    try {
      await api('/api/encuestas/digitada', {
        metodo: 'POST',
        cuerpo: {
          id_cliente: v.cliente!.id_cliente,
          ...(idOrden ? { id_orden: idOrden } : {}),
          canal: v.canal,
          ...Object.fromEntries(NOTAS.map(([c]) => [c, Number(v[c])])),
          recomendaria: v.recomendaria === 'si',
          comentarios: v.comentarios.trim() || null,
        },
      });
      notifications.show({
        color: 'campo',
        title: 'Encuesta registrada',
        message: `Se guardó la respuesta de ${v.cliente!.nombre}.`,
      });
      // The report, the comments and the cliente's ficha (NPS, timeline) all change.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: claves.todo }),
        queryClient.invalidateQueries({ queryKey: ['clientes'] }),
      ]);
      alCerrar();
    } catch (error) {
      mostrarErrorDeGuardado(form, error, CAMPOS);
    } finally {
      setEnviando(false);
    }
  }

  return (
    <form onSubmit={form.onSubmit(guardar)} noValidate>
      <Stack gap="md">
        {cliente ? null : (
          <BuscarCliente
            valor={form.values.cliente}
            alCambiar={(c) => form.setFieldValue('cliente', c)}
            error={form.errors.cliente as string | undefined}
          />
        )}
        <Escala
          etiqueta="Canal"
          requerida={false}
          valor={form.values.canal}
          alCambiar={(v) => form.setFieldValue('canal', v as Valores['canal'])}
          opciones={[
            { value: 'telefono', label: 'Teléfono' },
            { value: 'presencial', label: 'En persona' },
          ]}
        />
        {NOTAS.map(([campo, etiqueta]) => (
          <Escala
            key={campo}
            etiqueta={etiqueta}
            valor={form.values[campo]}
            alCambiar={(v) => form.setFieldValue(campo, v)}
            error={form.errors[campo] as string | undefined}
          />
        ))}
        <Escala
          etiqueta="¿Recomendaría?"
          valor={form.values.recomendaria}
          alCambiar={(v) => form.setFieldValue('recomendaria', v)}
          error={form.errors.recomendaria as string | undefined}
          opciones={[
            { value: 'si', label: 'Sí' },
            { value: 'no', label: 'No' },
          ]}
        />
        <Textarea
          label="Comentarios"
          autosize
          minRows={2}
          maxRows={6}
          maxLength={4000}
          {...form.getInputProps('comentarios')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={alCerrar} disabled={enviando}>
            Cancelar
          </Button>
          <Button type="submit" loading={enviando}>
            Guardar encuesta
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
