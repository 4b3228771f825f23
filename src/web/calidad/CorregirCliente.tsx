import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Anchor, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { NOMBRE_FALTANTE, type Faltante } from '../../shared/completitud.ts';
import { api, ApiError } from '../api.ts';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { mostrarErrorDeGuardado } from '../components/erroresFormulario.ts';
import { CampoEmail, CampoResponsable, CampoTelefono, CamposUbicacion } from '../clientes/CamposCliente.tsx';
import type { Cliente } from '../clientes/tipos.ts';
import {
  CAMPOS_FORMULARIO,
  cambiosEdicion,
  validarValores,
  valoresDeCliente,
  type ValoresCliente,
} from '../clientes/valoresCliente.ts';
import { useTerritorio, type Territorio } from '../territorio/territorio.ts';
import { useRefrescarCalidad } from './consultas.ts';

interface Props {
  idCliente: number;
  /** The gap the list is showing: its field gets the focus. */
  falta: Faltante | null;
  alCerrar: () => void;
}

/**
 * The list's inline editor: phone, email, comuna and responsable of one cliente, saved through the
 * normal edit (PATCH with the version read, same rules, same audit), optionally confirming the data.
 */
export function CorregirCliente({ idCliente, falta, alCerrar }: Props) {
  const territorio = useTerritorio();
  // Read fresh on opening: the list rows carry no version, and the edit must be made on the current one.
  const cliente = useQuery({
    queryKey: ['clientes', 'corregir', idCliente],
    queryFn: ({ signal }) => api<Cliente>(`/api/clientes/${idCliente}`, { signal }),
    gcTime: 0,
  });
  if (cliente.isError) return <ErrorCarga error={cliente.error} reintentar={() => void cliente.refetch()} />;
  if (!cliente.data || !territorio.data) return <Cargando />;
  return (
    <Formulario
      key={cliente.data.version}
      cliente={cliente.data}
      territorio={territorio.data}
      falta={falta}
      alCerrar={alCerrar}
      alRecargar={() => void cliente.refetch()}
    />
  );
}

function Formulario({
  cliente,
  territorio,
  falta,
  alCerrar,
  alRecargar,
}: {
  cliente: Cliente;
  territorio: Territorio;
  falta: Faltante | null;
  alCerrar: () => void;
  alRecargar: () => void;
}) {
  const refrescar = useRefrescarCalidad();
  const [inicial] = useState(() => valoresDeCliente(cliente, territorio));
  const form = useForm<ValoresCliente>({ initialValues: inicial, validate: validarValores });
  const [enviando, setEnviando] = useState<'guardar' | 'confirmar' | null>(null);
  const [conflicto, setConflicto] = useState<string | null>(null);

  async function guardar(valores: ValoresCliente, confirmar: boolean) {
    setEnviando(confirmar ? 'confirmar' : 'guardar');
    setConflicto(null);
    try {
      let version = cliente.version;
      const cambios = cambiosEdicion(inicial, valores, territorio);
      if (!confirmar && Object.keys(cambios).length === 0) {
        notifications.show({ color: 'gray', message: 'No hubo cambios que guardar.' });
        alCerrar();
        return;
      }
      if (Object.keys(cambios).length > 0) {
        const editado = await api<Cliente>(`/api/clientes/${cliente.id_cliente}`, {
          metodo: 'PATCH',
          cuerpo: { ...cambios, version },
        });
        version = editado.version;
      }
      if (confirmar) {
        await api<Cliente>(`/api/clientes/${cliente.id_cliente}/confirmar-datos`, {
          metodo: 'POST',
          cuerpo: { version },
        });
      }
      await refrescar();
      notifications.show({
        color: 'campo',
        message: `«${cliente.nombre}»: ${confirmar ? 'datos guardados y confirmados' : 'datos guardados'}.`,
      });
      alCerrar();
    } catch (error) {
      setEnviando(null);
      if (error instanceof ApiError && error.status === 409) setConflicto(error.detalle);
      mostrarErrorDeGuardado(form, error, CAMPOS_FORMULARIO);
    }
  }

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => void guardar(v, false))}
      aria-label={`Completar datos de ${cliente.nombre}`}
    >
      <Stack gap="sm">
        {conflicto && (
          <Alert color="orange" icon={<IconAlertCircle />} title="Otra persona modificó este cliente" role="alert">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{conflicto}</Text>
              <Button size="xs" variant="white" color="orange" onClick={alRecargar}>
                Recargar los datos actuales
              </Button>
            </Stack>
          </Alert>
        )}
        {(falta === 'equipos' || falta === 'consentimiento') && (
          <Alert color="blue" icon={<IconAlertCircle />}>
            {NOMBRE_FALTANTE[falta]}: se registra en la{' '}
            <Anchor component={Link} to={`/clientes/${cliente.id_cliente}`} inherit fw={600}>
              ficha del cliente
            </Anchor>
            .
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <CampoTelefono form={form} autofoco={falta === 'telefono'} />
          <CampoEmail form={form} autofoco={falta === 'email'} />
          <CamposUbicacion form={form} territorio={territorio} autofoco={falta === 'comuna'} />
          <CampoResponsable form={form} autofoco={falta === 'responsable'} />
        </SimpleGrid>
        <Group justify="space-between">
          <Anchor component={Link} to={`/clientes/${cliente.id_cliente}/editar`} size="sm">
            Edición completa
          </Anchor>
          <Group gap="xs">
            <Button variant="default" onClick={alCerrar} disabled={enviando !== null}>
              Cancelar
            </Button>
            <Button
              variant="light"
              loading={enviando === 'confirmar'}
              disabled={enviando === 'guardar'}
              onClick={() => {
                const r = form.validate();
                if (!r.hasErrors) void guardar(form.values, true);
              }}
            >
              Guardar y confirmar
            </Button>
            <Button type="submit" loading={enviando === 'guardar'} disabled={enviando === 'confirmar'}>
              Guardar
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
