import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Anchor, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconArrowRight, IconSend } from '@tabler/icons-react';
import { formatearFecha, formatearMonto, hoyEnSantiago } from '../../shared/formato.ts';
import { mensajeDeError } from '../api.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { contar } from '../components/formato.ts';
import { Seccion } from '../components/Seccion.tsx';
import { useUsuario } from '../sesion/sesion.ts';
import { NOMBRE_CANAL, PLANTILLA_REACTIVACION, puedeEnviarCampanas } from './catalogos.ts';
import {
  crearCampana,
  enviarCampana,
  MAX_REACTIVACION,
  trasCambioDeMensajes,
  useTodosInactivos,
  useVistaPrevia,
} from './consultas.ts';
import { Destinatarios } from './Destinatarios.tsx';
import {
  EditorPlantilla,
  erroresDelServidor,
  validarMensaje,
  type ErroresMensaje,
  type MensajeEditable,
} from './EditorPlantilla.tsx';
import { PasosReactivacion } from './PasosReactivacion.tsx';
import { SeguimientoReactivacion } from './SeguimientoReactivacion.tsx';
import { TablaInactivos } from './TablaInactivos.tsx';

/**
 * /campanas/reactivacion (seed, example 2): the inactive clientes chosen, a preventive-maintenance
 * proposal offering a free diagnosis, the send, and the results. Once sent, the address carries the
 * campaign (`?campana=`), so a reload or a later visit continues at the send or the results.
 */
export default function AsistenteReactivacion() {
  const [parametros] = useSearchParams();
  const idCampana = Number(parametros.get('campana'));
  const usuario = useUsuario();
  if (!puedeEnviarCampanas(usuario.rol)) {
    return <Alert color="orange">Solo administración y el área comercial preparan campañas.</Alert>;
  }
  return (
    <Stack gap="md">
      <div>
        <Anchor component={Link} to="/inactivos" size="sm">
          ← Clientes inactivos
        </Anchor>
        <Title order={1}>Campaña de reactivación</Title>
      </div>
      {idCampana > 0 ? <SeguimientoReactivacion id={idCampana} /> : <Preparacion />}
    </Stack>
  );
}

function Preparacion() {
  const queryClient = useQueryClient();
  const [parametros, setParametros] = useSearchParams();
  const meses = Number(parametros.get('meses')) || 6;
  const filtros = { meses, region: parametros.get('region'), segmento: parametros.get('segmento') };
  const pedidos = (parametros.get('ids') ?? '').split(',').filter(Boolean).map(Number);
  const inactivos = useTodosInactivos(filtros);
  const [paso, setPaso] = useState(0);
  // Until the user touches a checkbox, the choice is what /inactivos sent (or everyone listed).
  const [seleccion, setSeleccion] = useState<ReadonlySet<number> | null>(null);
  const [mensaje, setMensaje] = useState<MensajeEditable>({
    nombre: `Reactivación ${formatearFecha(hoyEnSantiago())}`,
    canal: 'email',
    ...PLANTILLA_REACTIVACION,
  });
  const [errores, setErrores] = useState<ErroresMensaje>({});
  const [enviando, setEnviando] = useState(false);

  const clientes = inactivos.data?.items ?? [];
  const elegidos =
    seleccion ??
    new Set(
      pedidos.length
        ? clientes.filter((c) => pedidos.includes(c.id_cliente)).map((c) => c.id_cliente)
        : clientes.map((c) => c.id_cliente),
    );
  const ids = clientes.filter((c) => elegidos.has(c.id_cliente)).map((c) => c.id_cliente);
  const vista = useVistaPrevia(mensaje.canal, { ids }, paso >= 1 && ids.length > 0);
  const incluidos = (vista.data?.items ?? []).filter((d) => d.incluido);

  function alternar(cambiados: number[], marcar: boolean) {
    const nueva = new Set(elegidos);
    for (const id of cambiados) {
      if (marcar) nueva.add(id);
      else nueva.delete(id);
    }
    setSeleccion(nueva);
  }

  function irAEnvio() {
    const e = validarMensaje(mensaje);
    setErrores(e);
    if (Object.keys(e).length === 0) setPaso(2);
  }

  async function crearYEnviar() {
    setEnviando(true);
    try {
      const c = await crearCampana({
        nombre: mensaje.nombre.trim(),
        canal: mensaje.canal,
        asunto: mensaje.canal !== 'whatsapp' ? mensaje.asunto.trim() : null,
        cuerpo: mensaje.cuerpo,
        tipo: 'reactivacion',
        dias_conversion: 60,
        filtros: { ids },
      });
      const r = await enviarCampana(c.id_campana);
      notifications.show({ color: 'campo', message: `Propuesta en envío a ${contar(r.destinatarios, 'cliente')}.` });
      await trasCambioDeMensajes(queryClient);
      setParametros({ campana: String(c.id_campana) }, { replace: true });
    } catch (error) {
      const deCampo = erroresDelServidor(error);
      if (deCampo) {
        setErrores(deCampo);
        setPaso(1);
      } else
        notifications.show({ color: 'red', title: 'No se pudo enviar la campaña', message: mensajeDeError(error) });
    } finally {
      setEnviando(false);
    }
  }

  if (inactivos.isError) return <ErrorCarga error={inactivos.error} reintentar={() => void inactivos.refetch()} />;
  if (!inactivos.data) return <Cargando texto="Reuniendo a los clientes inactivos…" />;
  const valor = clientes.filter((c) => elegidos.has(c.id_cliente)).reduce((s, c) => s + c.valor_cliente, 0);

  return (
    <Stack gap="md">
      <PasosReactivacion activo={paso} alElegir={setPaso} />

      {paso === 0 && (
        <Seccion titulo={`Clientes sin interacción desde el ${formatearFecha(inactivos.data.desde)} (${meses} meses)`}>
          <Text size="sm" aria-live="polite">
            {contar(ids.length, 'cliente elegido', 'clientes elegidos')} · valor histórico {formatearMonto(valor)}.
            Revise su historia y sus equipos antes de preparar la propuesta.
          </Text>
          {inactivos.data.total > MAX_REACTIVACION && (
            <Alert color="yellow" variant="light">
              Hay {inactivos.data.total} clientes inactivos; se listan los {MAX_REACTIVACION} de mayor valor.
            </Alert>
          )}
          <TablaInactivos items={clientes} seleccion={elegidos} alternar={alternar} nuevaPestana />
          <Group justify="flex-end">
            <Button
              rightSection={<IconArrowRight size={16} aria-hidden />}
              disabled={ids.length === 0}
              onClick={() => setPaso(1)}
            >
              Siguiente: propuesta
            </Button>
          </Group>
        </Seccion>
      )}

      {paso === 1 && (
        <>
          <Seccion titulo="Quién recibirá la propuesta">
            {vista.isError && <ErrorCarga error={vista.error} reintentar={() => void vista.refetch()} />}
            {vista.isPending && <Cargando texto="Revisando consentimientos y datos de contacto…" />}
            <Destinatarios vista={vista.data} canal={mensaje.canal} />
          </Seccion>
          <Seccion titulo="Propuesta de mantención preventiva">
            <EditorPlantilla
              valor={mensaje}
              cambiar={(c) => {
                setMensaje((m) => ({ ...m, ...c }));
                setErrores({});
              }}
              errores={errores}
              destinatarios={incluidos}
            />
          </Seccion>
          <Group justify="space-between">
            <Button variant="default" leftSection={<IconArrowLeft size={16} aria-hidden />} onClick={() => setPaso(0)}>
              Atrás
            </Button>
            <Button
              rightSection={<IconArrowRight size={16} aria-hidden />}
              disabled={incluidos.length === 0}
              onClick={irAEnvio}
            >
              Siguiente: enviar
            </Button>
          </Group>
        </>
      )}

      {paso === 2 && (
        <Seccion titulo="Crear y enviar">
          <Paper withBorder p="md" bg="gray.0">
            <List size="sm" spacing={4}>
              <List.Item>
                Campaña «{mensaje.nombre}», de reactivación, por {NOMBRE_CANAL[mensaje.canal]}.
              </List.Item>
              <List.Item>
                Recibirán la propuesta {contar(incluidos.length, 'cliente')}
                {vista.data && vista.data.total > incluidos.length
                  ? `; ${contar(vista.data.total - incluidos.length, 'queda fuera', 'quedan fuera')} por consentimiento o datos de contacto`
                  : ''}
                .
              </List.Item>
              <List.Item>
                {mensaje.canal === 'email'
                  ? 'Los correos salen por la bandeja de salida del servidor; cada uno queda en la historia del cliente.'
                  : 'Cada WhatsApp queda listo para que usted lo abra y lo envíe; al abrirlo queda en la historia del cliente.'}
              </List.Item>
            </List>
          </Paper>
          <Group justify="space-between">
            <Button
              variant="default"
              leftSection={<IconArrowLeft size={16} aria-hidden />}
              onClick={() => setPaso(1)}
              disabled={enviando}
            >
              Atrás
            </Button>
            <Button
              leftSection={<IconSend size={16} aria-hidden />}
              loading={enviando}
              onClick={() => void crearYEnviar()}
            >
              Crear y enviar a {contar(incluidos.length, 'cliente')}
            </Button>
          </Group>
        </Seccion>
      )}
    </Stack>
  );
}
