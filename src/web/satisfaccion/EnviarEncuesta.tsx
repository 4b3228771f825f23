import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  CopyButton,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  type ButtonProps,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBrandWhatsapp, IconCheck, IconCopy, IconMail, IconSend } from '@tabler/icons-react';
import { formatearFecha } from '../../shared/formato.ts';
import { api, mensajeDeError } from '../api.ts';
import { useUsuario } from '../sesion/sesion.ts';
import { BuscarCliente, type ClienteElegido } from './BuscarCliente.tsx';
import { claves } from './consultas.ts';
import type { EncuestaCreada } from './tipos.ts';

export interface PropsEnviarEncuesta {
  /**
   * The cliente to ask; may be left out when id_orden or id_pedido is given (the server finds the
   * cliente). With none of the three, the dialog first asks which cliente.
   */
  id_cliente?: number;
  /** The orden the survey is about (one survey per orden: a second one is refused with a 409). */
  id_orden?: number;
  /** The pedido the survey is about. */
  id_pedido?: number;
  /** The cliente's name, for the dialog's title. */
  nombre?: string;
  /** When known: without an email the server sends by WhatsApp instead, so the dialog says so up front. */
  email?: string | null;
  /** When known: without a phone there is no WhatsApp link, only the survey link to copy. */
  telefono?: string | null;
  /** Look of the trigger button (default: light, small). */
  boton?: ButtonProps;
  /** Called with the created survey (for example to refresh the caller's own data). */
  alCrear?: (encuesta: EncuestaCreada) => void;
}

/**
 * "Enviar encuesta": creates a personal survey link for a cliente (or one orden / pedido) and
 * sends it by WhatsApp (the wa.me link opens with the text ready) or queues it by email.
 * Renders nothing for roles that cannot send surveys (server: encuestas.ts, admin and comercial).
 */
export function EnviarEncuesta(props: PropsEnviarEncuesta) {
  const usuario = useUsuario();
  const [abierto, setAbierto] = useState(false);
  if (usuario.rol !== 'admin' && usuario.rol !== 'comercial') return null;
  return (
    <>
      <Button
        variant="light"
        size="xs"
        leftSection={<IconSend size={16} aria-hidden />}
        {...props.boton}
        onClick={() => setAbierto(true)}
      >
        Enviar encuesta
      </Button>
      <Modal
        size="md"
        opened={abierto}
        onClose={() => setAbierto(false)}
        title={props.nombre ? `Enviar encuesta · ${props.nombre}` : 'Enviar encuesta'}
      >
        {abierto && <Dialogo {...props} alCerrar={() => setAbierto(false)} />}
      </Modal>
    </>
  );
}

function Dialogo({
  id_cliente,
  id_orden,
  id_pedido,
  email,
  telefono,
  alCrear,
  alCerrar,
}: PropsEnviarEncuesta & { alCerrar: () => void }) {
  const queryClient = useQueryClient();
  const [canal, setCanal] = useState<'whatsapp' | 'email'>(
    email === null && telefono ? 'whatsapp' : telefono === null && email ? 'email' : 'whatsapp',
  );
  const [enviando, setEnviando] = useState(false);
  const [creada, setCreada] = useState<EncuestaCreada | null>(null);
  const [error, setError] = useState<string | null>(null);
  const elegirCliente = !id_cliente && !id_orden && !id_pedido;
  const [elegido, setElegido] = useState<ClienteElegido | null>(null);

  async function crear() {
    if (elegirCliente && !elegido) {
      setError('Elija el cliente.');
      return;
    }
    setEnviando(true);
    setError(null);
    try {
      const e = await api<EncuestaCreada>('/api/encuestas', {
        metodo: 'POST',
        cuerpo: { id_cliente: id_cliente ?? elegido?.id_cliente, id_orden, id_pedido, canal },
      });
      setCreada(e);
      alCrear?.(e);
      // Response rate and the cliente's timeline count the sent survey.
      void queryClient.invalidateQueries({ queryKey: claves.todo });
      void queryClient.invalidateQueries({ queryKey: ['clientes'] });
    } catch (err) {
      setError(mensajeDeError(err));
    } finally {
      setEnviando(false);
    }
  }

  if (creada) return <Creada encuesta={creada} alCerrar={alCerrar} />;
  return (
    <Stack gap="md">
      <Text size="sm">Se crea un enlace personal que el cliente puede responder una sola vez desde su celular.</Text>
      {elegirCliente && <BuscarCliente valor={elegido} alCambiar={setElegido} />}
      <SegmentedControl
        aria-label="Canal de envío"
        fullWidth
        value={canal}
        onChange={(v) => setCanal(v as typeof canal)}
        data={[
          { value: 'whatsapp', label: 'WhatsApp' },
          { value: 'email', label: 'Correo' },
        ]}
      />
      {canal === 'email' && email === null && (
        <Alert color="yellow" variant="light">
          El cliente no tiene correo registrado: se preparará el mensaje para WhatsApp.
        </Alert>
      )}
      {canal === 'whatsapp' && telefono === null && (
        <Alert color="yellow" variant="light">
          El cliente no tiene teléfono registrado: podrá copiar el enlace y enviarlo por otro medio.
        </Alert>
      )}
      {error && (
        <Alert color="red" variant="light" role="alert" title="No se pudo crear la encuesta">
          {error}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={alCerrar} disabled={enviando}>
          Cancelar
        </Button>
        <Button
          onClick={() => void crear()}
          loading={enviando}
          leftSection={
            canal === 'email' ? <IconMail size={16} aria-hidden /> : <IconBrandWhatsapp size={16} aria-hidden />
          }
        >
          {canal === 'email' ? 'Enviar por correo' : 'Crear enlace'}
        </Button>
      </Group>
    </Stack>
  );
}

function Creada({ encuesta, alCerrar }: { encuesta: EncuestaCreada; alCerrar: () => void }) {
  return (
    <Stack gap="md">
      <Alert
        color="campo"
        variant="light"
        title={encuesta.canal === 'email' ? 'Encuesta enviada por correo' : 'Enlace listo'}
        icon={<IconCheck aria-hidden />}
      >
        {encuesta.canal === 'email'
          ? 'El correo quedó en la cola de envío (salvo que el cliente haya pedido no recibir correos).'
          : encuesta.enlace_whatsapp
            ? 'Abra WhatsApp para enviarle el mensaje con el enlace, o copie el enlace.'
            : 'Copie el enlace y envíeselo al cliente.'}{' '}
        Vence el {formatearFecha(encuesta.expira_en)}.
      </Alert>
      <TextInput
        label="Enlace de la encuesta"
        value={encuesta.enlace}
        readOnly
        onFocus={(e) => e.currentTarget.select()}
      />
      <Group justify="space-between">
        <CopyButton value={encuesta.enlace}>
          {({ copied, copy }) => (
            <Button
              variant="default"
              leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              onClick={() => {
                copy();
                notifications.show({ color: 'campo', message: 'Enlace copiado.' });
              }}
            >
              {copied ? 'Copiado' : 'Copiar enlace'}
            </Button>
          )}
        </CopyButton>
        <Group gap="xs">
          {encuesta.enlace_whatsapp && (
            <Button
              component="a"
              href={encuesta.enlace_whatsapp}
              target="_blank"
              rel="noopener noreferrer"
              color="green"
              leftSection={<IconBrandWhatsapp size={16} aria-hidden />}
            >
              Abrir WhatsApp
            </Button>
          )}
          <Button variant="subtle" onClick={alCerrar}>
            Cerrar
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
