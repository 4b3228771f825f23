import { Link } from 'react-router';
import { Alert, Anchor, Badge, Group, List, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { IconUserOff } from '@tabler/icons-react';
import { contar } from '../components/formato.ts';
import { NOMBRE_CANAL } from './catalogos.ts';
import { mostrarDestino } from './formato.ts';
import type { CanalCampana, VistaPrevia } from './tipos.ts';

// What to do about each reason, so an exclusion is a next step rather than a dead end.
const QUE_HACER: Record<string, string> = {
  'Sin consentimiento para este canal': 'registre su consentimiento en la ficha si lo dio',
  'Se dio de baja de este canal': 'no se le vuelve a escribir por este canal',
  'Sin correo registrado': 'agregue su correo en la ficha',
  'Sin teléfono registrado': 'agregue su teléfono en la ficha',
  'Tratamiento bloqueado a pedido del titular': 'el titular pidió no tratar sus datos',
};

/**
 * Who will receive the campaign and who is left out and why (consent per channel, opt-out, no
 * address; DOMAIN.md "Consent"), as the server will decide it at send time.
 */
export function Destinatarios({ vista, canal }: { vista: VistaPrevia | undefined; canal: CanalCampana }) {
  if (!vista) return null;
  const incluidos = vista.items.filter((d) => d.incluido);
  const excluidos = vista.items.filter((d) => !d.incluido);
  const porMotivo = new Map<string, number>();
  for (const d of excluidos)
    porMotivo.set(d.motivo_exclusion ?? '', (porMotivo.get(d.motivo_exclusion ?? '') ?? 0) + 1);
  return (
    <Stack gap="sm">
      <Group gap="xs" aria-live="polite">
        <Badge size="lg" variant="light" color="campo">
          {contar(vista.incluidos, 'recibirá', 'recibirán')} por {NOMBRE_CANAL[canal]}
        </Badge>
        {excluidos.length > 0 && (
          <Badge size="lg" variant="light" color="orange">
            {contar(vista.total - vista.incluidos, 'excluido')}
          </Badge>
        )}
        {vista.total > vista.items.length && (
          <Text size="xs" c="dimmed">
            (se listan los primeros {vista.items.length})
          </Text>
        )}
      </Group>
      {excluidos.length > 0 && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconUserOff size={18} aria-hidden />}
          title="No recibirán el mensaje"
          role="region"
        >
          <Stack gap={6}>
            <Text size="xs">{[...porMotivo].map(([m, n]) => `${m}: ${n}`).join(' · ')}</Text>
            <ScrollArea.Autosize mah={220}>
              <List size="sm" spacing={2}>
                {excluidos.map((d) => (
                  <List.Item key={d.id_cliente}>
                    <Anchor
                      component={Link}
                      to={`/clientes/${d.id_cliente}`}
                      inherit
                      fw={500}
                      // A new tab: the campaign being prepared here stays as it is.
                      target="_blank"
                      rel="noopener noreferrer"
                    >
                      {d.nombre}
                    </Anchor>
                    {' — '}
                    <Text span inherit>
                      {d.motivo_exclusion}
                    </Text>
                    {d.motivo_exclusion && QUE_HACER[d.motivo_exclusion] && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        ({QUE_HACER[d.motivo_exclusion]})
                      </Text>
                    )}
                  </List.Item>
                ))}
              </List>
            </ScrollArea.Autosize>
          </Stack>
        </Alert>
      )}
      {incluidos.length > 0 && (
        <ScrollArea.Autosize mah={320}>
          <Table verticalSpacing={4} aria-label="Recibirán el mensaje">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Recibirán</Table.Th>
                <Table.Th>{canal === 'email' ? 'Correo' : canal === 'whatsapp' ? 'Teléfono' : 'Por'}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {incluidos.map((d) => (
                <Table.Tr key={d.id_cliente}>
                  <Table.Td>
                    <Text size="sm">{d.nombre}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {canal === 'preferido' && `${NOMBRE_CANAL[d.canal]}: `}
                      {mostrarDestino(d.destino)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}
