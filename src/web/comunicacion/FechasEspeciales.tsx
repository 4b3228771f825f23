import { useState } from 'react';
import { Link } from 'react-router';
import { Anchor, Badge, EmptyState, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { IconCake } from '@tabler/icons-react';
import { formatearFecha } from '../../shared/formato.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { Seccion } from '../components/Seccion.tsx';
import { useRegistroInteraccion } from '../interacciones/DialogoInteraccion.tsx';
import { EnlacesContacto } from '../interacciones/EnlacesContacto.tsx';
import { useUsuario } from '../sesion/sesion.ts';
import { Cercania } from './Cercania.tsx';
import { nombreOcasion, puedeGestionarContacto } from './catalogos.ts';
import { useFechasEspeciales } from './consultas.ts';

/**
 * Birthdays and anniversaries of the coming days. A greeting goes out by itself only to who
 * consented to email (DOMAIN.md "Fechas especiales"); the rest are listed to be called in person.
 */
export function FechasEspeciales({ dias }: { dias: number }) {
  const usuario = useUsuario();
  const fechas = useFechasEspeciales(dias);
  const registro = useRegistroInteraccion();
  const gestiona = puedeGestionarContacto(usuario.rol);
  const items = fechas.data ?? [];
  return (
    <Seccion titulo={`Cumpleaños y aniversarios de los próximos ${dias} días`}>
      {fechas.isError && <ErrorCarga error={fechas.error} reintentar={() => void fechas.refetch()} />}
      {fechas.isPending && <Cargando texto="Cargando fechas especiales…" />}
      {fechas.data && items.length === 0 && (
        <EmptyState
          size="sm"
          icon={<IconCake size={28} aria-hidden />}
          title="Sin fechas especiales"
          description="Nadie cumple años ni aniversario en estos días."
        />
      )}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Día</Table.Th>
                <Table.Th>Cliente</Table.Th>
                <Table.Th>Ocasión</Table.Th>
                <Table.Th>Saludo</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((f) => {
                const automatico = f.consentimiento_email && Boolean(f.email);
                return (
                  <Table.Tr key={`${f.tipo}-${f.id_cliente}-${f.dia}`}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm">{formatearFecha(f.dia)}</Text>
                      <Cercania fecha={f.dia} />
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/clientes/${f.id_cliente}`} size="sm" fw={500}>
                        {f.nombre}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{nombreOcasion(f)}</Text>
                    </Table.Td>
                    <Table.Td>
                      {automatico ? (
                        <Badge variant="light" color="campo">
                          Saludo automático por correo
                        </Badge>
                      ) : (
                        <Group gap="sm" wrap="nowrap">
                          <Badge variant="light" color="orange">
                            Saludar en persona
                          </Badge>
                          <EnlacesContacto
                            telefono={f.telefono}
                            nombre={f.nombre}
                            compacto
                            alContactar={
                              gestiona
                                ? (tipo) =>
                                    registro.abrir({
                                      cliente: { id_cliente: f.id_cliente, nombre: f.nombre },
                                      tipo,
                                      motivo: `Saludo: ${nombreOcasion(f).toLowerCase()}`,
                                    })
                                : undefined
                            }
                          />
                          {!f.telefono && (
                            <Text size="xs" c="dimmed">
                              sin teléfono
                            </Text>
                          )}
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {registro.dialogo}
    </Seccion>
  );
}

const PLAZOS = [
  { value: '7', label: 'Esta semana' },
  { value: '14', label: '2 semanas' },
  { value: '30', label: '30 días' },
];

/** /fechas-especiales: the same list on its own, with a longer horizon to plan visits. */
export default function PaginaFechasEspeciales() {
  const [dias, setDias] = useState('7');
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>Fechas especiales</Title>
          <Text c="dimmed" size="sm">
            Cumpleaños, aniversarios de empresa y años como cliente. Solo se saluda por correo a quien lo autorizó.
          </Text>
        </div>
        <SegmentedControl data={PLAZOS} value={dias} onChange={setDias} aria-label="Plazo" />
      </Group>
      <FechasEspeciales dias={Number(dias)} />
    </Stack>
  );
}
