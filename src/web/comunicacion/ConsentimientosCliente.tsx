import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Chip, Collapse, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconHistory } from '@tabler/icons-react';
import { formatearFecha, formatearFechaHora } from '../../shared/formato.ts';
import { api, mensajeDeError } from '../api.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { Seccion } from '../components/Seccion.tsx';
import { useUsuario } from '../sesion/sesion.ts';
import { NOMBRE_CANAL, puedeGestionarContacto } from './catalogos.ts';
import { clavesComunicacion, useConsentimientos } from './consultas.ts';
import type { Canal, Consentimientos } from './tipos.ts';

const CANALES: Canal[] = ['email', 'whatsapp', 'sms'];
// The usual ways a workshop gets (or loses) consent; any other can be typed.
const FUENTES = [
  'Formulario firmado',
  'Llamada telefónica',
  'En el taller',
  'Correo del cliente',
  'WhatsApp del cliente',
];

interface Registro {
  canal: Canal;
  otorgado: boolean;
}

/**
 * Consent per channel with its date and source, the buttons to record a consent or its withdrawal
 * (the source is required: Ley 21.719 asks to prove it), and the full history. Campaigns and
 * greetings only reach a channel whose latest decision is a consent (DOMAIN.md "Consent").
 */
export function ConsentimientosCliente({ idCliente }: { idCliente: number }) {
  const usuario = useUsuario();
  const consentimientos = useConsentimientos(idCliente);
  const [registro, setRegistro] = useState<Registro | null>(null);
  const [verHistoria, setVerHistoria] = useState(false);
  const gestiona = puedeGestionarContacto(usuario.rol);
  const historia = consentimientos.data?.historia ?? [];

  return (
    <Seccion
      titulo="Consentimientos de comunicación"
      acciones={
        historia.length > 0 && (
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconHistory size={14} aria-hidden />}
            onClick={() => setVerHistoria((v) => !v)}
            aria-expanded={verHistoria}
          >
            {verHistoria ? 'Ocultar historial' : `Historial (${historia.length})`}
          </Button>
        )
      }
    >
      {consentimientos.isError && (
        <ErrorCarga error={consentimientos.error} reintentar={() => void consentimientos.refetch()} />
      )}
      {consentimientos.isPending && <Cargando />}
      {consentimientos.data && (
        <Table verticalSpacing={6} aria-label="Consentimientos por canal">
          <Table.Tbody>
            {CANALES.map((canal) => {
              const v = consentimientos.data.vigente[canal];
              return (
                <Table.Tr key={canal}>
                  <Table.Th w={100} scope="row">
                    {NOMBRE_CANAL[canal]}
                  </Table.Th>
                  <Table.Td>
                    <Badge variant="light" color={!v ? 'gray' : v.otorgado ? 'campo' : 'red'}>
                      {!v ? 'Sin registro' : v.otorgado ? 'Autorizado' : 'Retirado'}
                    </Badge>
                    {v && (
                      <Text size="xs" c="dimmed">
                        {formatearFecha(v.fecha)} · {v.fuente}
                      </Text>
                    )}
                  </Table.Td>
                  {gestiona && (
                    <Table.Td ta="right">
                      {v?.otorgado ? (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          onClick={() => setRegistro({ canal, otorgado: false })}
                          aria-label={`Registrar retiro del consentimiento de ${NOMBRE_CANAL[canal]}`}
                        >
                          Registrar retiro
                        </Button>
                      ) : (
                        <Button
                          size="compact-xs"
                          variant="light"
                          onClick={() => setRegistro({ canal, otorgado: true })}
                          aria-label={`Registrar consentimiento de ${NOMBRE_CANAL[canal]}`}
                        >
                          Registrar consentimiento
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <Collapse expanded={verHistoria}>
        <Historial historia={historia} />
      </Collapse>
      <Modal
        opened={registro !== null}
        onClose={() => setRegistro(null)}
        title={
          registro
            ? `${registro.otorgado ? 'Consentimiento' : 'Retiro del consentimiento'} · ${NOMBRE_CANAL[registro.canal]}`
            : ''
        }
      >
        {registro && (
          <FormularioConsentimiento idCliente={idCliente} registro={registro} alCerrar={() => setRegistro(null)} />
        )}
      </Modal>
    </Seccion>
  );
}

function FormularioConsentimiento({
  idCliente,
  registro,
  alCerrar,
}: {
  idCliente: number;
  registro: Registro;
  alCerrar: () => void;
}) {
  const queryClient = useQueryClient();
  const [fuente, setFuente] = useState('');
  const [error, setError] = useState<string | null>(null);
  const guardar = useMutation({
    mutationFn: () =>
      api<Consentimientos>(`/api/clientes/${idCliente}/consentimientos`, {
        metodo: 'POST',
        cuerpo: { canal: registro.canal, otorgado: registro.otorgado, fuente: fuente.trim() },
      }),
    onSuccess: (datos) => {
      queryClient.setQueryData(clavesComunicacion.consentimientos(idCliente), datos);
      // Who a campaign can reach just changed.
      void queryClient.invalidateQueries({ queryKey: ['campanas', 'vista-previa'] });
      // The ficha's completeness score counts consent.
      void queryClient.invalidateQueries({ queryKey: ['clientes', 'ficha', idCliente] });
      notifications.show({
        color: 'campo',
        message: `${registro.otorgado ? 'Consentimiento' : 'Retiro'} de ${NOMBRE_CANAL[registro.canal]} registrado.`,
      });
      alCerrar();
    },
    onError: (e) => notifications.show({ color: 'red', title: 'No se pudo registrar', message: mensajeDeError(e) }),
  });

  function enviar(e: FormEvent) {
    e.preventDefault();
    if (fuente.trim().length < 2) {
      setError('Indique cómo lo manifestó el cliente (p. ej. formulario firmado).');
      return;
    }
    guardar.mutate();
  }

  return (
    <form onSubmit={enviar} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          {registro.otorgado
            ? `El cliente autoriza recibir mensajes por ${NOMBRE_CANAL[registro.canal]}.`
            : `El cliente pide no recibir más mensajes por ${NOMBRE_CANAL[registro.canal]}: no se le incluirá en campañas ni saludos nuevos.`}
        </Text>
        <TextInput
          label="Fuente"
          description="Cómo y dónde lo manifestó: queda como respaldo."
          required
          maxLength={200}
          data-autofocus
          value={fuente}
          error={error}
          onChange={(e) => {
            setFuente(e.currentTarget.value);
            setError(null);
          }}
        />
        <Chip.Group
          value={fuente}
          onChange={(v) => {
            setFuente(v);
            setError(null);
          }}
        >
          <Group gap={6}>
            {FUENTES.map((f) => (
              <Chip key={f} value={f} size="xs">
                {f}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={alCerrar}>
            Cancelar
          </Button>
          <Button type="submit" color={registro.otorgado ? undefined : 'red'} loading={guardar.isPending}>
            Registrar
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Historial({ historia }: { historia: Consentimientos['historia'] }) {
  return (
    <Table verticalSpacing={4} fz="sm" aria-label="Historial de consentimientos">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Fecha</Table.Th>
          <Table.Th>Canal</Table.Th>
          <Table.Th>Decisión</Table.Th>
          <Table.Th>Fuente</Table.Th>
          <Table.Th>Registró</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {historia.map((h) => (
          <Table.Tr key={h.id_consentimiento}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatearFechaHora(h.fecha)}</Table.Td>
            <Table.Td>{NOMBRE_CANAL[h.canal]}</Table.Td>
            <Table.Td>{h.otorgado ? 'Autorizó' : 'Retiró'}</Table.Td>
            <Table.Td>{h.fuente}</Table.Td>
            <Table.Td>{h.usuario ?? 'El cliente (enlace)'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export default ConsentimientosCliente;
