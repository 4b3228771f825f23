import { useState } from 'react';
import { Alert, Button, Group, List, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { hoyEnSantiago } from '../../shared/formato.ts';
import {
  NOMBRE_TIPO_SOLICITUD,
  PALABRA_CONFIRMACION,
  TIPOS_SOLICITUD,
  type TipoSolicitud,
} from '../../shared/privacidad.ts';
import { ApiError, mensajeDeError } from '../api.ts';
import { CampoFecha } from '../components/CampoFecha.tsx';
import { Seleccion } from '../components/Seleccion.tsx';
import { useAnonimizar, useBloqueo, useRegistrarSolicitud } from './consultas.ts';

export interface ClientePrivacidad {
  id_cliente: number;
  nombre: string;
  rut_formateado: string;
}

interface PropsDialogo {
  cliente: ClientePrivacidad;
  abierto: boolean;
  cerrar: () => void;
  /** The titular's request this action fulfils (closed as fulfilled with it). */
  idSolicitud?: number;
}

/** Anonymising is irreversible: the admin types ANONIMIZAR or the RUT to confirm. */
export function DialogoAnonimizar({ cliente, abierto, cerrar, idSolicitud }: PropsDialogo) {
  const [confirmacion, setConfirmacion] = useState('');
  const salir = () => {
    setConfirmacion('');
    cerrar();
  };
  const mutacion = useAnonimizar(salir);
  const error = mutacion.error
    ? mutacion.error instanceof ApiError && mutacion.error.errores.length
      ? mutacion.error.errores[0]!.mensaje
      : mensajeDeError(mutacion.error)
    : null;
  return (
    <Modal opened={abierto} onClose={salir} title={`¿Anonimizar a «${cliente.nombre}»?`} centered size="lg">
      <Stack gap="sm">
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={18} aria-hidden />}
          title="No se puede deshacer"
        >
          Se suprimen para siempre sus datos personales en todo el sistema (Ley 21.719, derecho de supresión):
        </Alert>
        <List size="sm" spacing={2}>
          <List.Item>nombre, RUT, teléfono, email, dirección, fechas personales y notas;</List.Item>
          <List.Item>textos de interacciones, comentarios de encuestas, mensajes y alertas;</List.Item>
          <List.Item>personas de contacto y los valores guardados en la auditoría.</List.Item>
        </List>
        <Text size="sm">
          Se conservan, anónimos, las fechas, montos, puntajes y estados: los indicadores y reportes no cambian.
        </Text>
        <TextInput
          label={`Para confirmar, escriba ${PALABRA_CONFIRMACION} o el RUT del cliente (${cliente.rut_formateado})`}
          value={confirmacion}
          onChange={(e) => setConfirmacion(e.currentTarget.value)}
          error={error}
          autoComplete="off"
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={salir}>
            Cancelar
          </Button>
          <Button
            color="red"
            disabled={!confirmacion.trim()}
            loading={mutacion.isPending}
            onClick={() => mutacion.mutate({ id_cliente: cliente.id_cliente, confirmacion, id_solicitud: idSolicitud })}
          >
            Anonimizar definitivamente
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Block (freeze processing and contact) or unblock, with an optional reason for the audit trail. */
export function DialogoBloqueo({
  cliente,
  abierto,
  cerrar,
  idSolicitud,
  bloquear,
}: PropsDialogo & { bloquear: boolean }) {
  const [motivo, setMotivo] = useState('');
  const salir = () => {
    setMotivo('');
    cerrar();
  };
  const mutacion = useBloqueo(salir);
  return (
    <Modal
      opened={abierto}
      onClose={salir}
      title={bloquear ? `¿Bloquear a «${cliente.nombre}»?` : `¿Desbloquear a «${cliente.nombre}»?`}
      centered
    >
      <Stack gap="sm">
        <Text size="sm">
          {bloquear
            ? 'Mientras esté bloqueado no se podrán editar sus datos ni registrar interacciones, servicios o encuestas, y no recibirá campañas, recordatorios ni saludos; los mensajes en cola no se envían. Se puede desbloquear después.'
            : 'Vuelve a poder editarse y contactarse normalmente.'}
        </Text>
        <Textarea
          label="Motivo (queda en la auditoría)"
          placeholder={bloquear ? 'Ej.: el titular lo pidió por correo mientras se revisa su reclamo' : ''}
          value={motivo}
          onChange={(e) => setMotivo(e.currentTarget.value)}
          maxLength={500}
          autosize
          minRows={2}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={salir}>
            Cancelar
          </Button>
          <Button
            color={bloquear ? 'orange' : 'campo'}
            loading={mutacion.isPending}
            onClick={() =>
              mutacion.mutate({ id_cliente: cliente.id_cliente, bloquear, motivo, id_solicitud: idSolicitud })
            }
          >
            {bloquear ? 'Bloquear' : 'Desbloquear'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** A request from the titular: type and the date it arrived (the 30-day deadline runs from it). */
export function DialogoSolicitud({ cliente, abierto, cerrar }: PropsDialogo) {
  const [tipo, setTipo] = useState<TipoSolicitud | null>('acceso');
  const [recibida, setRecibida] = useState<string | null>(hoyEnSantiago());
  const [notas, setNotas] = useState('');
  const mutacion = useRegistrarSolicitud(cerrar);
  return (
    <Modal opened={abierto} onClose={cerrar} title={`Solicitud de «${cliente.nombre}»`} centered>
      <Stack gap="sm">
        <Seleccion
          label="Derecho que ejerce"
          data={TIPOS_SOLICITUD.map((t) => ({ value: t, label: NOMBRE_TIPO_SOLICITUD[t] }))}
          value={tipo}
          onChange={(v) => setTipo(v as TipoSolicitud | null)}
          required
        />
        <CampoFecha
          label="Recibida el"
          value={recibida}
          onChange={(v) => setRecibida(v)}
          maxDate={hoyEnSantiago()}
          required
        />
        <Textarea
          label="Notas"
          placeholder="Cómo llegó y qué pide"
          value={notas}
          onChange={(e) => setNotas(e.currentTarget.value)}
          maxLength={2000}
          autosize
          minRows={2}
        />
        <Text size="xs" c="dimmed">
          La ley da 30 días corridos para responder desde la recepción.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={cerrar}>
            Cancelar
          </Button>
          <Button
            disabled={!tipo || !recibida}
            loading={mutacion.isPending}
            onClick={() =>
              tipo &&
              mutacion.mutate({
                id_cliente: cliente.id_cliente,
                tipo,
                recibida_en: recibida ?? undefined,
                notas: notas || undefined,
              })
            }
          >
            Registrar
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
