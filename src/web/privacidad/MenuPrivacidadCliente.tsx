import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Menu } from '@mantine/core';
import {
  IconChevronDown,
  IconClipboardText,
  IconEraser,
  IconFileTypePdf,
  IconHistory,
  IconJson,
  IconLock,
  IconLockOpen,
  IconShieldLock,
} from '@tabler/icons-react';
import { enlaceDatosPersonales } from './consultas.ts';
import { DialogoAnonimizar, DialogoBloqueo, DialogoSolicitud, type ClientePrivacidad } from './Dialogos.tsx';

type Dialogo = 'bloqueo' | 'anonimizar' | 'solicitud' | null;

/**
 * The ficha's "Privacidad" menu, for admins (Ley 21.719): export the titular's data (JSON / PDF),
 * block or unblock, anonymise, register a request, and see the cliente's audit trail.
 */
export function MenuPrivacidadCliente({
  cliente,
}: {
  cliente: ClientePrivacidad & { bloqueado?: boolean; anonimizado?: boolean };
}) {
  const [dialogo, setDialogo] = useState<Dialogo>(null);
  // Fixed when the dialog opens: its text must not flip to the opposite action while it fades out.
  const [bloquear, setBloquear] = useState(!cliente.bloqueado);
  const cerrar = () => setDialogo(null);
  const vigente = !cliente.anonimizado;
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            leftSection={<IconShieldLock size={16} aria-hidden />}
            rightSection={<IconChevronDown size={14} aria-hidden />}
          >
            Privacidad
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Datos personales (Ley 21.719)</Menu.Label>
          <Menu.Item
            component="a"
            href={enlaceDatosPersonales(cliente.id_cliente, 'json')}
            download
            leftSection={<IconJson size={16} aria-hidden />}
          >
            Exportar datos personales (JSON)
          </Menu.Item>
          <Menu.Item
            component="a"
            href={enlaceDatosPersonales(cliente.id_cliente, 'pdf')}
            download
            leftSection={<IconFileTypePdf size={16} aria-hidden />}
          >
            Exportar datos personales (PDF)
          </Menu.Item>
          {vigente && (
            <Menu.Item
              leftSection={<IconClipboardText size={16} aria-hidden />}
              onClick={() => setDialogo('solicitud')}
            >
              Registrar solicitud del titular…
            </Menu.Item>
          )}
          <Menu.Item
            component={Link}
            to={`/privacidad/auditoria?cliente=${cliente.id_cliente}`}
            leftSection={<IconHistory size={16} aria-hidden />}
          >
            Ver auditoría del cliente
          </Menu.Item>
          {vigente && (
            <>
              <Menu.Divider />
              <Menu.Item
                leftSection={
                  cliente.bloqueado ? <IconLockOpen size={16} aria-hidden /> : <IconLock size={16} aria-hidden />
                }
                onClick={() => {
                  setBloquear(!cliente.bloqueado);
                  setDialogo('bloqueo');
                }}
              >
                {cliente.bloqueado ? 'Desbloquear…' : 'Bloquear…'}
              </Menu.Item>
              <Menu.Item
                color="red"
                leftSection={<IconEraser size={16} aria-hidden />}
                onClick={() => setDialogo('anonimizar')}
              >
                Anonimizar…
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      <DialogoBloqueo cliente={cliente} bloquear={bloquear} abierto={dialogo === 'bloqueo'} cerrar={cerrar} />
      <DialogoAnonimizar cliente={cliente} abierto={dialogo === 'anonimizar'} cerrar={cerrar} />
      <DialogoSolicitud cliente={cliente} abierto={dialogo === 'solicitud'} cerrar={cerrar} />
    </>
  );
}
