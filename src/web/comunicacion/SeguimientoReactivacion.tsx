import { useNavigate, useSearchParams } from 'react-router';
import { Button, Group, Stack } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconChartBar } from '@tabler/icons-react';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { Seccion } from '../components/Seccion.tsx';
import { useCampana } from './consultas.ts';
import { EnvioCampana } from './EnvioCampana.tsx';
import { PasosReactivacion } from './PasosReactivacion.tsx';
import { RegistroResultados } from './RegistroResultados.tsx';

/** Steps 3 and 4 of a reactivation already created: the sending, then each cliente's answer. */
export function SeguimientoReactivacion({ id }: { id: number }) {
  const navigate = useNavigate();
  const [parametros, setParametros] = useSearchParams();
  const paso = parametros.get('paso') === 'resultados' ? 3 : 2;
  const datos = useCampana(id);
  const irA = (p: number) =>
    setParametros(p === 3 ? { campana: String(id), paso: 'resultados' } : { campana: String(id) }, { replace: true });

  if (datos.isError) return <ErrorCarga error={datos.error} reintentar={() => void datos.refetch()} />;
  if (!datos.data) return <Cargando texto="Cargando la campaña…" />;
  const { campana, resumen } = datos.data;

  return (
    <Stack gap="md">
      <PasosReactivacion activo={paso} alElegir={irA} desde={2} />
      {paso === 2 ? (
        <Seccion titulo={`Envío de «${campana.nombre}»`}>
          <EnvioCampana datos={datos.data} />
          <Group justify="flex-end">
            <Button rightSection={<IconArrowRight size={16} aria-hidden />} onClick={() => irA(3)}>
              {resumen.pendientes > 0 ? 'Registrar resultados (el envío sigue)' : 'Siguiente: registrar resultados'}
            </Button>
          </Group>
        </Seccion>
      ) : (
        <Seccion titulo="Resultados por cliente">
          <RegistroResultados datos={datos.data} />
          <Group justify="space-between">
            <Button variant="default" leftSection={<IconArrowLeft size={16} aria-hidden />} onClick={() => irA(2)}>
              Envío
            </Button>
            <Button leftSection={<IconChartBar size={16} aria-hidden />} onClick={() => navigate(`/campanas/${id}`)}>
              Ver resultados de la campaña
            </Button>
          </Group>
        </Seccion>
      )}
    </Stack>
  );
}
