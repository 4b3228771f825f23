import './sinEval.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import dayjs from 'dayjs';
import 'dayjs/locale/es';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './estilos.css';
import { alPerderLaSesion, ApiError } from './api.ts';
import { Rutas } from './router.tsx';
import { CLAVE_SESION } from './sesion/sesion.ts';
import { tema } from './tema.ts';

dayjs.locale('es');

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // An edit form must not be overwritten under the user's hands when the tab regains focus.
      refetchOnWindowFocus: false,
      // A 4xx will not change by asking again; network hiccups and 5xx might.
      retry: (intentos, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && intentos < 2,
    },
  },
});

// A 401 on any call means the session expired: forgetting the user makes RequiereSesion send them
// to /ingresar, remembering where they were.
alPerderLaSesion(() => queryClient.setQueryData(CLAVE_SESION, null));

createRoot(document.getElementById('raiz')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <MantineProvider theme={tema}>
        <DatesProvider settings={{ locale: 'es', firstDayOfWeek: 1 }}>
          <Notifications position="top-right" />
          <BrowserRouter>
            <Rutas />
          </BrowserRouter>
        </DatesProvider>
      </MantineProvider>
    </QueryClientProvider>
  </StrictMode>,
);
