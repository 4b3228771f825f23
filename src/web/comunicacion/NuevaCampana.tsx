import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Anchor, Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconSend } from '@tabler/icons-react';
import { formatearFecha, hoyEnSantiago } from '../../shared/formato.ts';
import { mensajeDeError } from '../api.ts';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { contar } from '../components/formato.ts';
import { Seccion } from '../components/Seccion.tsx';
import { useUsuario } from '../sesion/sesion.ts';
import { NOMBRE_CANAL, puedeEnviarCampanas } from './catalogos.ts';
import { crearCampana, enviarCampana, trasCambioDeMensajes, useVistaPrevia } from './consultas.ts';
import { Destinatarios } from './Destinatarios.tsx';
import {
  EditorPlantilla,
  erroresDelServidor,
  validarMensaje,
  type ErroresMensaje,
  type MensajeEditable,
} from './EditorPlantilla.tsx';
import { aFiltros, FILTROS_VACIOS, FiltrosCampana, type ValoresFiltros } from './FiltrosCampana.tsx';

/** /campanas/nueva: recipients from the customer filters, the message with its preview, and send. */
export default function NuevaCampana() {
  const usuario = useUsuario();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [filtros, setFiltros] = useState<ValoresFiltros>(FILTROS_VACIOS);
  const [mensaje, setMensaje] = useState<MensajeEditable>({
    nombre: `Campaña ${formatearFecha(hoyEnSantiago())}`,
    canal: 'preferido',
    asunto: '',
    cuerpo: 'Hola {nombre}, ',
  });
  const [errores, setErrores] = useState<ErroresMensaje>({});
  const [confirmando, setConfirmando] = useState(false);
  const [guardando, setGuardando] = useState<'borrador' | 'enviar' | null>(null);

  // The preview follows the filters a moment after the last change (the brand is typed).
  const [clave] = useDebouncedValue(JSON.stringify(aFiltros(filtros)), 400);
  const filtrosApi = useMemo(() => JSON.parse(clave) as ReturnType<typeof aFiltros>, [clave]);
  const vista = useVistaPrevia(mensaje.canal, filtrosApi);
  const incluidos = vista.data?.incluidos ?? 0;

  if (!puedeEnviarCampanas(usuario.rol)) {
    return <Alert color="orange">Solo administración y el área comercial crean campañas.</Alert>;
  }

  async function guardar(enviar: boolean) {
    const e = validarMensaje(mensaje);
    setErrores(e);
    if (Object.keys(e).length) {
      setConfirmando(false);
      return;
    }
    setGuardando(enviar ? 'enviar' : 'borrador');
    try {
      const c = await crearCampana({
        nombre: mensaje.nombre.trim(),
        canal: mensaje.canal,
        asunto: mensaje.canal !== 'whatsapp' ? mensaje.asunto.trim() : null,
        cuerpo: mensaje.cuerpo,
        tipo: 'general',
        dias_conversion: 60,
        filtros: filtrosApi,
      });
      if (enviar) await enviarCampana(c.id_campana);
      await trasCambioDeMensajes(queryClient);
      notifications.show({
        color: 'campo',
        message: enviar ? `Campaña «${c.nombre}» en envío.` : `Borrador «${c.nombre}» guardado.`,
      });
      navigate(`/campanas/${c.id_campana}`);
    } catch (error) {
      const deCampo = erroresDelServidor(error);
      if (deCampo) setErrores(deCampo);
      else notifications.show({ color: 'red', title: 'No se pudo crear la campaña', message: mensajeDeError(error) });
    } finally {
      setGuardando(null);
      setConfirmando(false);
    }
  }

  return (
    <Stack gap="md">
      <div>
        <Anchor component={Link} to="/campanas" size="sm">
          ← Campañas
        </Anchor>
        <Title order={1}>Nueva campaña</Title>
        <Text c="dimmed" size="sm">
          Elija a quién escribir, redacte el mensaje con variables y revise cómo le llega a cada uno antes de enviar.
        </Text>
      </div>

      <Seccion titulo="1. Destinatarios">
        <FiltrosCampana valor={filtros} cambiar={(c) => setFiltros((f) => ({ ...f, ...c }))} />
        {vista.isError && <ErrorCarga error={vista.error} reintentar={() => void vista.refetch()} />}
        <Destinatarios vista={vista.data} canal={mensaje.canal} />
      </Seccion>

      <Seccion titulo="2. Mensaje">
        <EditorPlantilla
          valor={mensaje}
          cambiar={(c) => {
            setMensaje((m) => ({ ...m, ...c }));
            setErrores({});
          }}
          errores={errores}
          destinatarios={(vista.data?.items ?? []).filter((d) => d.incluido)}
        />
      </Seccion>

      <Group justify="flex-end">
        <Button
          variant="default"
          leftSection={<IconDeviceFloppy size={16} aria-hidden />}
          loading={guardando === 'borrador'}
          disabled={guardando !== null}
          onClick={() => void guardar(false)}
        >
          Guardar borrador
        </Button>
        <Button
          leftSection={<IconSend size={16} aria-hidden />}
          disabled={incluidos === 0 || guardando !== null}
          onClick={() => setConfirmando(true)}
        >
          Enviar a {contar(incluidos, 'cliente')}
        </Button>
      </Group>

      <Modal opened={confirmando} onClose={() => setConfirmando(false)} title="Enviar la campaña">
        <Stack gap="sm">
          <Text size="sm">
            Se enviará «{mensaje.nombre}» a {contar(incluidos, 'cliente')} por {NOMBRE_CANAL[mensaje.canal]}.
            {mensaje.canal === 'whatsapp' && ' Cada WhatsApp queda listo para que usted lo abra y lo envíe.'}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmando(false)}>
              Cancelar
            </Button>
            <Button loading={guardando === 'enviar'} onClick={() => void guardar(true)}>
              Enviar
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
