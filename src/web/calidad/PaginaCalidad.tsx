import { lazy, Suspense } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Stack, Tabs, Text, Title } from '@mantine/core';
import { Cargando } from '../components/Cargando.tsx';

const PanelCompletitud = lazy(() => import('./PanelCompletitud.tsx'));
const Duplicados = lazy(() => import('./Duplicados.tsx'));

/**
 * Tabs of "Calidad de datos", one path each so a tab can be bookmarked. A new check (duplicados…)
 * is one more entry here plus its route in router.tsx.
 */
const PESTANAS = [
  { ruta: '/calidad', etiqueta: 'Completitud', Pagina: PanelCompletitud },
  { ruta: '/calidad/duplicados', etiqueta: 'Duplicados', Pagina: Duplicados },
] as const;

/** /calidad: how complete and current the customer data are, and the lists to fix them. */
export default function PaginaCalidad() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const activa = PESTANAS.find((p) => p.ruta === pathname) ?? PESTANAS[0];
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>Calidad de datos</Title>
        <Text c="dimmed" size="sm">
          Lo que falta o está desactualizado en los datos de los clientes, y dónde corregirlo.
        </Text>
      </div>
      <Tabs value={activa.ruta} onChange={(ruta) => ruta && navigate(ruta)} keepMounted={false}>
        <Tabs.List>
          {PESTANAS.map((p) => (
            <Tabs.Tab key={p.ruta} value={p.ruta}>
              {p.etiqueta}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {PESTANAS.map((p) => (
          <Tabs.Panel key={p.ruta} value={p.ruta} pt="md">
            <Suspense fallback={<Cargando />}>
              <p.Pagina />
            </Suspense>
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
