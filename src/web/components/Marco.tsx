import { Link, Outlet, useLocation } from 'react-router';
import { AppShell, Badge, Burger, Button, Group, NavLink, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconLogout, IconPlant2, IconUsers, type Icon } from '@tabler/icons-react';
import { api, mensajeDeError } from '../api.ts';
import { NOMBRE_ROL, useUsuario } from '../sesion/sesion.ts';

interface Seccion {
  ruta: string;
  etiqueta: string;
  icono: Icon;
}

/** Sections of the navbar, in order. Interacciones, encuestas, reportes… get added here as they arrive. */
const SECCIONES: readonly Seccion[] = [{ ruta: '/clientes', etiqueta: 'Clientes', icono: IconUsers }];

/** The signed-in layout: header with the user and "Salir", navbar with the sections. */
export function Marco() {
  const usuario = useUsuario();
  const [abierto, { toggle, close }] = useDisclosure();
  const { pathname } = useLocation();

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

      <AppShell.Navbar p="xs" aria-label="Secciones">
        {SECCIONES.map((s) => (
          <NavLink
            key={s.ruta}
            component={Link}
            to={s.ruta}
            label={s.etiqueta}
            leftSection={<s.icono size={18} aria-hidden />}
            active={pathname === s.ruta || pathname.startsWith(`${s.ruta}/`)}
            aria-current={pathname === s.ruta ? 'page' : undefined}
            onClick={close}
            variant="light"
            fw={500}
          />
        ))}
      </AppShell.Navbar>

      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
