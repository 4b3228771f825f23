import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Group, Modal, Popover, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconClockPause, IconMessagePlus, IconX } from '@tabler/icons-react';
import { formatearFecha, hoyEnSantiago } from '../../shared/formato.ts';
import { api, mensajeDeError } from '../api.ts';
import { CampoFecha } from '../components/CampoFecha.tsx';
import { sumarDias } from '../components/fechas.ts';
import { clavesComunicacion } from './consultas.ts';
import type { Alerta } from './tipos.ts';

type Cambio = { accion: 'atender' } | { accion: 'descartar'; motivo: string } | { accion: 'posponer'; hasta: string };

/** "Registrar contacto", "Atendida", "Posponer" (a date) and "Descartar" (with a reason) of one alert. */
export function AccionesAlerta({ alerta, registrarContacto }: { alerta: Alerta; registrarContacto: () => void }) {
  const queryClient = useQueryClient();
  const [descartando, setDescartando] = useState(false);
  const [posponiendo, setPosponiendo] = useState(false);
  const [motivo, setMotivo] = useState('');
  const [errorMotivo, setErrorMotivo] = useState<string | null>(null);
  const hoy = hoyEnSantiago();
  const [hasta, setHasta] = useState<string | null>(sumarDias(hoy, 7));

  const cambiar = useMutation({
    mutationFn: (c: Cambio) =>
      api(`/api/alertas/${alerta.id_alerta}/${c.accion}`, {
        metodo: 'POST',
        cuerpo:
          c.accion === 'descartar' ? { motivo: c.motivo } : c.accion === 'posponer' ? { hasta: c.hasta } : undefined,
      }),
    onSuccess: async (_, c) => {
      setDescartando(false);
      setPosponiendo(false);
      notifications.show({
        color: 'campo',
        message:
          c.accion === 'atender'
            ? `Alerta de ${alerta.cliente} atendida.`
            : c.accion === 'descartar'
              ? `Alerta de ${alerta.cliente} descartada.`
              : `Alerta de ${alerta.cliente} pospuesta hasta el ${formatearFecha(c.hasta)}.`,
      });
      await queryClient.invalidateQueries({ queryKey: clavesComunicacion.alertas });
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'No se pudo cambiar la alerta', message: mensajeDeError(error) }),
  });

  function descartar() {
    // The reason is what a colleague reads later to know why nobody acted: required, as on the server.
    if (!motivo.trim()) {
      setErrorMotivo('Indique el motivo.');
      return;
    }
    cambiar.mutate({ accion: 'descartar', motivo: motivo.trim() });
  }

  const etiqueta = `«${alerta.titulo}» de ${alerta.cliente}`;
  return (
    <>
      <Group gap={4} wrap="nowrap">
        <Button
          size="compact-xs"
          variant="light"
          leftSection={<IconMessagePlus size={14} aria-hidden />}
          onClick={registrarContacto}
          aria-label={`Registrar contacto por ${etiqueta}`}
        >
          Registrar contacto
        </Button>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconCheck size={14} aria-hidden />}
          onClick={() => cambiar.mutate({ accion: 'atender' })}
          loading={cambiar.isPending && cambiar.variables?.accion === 'atender'}
          aria-label={`Marcar atendida ${etiqueta}`}
        >
          Atendida
        </Button>
        <Popover opened={posponiendo} onChange={setPosponiendo} position="bottom-end" withArrow trapFocus>
          <Popover.Target>
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconClockPause size={14} aria-hidden />}
              onClick={() => setPosponiendo((v) => !v)}
              aria-label={`Posponer ${etiqueta}`}
            >
              Posponer
            </Button>
          </Popover.Target>
          <Popover.Dropdown>
            <Stack gap="xs" w={240}>
              <CampoFecha label="Posponer hasta" minDate={sumarDias(hoy, 1)} value={hasta} onChange={setHasta} />
              <Group gap={6}>
                <Button size="compact-xs" variant="light" onClick={() => setHasta(sumarDias(hoy, 1))}>
                  Mañana
                </Button>
                <Button size="compact-xs" variant="light" onClick={() => setHasta(sumarDias(hoy, 7))}>
                  En una semana
                </Button>
              </Group>
              <Button
                size="xs"
                disabled={!hasta}
                loading={cambiar.isPending}
                onClick={() => hasta && cambiar.mutate({ accion: 'posponer', hasta })}
              >
                Posponer
              </Button>
            </Stack>
          </Popover.Dropdown>
        </Popover>
        <Button
          size="compact-xs"
          variant="subtle"
          color="gray"
          leftSection={<IconX size={14} aria-hidden />}
          onClick={() => {
            setMotivo('');
            setErrorMotivo(null);
            setDescartando(true);
          }}
          aria-label={`Descartar ${etiqueta}`}
        >
          Descartar
        </Button>
      </Group>
      <Modal opened={descartando} onClose={() => setDescartando(false)} title="Descartar alerta">
        <Stack gap="sm">
          <Text size="sm">
            {alerta.titulo} · {alerta.cliente}
          </Text>
          <Textarea
            label="Motivo"
            required
            autosize
            minRows={2}
            maxLength={300}
            data-autofocus
            value={motivo}
            error={errorMotivo}
            onChange={(e) => {
              setMotivo(e.currentTarget.value);
              setErrorMotivo(null);
            }}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDescartando(false)}>
              Cancelar
            </Button>
            <Button color="red" loading={cambiar.isPending} onClick={descartar}>
              Descartar
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
