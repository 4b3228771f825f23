import { Link } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { formatearFechaHora } from '../../shared/formato.ts';
import { api, mensajeDeError } from '../api.ts';
import { Seccion } from '../components/Seccion.tsx';
import { useUsuario } from '../sesion/sesion.ts';
import { useFusionesDeCliente, type Fusion } from './duplicados.consultas.ts';

/** On the ficha: the records merged into this customer, with "Deshacer" for admins. */
export function FusionesFicha({ idCliente }: { idCliente: number }) {
  const fusiones = useFusionesDeCliente(idCliente);
  const vigentes = (fusiones.data ?? []).filter((f) => f.id_superviviente === idCliente && !f.deshecha_en);
  if (vigentes.length === 0) return null;
  return (
    <Seccion titulo="Fichas fusionadas aquí">
      <Stack gap="xs">
        {vigentes.map((f) => (
          <FilaFusion key={f.id_fusion} fusion={f} />
        ))}
      </Stack>
    </Seccion>
  );
}

function FilaFusion({ fusion }: { fusion: Fusion }) {
  const usuario = useUsuario();
  const cliente = useQueryClient();
  const deshacer = useMutation({
    mutationFn: () => api(`/api/fusiones/${fusion.id_fusion}/deshacer`, { metodo: 'POST' }),
    onSuccess: () => {
      void cliente.invalidateQueries();
      notifications.show({ color: 'campo', message: `«${fusion.nombre_fusionado}» vuelve a ser una ficha aparte.` });
    },
    onError: (e) => notifications.show({ color: 'red', title: 'No se pudo deshacer', message: mensajeDeError(e) }),
  });
  return (
    <Group justify="space-between" wrap="nowrap">
      <Text size="sm">
        <Anchor component={Link} to={`/clientes/${fusion.id_fusionado}?ver=fusionado`} inherit>
          {fusion.nombre_fusionado}
        </Anchor>{' '}
        · {formatearFechaHora(fusion.fecha)}
        {fusion.usuario ? ` · ${fusion.usuario}` : ''}
      </Text>
      {usuario.rol === 'admin' && (
        <Button size="compact-sm" variant="default" loading={deshacer.isPending} onClick={() => deshacer.mutate()}>
          Deshacer
        </Button>
      )}
    </Group>
  );
}
