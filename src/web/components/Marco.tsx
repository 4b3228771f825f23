import { Link, Outlet, useLocation } from 'react-router';
import { AppShell, Badge, Burger, Button, Group, NavLink, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconBellRinging,
  IconBulb,
  IconChartBar,
  IconClipboardList,
  IconClockPause,
  IconFileDollar,
  IconFileImport,
  IconLayoutDashboard,
  IconListCheck,
  IconLogout,
  IconMap2,
  IconMoodSmile,
  IconPackage,
  IconPlant2,
  IconShieldLock,
  IconListSearch,
  IconTags,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import { api, mensajeDeError } from '../api.ts';
import { useResumenSeguimientos } from '../interacciones/consultas.ts';
import {
  IconAlertCircle,
  IconInbox,
  IconSpeakerphone,
  IconUserOff,
  InsigniaAlertas,
} from '../comunicacion/InsigniaAlertas.tsx';
import { NOMBRE_ROL, useUsuario, type Rol } from '../sesion/sesion.ts';

interface Seccion {
  ruta: string;
  etiqueta: string;
  icono: Icon;
  /** A small heading printed above the first section of a group. */
  grupo?: string;
  roles?: readonly Rol[];
  /** The follow-ups due (overdue + today) shown next to the label. */
  conPendientes?: boolean;
  /** A badge that keeps its own count beside the label (the alerts). */
  Insignia?: typeof InsigniaAlertas;
}

/** Sections of the navbar, in order. Encuestas, reportes… get added here as they arrive. */
const SECCIONES: readonly Seccion[] = [
  { ruta: '/', etiqueta: 'Tablero', icono: IconLayoutDashboard, roles: ['admin', 'comercial'] },
  { ruta: '/clientes', etiqueta: 'Clientes', icono: IconUsers },
  { ruta: '/seguimientos', etiqueta: 'Seguimientos', icono: IconBellRinging, conPendientes: true },
  { ruta: '/alertas', etiqueta: 'Alertas', icono: IconAlertCircle, Insignia: InsigniaAlertas },
  { ruta: '/campanas', etiqueta: 'Campañas', icono: IconSpeakerphone, grupo: 'Comunicación' },
  { ruta: '/inactivos', etiqueta: 'Inactivos', icono: IconUserOff },
  { ruta: '/bandeja', etiqueta: 'Bandeja de salida', icono: IconInbox, roles: ['admin', 'comercial'] },
  { ruta: '/ordenes', etiqueta: 'Órdenes', icono: IconClipboardList, grupo: 'Servicio' },
  { ruta: '/pedidos', etiqueta: 'Pedidos', icono: IconPackage },
  { ruta: '/cotizaciones', etiqueta: 'Cotizaciones', icono: IconFileDollar },
  { ruta: '/satisfaccion', etiqueta: 'Satisfacción', icono: IconMoodSmile, grupo: 'Reportes' },
  { ruta: '/mapa', etiqueta: 'Mapa', icono: IconMap2 },
  { ruta: '/valor', etiqueta: 'Valor', icono: IconChartBar },
  { ruta: '/oportunidades', etiqueta: 'Oportunidades', icono: IconBulb },
  { ruta: '/calidad', etiqueta: 'Calidad de datos', icono: IconListCheck, grupo: 'Datos' },
  { ruta: '/importar', etiqueta: 'Importar', icono: IconFileImport, roles: ['admin', 'comercial'] },
  { ruta: '/ajustes/etiquetas', etiqueta: 'Etiquetas', icono: IconTags, grupo: 'Ajustes', roles: ['admin'] },
  { ruta: '/ajustes/contacto', etiqueta: 'Reglas de contacto', icono: IconClockPause, roles: ['admin'] },
  {
    ruta: '/privacidad/solicitudes',
    etiqueta: 'Solicitudes del titular',
    icono: IconShieldLock,
    grupo: 'Privacidad',
    roles: ['admin'],
  },
  { ruta: '/privacidad/auditoria', etiqueta: 'Auditoría', icono: IconListSearch, roles: ['admin'] },
];

/** The signed-in layout: header with the user and "Salir", navbar with the sections. */
export function Marco() {
  const usuario = useUsuario();
  const [abierto, { toggle, close }] = useDisclosure();
  const { pathname } = useLocation();
  const resumen = useResumenSeguimientos();
  const pendientes = (resumen.data?.vencidos ?? 0) + (resumen.data?.hoy ?? 0);

  async function salir() {
    try {
      await api('/api/auth/logout', { metodo: 'POST' });
    } catch (error) {
      notifications.show({ color: 'red', title: 'No se pudo cerrar la sesión', message: mensajeDeError(error) });
      return;
    }
    // A full page load, not a client-side navigation: nothing of this user's data stays in memory.
    window.location.replace('/ingresar');
  }

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !abierto } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={abierto} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Abrir o cerrar el menú" />
            <UnstyledButton component={Link} to="/clientes" aria-label="Rancho Clientes, ir al inicio">
              <Group gap={6} wrap="nowrap">
                <IconPlant2 size={26} color="var(--mantine-color-campo-7)" aria-hidden />
                <Text fw={700} size="lg" c="campo.9">
                  Rancho Clientes
                </Text>
              </Group>
            </UnstyledButton>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Group gap={6} wrap="nowrap" visibleFrom="xs">
              <Text size="sm" fw={500} title={usuario.email}>
                {usuario.nombre}
              </Text>
              <Badge variant="light" color="gray" size="sm">
                {NOMBRE_ROL[usuario.rol]}
              </Badge>
            </Group>
            <Button
              variant="subtle"
              color="gray"
              size="sm"
              leftSection={<IconLogout size={16} aria-hidden />}
              onClick={salir}
            >
              Salir
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      {/* Scrolls on its own: on a laptop screen the admin's sections run past the bottom. */}
      <AppShell.Navbar p="xs" aria-label="Secciones" style={{ overflowY: 'auto' }}>
        {SECCIONES.filter((s) => !s.roles || s.roles.includes(usuario.rol)).map((s) => (
          <div key={s.ruta}>
            {s.grupo && (
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mt="md" mb={4}>
                {s.grupo}
              </Text>
            )}
            <NavLink
              component={Link}
              to={s.ruta}
              label={s.etiqueta}
              leftSection={<s.icono size={18} aria-hidden />}
              rightSection={
                s.Insignia ? (
                  <s.Insignia />
                ) : s.conPendientes && pendientes > 0 ? (
                  <Badge
                    size="sm"
                    circle={pendientes < 10}
                    color={(resumen.data?.vencidos ?? 0) > 0 ? 'red' : 'orange'}
                    title={`${resumen.data?.vencidos ?? 0} vencidos y ${resumen.data?.hoy ?? 0} para hoy`}
                  >
                    {pendientes}
                    <span className="solo-lector"> pendientes</span>
                  </Badge>
                ) : undefined
              }
              active={pathname === s.ruta || pathname.startsWith(`${s.ruta}/`)}
              aria-current={pathname === s.ruta ? 'page' : undefined}
              onClick={close}
              variant="light"
              fw={500}
            />
          </div>
        ))}
      </AppShell.Navbar>

      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
