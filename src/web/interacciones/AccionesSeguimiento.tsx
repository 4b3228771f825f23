import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarEvent, IconCheck, IconUserShare } from '@tabler/icons-react';
import { formatearFecha, hoyEnSantiago } from '../../shared/formato.ts';
import { api, mensajeDeError } from '../api.ts';
import { useUsuarios } from '../clientes/consultas.ts';
import { CampoFecha } from '../components/CampoFecha.tsx';
import { sumarDias } from '../components/fechas.ts';
import { Seleccion } from '../components/Seleccion.tsx';
import { NOMBRE_ROL, puedeRegistrarInteracciones, useUsuario, type Rol } from '../sesion/sesion.ts';
import { trasCambioDeContacto } from './consultas.ts';

export interface SeguimientoAccionable {
  id_interaccion: number;
  id_cliente: number;
  motivo: string;
  fecha_seguimiento: string | null;
  id_responsable_seguimiento: number | null;
}

type Accion = 'completar' | 'reprogramar' | 'reasignar';

const TITULO: Record<Accion, string> = {
  completar: 'Completar seguimiento',
  reprogramar: 'Reprogramar seguimiento',
  reasignar: 'Reasignar seguimiento',
};

/** Who may act on a follow-up: admin and comercial on any, a técnico only on his own (server: interacciones.ts). */
export function puedeGestionarSeguimiento(rol: Rol, idUsuario: number, s: SeguimientoAccionable): boolean {
  if (!puedeRegistrarInteracciones(rol)) return false;
  return rol !== 'tecnico' || s.id_responsable_seguimiento === idUsuario;
}

/** "Completar", "Reprogramar" and "Reasignar" of one follow-up, each confirmed in a small dialog. */
export function AccionesSeguimiento({ seguimiento }: { seguimiento: SeguimientoAccionable }) {
  const usuario = useUsuario();
  const [accion, setAccion] = useState<Accion | null>(null);
  const [abierto, setAbierto] = useState(false);
  if (!puedeGestionarSeguimiento(usuario.rol, usuario.id_usuario, seguimiento)) return null;
  const abrir = (a: Accion) => {
    setAccion(a);
    setAbierto(true);
  };
  const etiqueta = `«${seguimiento.motivo}»`;
  return (
    <>
      <Group gap={4} wrap="nowrap">
        <Button
          size="compact-xs"
          variant="light"
          leftSection={<IconCheck size={14} aria-hidden />}
          onClick={() => abrir('completar')}
          aria-label={`Completar ${etiqueta}`}
        >
          Completar
        </Button>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconCalendarEvent size={14} aria-hidden />}
          onClick={() => abrir('reprogramar')}
          aria-label={`Reprogramar ${etiqueta}`}
        >
          Reprogramar
        </Button>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconUserShare size={14} aria-hidden />}
          onClick={() => abrir('reasignar')}
          aria-label={`Reasignar ${etiqueta}`}
        >
          Reasignar
        </Button>
      </Group>
      <Modal opened={abierto} onClose={() => setAbierto(false)} title={accion ? TITULO[accion] : ''}>
        {abierto && accion && (
          <FormularioAccion accion={accion} seguimiento={seguimiento} alCerrar={() => setAbierto(false)} />
        )}
      </Modal>
    </>
  );
}

function FormularioAccion({
  accion,
  seguimiento,
  alCerrar,
}: {
  accion: Accion;
  seguimiento: SeguimientoAccionable;
  alCerrar: () => void;
}) {
  const queryClient = useQueryClient();
  const usuarios = useUsuarios();
  const hoy = hoyEnSantiago();
  const [resultado, setResultado] = useState('');
  const [fecha, setFecha] = useState<string | null>(
    seguimiento.fecha_seguimiento && seguimiento.fecha_seguimiento > hoy
      ? seguimiento.fecha_seguimiento
      : sumarDias(hoy, 1),
  );
  const [responsable, setResponsable] = useState<string | null>(
    seguimiento.id_responsable_seguimiento ? String(seguimiento.id_responsable_seguimiento) : null,
  );

  const mutacion = useMutation({
    mutationFn: () => {
      const cuerpo =
        accion === 'completar'
          ? resultado.trim()
            ? { resultado: resultado.trim() }
            : {}
          : accion === 'reprogramar'
            ? { fecha_seguimiento: fecha }
            : { id_usuario: Number(responsable) };
      return api(`/api/seguimientos/${seguimiento.id_interaccion}/${accion}`, { metodo: 'POST', cuerpo });
    },
    onSuccess: async () => {
      alCerrar();
      notifications.show({
        color: 'campo',
        title:
          accion === 'completar'
            ? 'Seguimiento completado'
            : accion === 'reprogramar'
              ? 'Seguimiento reprogramado'
              : 'Seguimiento reasignado',
        message:
          accion === 'reprogramar'
            ? `${seguimiento.motivo}: ${formatearFecha(fecha)}`
            : accion === 'reasignar'
              ? `${seguimiento.motivo}: ${usuarios.data?.find((u) => String(u.id_usuario) === responsable)?.nombre ?? ''}`
              : seguimiento.motivo,
      });
      await trasCambioDeContacto(queryClient, seguimiento.id_cliente);
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'No se pudo guardar', message: mensajeDeError(error) }),
  });

  const listo = accion === 'completar' || (accion === 'reprogramar' ? Boolean(fecha) : Boolean(responsable));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (listo) mutacion.mutate();
      }}
    >
      <Stack gap="sm">
        <Text size="sm">
          {seguimiento.motivo}
          {seguimiento.fecha_seguimiento ? ` · ${formatearFecha(seguimiento.fecha_seguimiento)}` : ''}
        </Text>
        {accion === 'completar' && (
          <Textarea
            label="Resultado (opcional)"
            autosize
            minRows={2}
            maxLength={2000}
            value={resultado}
            onChange={(e) => setResultado(e.currentTarget.value)}
            data-autofocus
          />
        )}
        {accion === 'reprogramar' && (
          <Stack gap={4}>
            <CampoFecha label="Nueva fecha" minDate={hoy} value={fecha} onChange={setFecha} clearable={false} />
            <Group gap={6}>
              <Button size="compact-xs" variant="light" onClick={() => setFecha(sumarDias(hoy, 1))}>
                Mañana
              </Button>
              <Button size="compact-xs" variant="light" onClick={() => setFecha(sumarDias(hoy, 7))}>
                En una semana
              </Button>
            </Group>
          </Stack>
        )}
        {accion === 'reasignar' && (
          <Seleccion
            label="Responsable"
            data={(usuarios.data ?? []).map((u) => ({
              value: String(u.id_usuario),
              label: `${u.nombre} · ${NOMBRE_ROL[u.rol as Rol] ?? u.rol}`,
            }))}
            value={responsable}
            onChange={setResponsable}
            searchable
            allowDeselect={false}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={alCerrar} disabled={mutacion.isPending}>
            Cancelar
          </Button>
          <Button type="submit" loading={mutacion.isPending} disabled={!listo}>
            {accion === 'completar' ? 'Marcar como hecho' : 'Guardar'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
