import { lazy, type ReactNode } from 'react';
import { Route, Routes, useLocation } from 'react-router';
import { LimiteError } from './components/LimiteError.tsx';
import { Pagina } from './components/Pagina.tsx';
import { RequiereSesion } from './sesion/RequiereSesion.tsx';
import { Inicio } from './tablero/Inicio.tsx';

// Pages load on demand so the first load carries only the shell (DESIGN.md: keep it small).
const Ingresar = lazy(() => import('./sesion/Ingresar.tsx'));
const ListaClientes = lazy(() => import('./clientes/ListaClientes.tsx'));
const NuevoCliente = lazy(() => import('./clientes/NuevoCliente.tsx'));
const FichaCliente = lazy(() => import('./clientes/FichaCliente.tsx'));
const EditarCliente = lazy(() => import('./clientes/EditarCliente.tsx'));
const Historia = lazy(() => import('./interacciones/Historia.tsx'));
const Seguimientos = lazy(() => import('./interacciones/Seguimientos.tsx'));
const DetalleEquipo = lazy(() => import('./servicios/DetalleEquipo.tsx'));
const ListaOrdenes = lazy(() => import('./servicios/ListasServicio.tsx').then((m) => ({ default: m.ListaOrdenes })));
const ListaPedidos = lazy(() => import('./servicios/ListasServicio.tsx').then((m) => ({ default: m.ListaPedidos })));
const ListaCotizaciones = lazy(() =>
  import('./servicios/ListasServicio.tsx').then((m) => ({ default: m.ListaCotizaciones })),
);
const Etiquetas = lazy(() => import('./ajustes/Etiquetas.tsx'));
const PaginaSatisfaccion = lazy(() => import('./satisfaccion/PaginaSatisfaccion.tsx'));
const PaginaImportacion = lazy(() => import('./importacion/PaginaImportacion.tsx'));
const PaginaValor = lazy(() => import('./valor/PaginaValor.tsx'));
const PaginaOportunidades = lazy(() => import('./valor/PaginaOportunidades.tsx'));
const PaginaValorCliente = lazy(() => import('./valor/PaginaValorCliente.tsx'));
const PaginaMapa = lazy(() => import('./mapa/PaginaMapa.tsx'));
const PaginaVisita = lazy(() => import('./documentos/PaginaVisita.tsx'));
const Alertas = lazy(() => import('./comunicacion/Alertas.tsx'));
const FechasEspeciales = lazy(() => import('./comunicacion/FechasEspeciales.tsx'));
const Inactivos = lazy(() => import('./comunicacion/Inactivos.tsx'));
const ListaCampanas = lazy(() => import('./comunicacion/ListaCampanas.tsx'));
const NuevaCampana = lazy(() => import('./comunicacion/NuevaCampana.tsx'));
const AsistenteReactivacion = lazy(() => import('./comunicacion/AsistenteReactivacion.tsx'));
const ResultadosCampana = lazy(() => import('./comunicacion/ResultadosCampana.tsx'));
const Bandeja = lazy(() => import('./comunicacion/Bandeja.tsx'));
const PaginaCalidad = lazy(() => import('./calidad/PaginaCalidad.tsx'));
const Fusionar = lazy(() => import('./calidad/Fusionar.tsx'));
const AjustesContacto = lazy(() => import('./ajustes/AjustesContacto.tsx'));
const SolicitudesTitular = lazy(() => import('./privacidad/SolicitudesTitular.tsx'));
const Auditoria = lazy(() => import('./privacidad/Auditoria.tsx'));
const NoEncontrado = lazy(() => import('./components/NoEncontrado.tsx'));

/** Signed-in pages: path, tab title, page. */
const PAGINAS: { ruta: string; titulo: string; pagina: ReactNode }[] = [
  { ruta: '/clientes/:id/historia', titulo: 'Historia del cliente', pagina: <Historia /> },
  { ruta: '/seguimientos', titulo: 'Seguimientos', pagina: <Seguimientos /> },
  { ruta: '/alertas', titulo: 'Alertas', pagina: <Alertas /> },
  { ruta: '/fechas-especiales', titulo: 'Fechas especiales', pagina: <FechasEspeciales /> },
  { ruta: '/inactivos', titulo: 'Clientes inactivos', pagina: <Inactivos /> },
  { ruta: '/campanas', titulo: 'Campañas', pagina: <ListaCampanas /> },
  { ruta: '/campanas/nueva', titulo: 'Nueva campaña', pagina: <NuevaCampana /> },
  { ruta: '/campanas/reactivacion', titulo: 'Campaña de reactivación', pagina: <AsistenteReactivacion /> },
  { ruta: '/campanas/:id', titulo: 'Campaña', pagina: <ResultadosCampana /> },
  { ruta: '/bandeja', titulo: 'Bandeja de salida', pagina: <Bandeja /> },
  { ruta: '/equipos/:id', titulo: 'Equipo', pagina: <DetalleEquipo /> },
  { ruta: '/ordenes', titulo: 'Órdenes de trabajo', pagina: <ListaOrdenes /> },
  { ruta: '/pedidos', titulo: 'Pedidos de repuestos', pagina: <ListaPedidos /> },
  { ruta: '/cotizaciones', titulo: 'Cotizaciones', pagina: <ListaCotizaciones /> },
  { ruta: '/ajustes/etiquetas', titulo: 'Etiquetas', pagina: <Etiquetas /> },
  { ruta: '/satisfaccion', titulo: 'Satisfacción', pagina: <PaginaSatisfaccion /> },
  { ruta: '/mapa', titulo: 'Mapa de clientes', pagina: <PaginaMapa /> },
  { ruta: '/clientes/:id/visita', titulo: 'Preparar visita', pagina: <PaginaVisita /> },
  { ruta: '/importar', titulo: 'Importar datos', pagina: <PaginaImportacion /> },
  { ruta: '/valor', titulo: 'Valor de clientes', pagina: <PaginaValor /> },
  { ruta: '/oportunidades', titulo: 'Oportunidades', pagina: <PaginaOportunidades /> },
  { ruta: '/clientes/:id/valor', titulo: 'Valor del cliente', pagina: <PaginaValorCliente /> },
  { ruta: '/calidad', titulo: 'Calidad de datos', pagina: <PaginaCalidad /> },
  { ruta: '/calidad/duplicados', titulo: 'Posibles duplicados', pagina: <PaginaCalidad /> },
  { ruta: '/calidad/fusionar', titulo: 'Fusionar clientes', pagina: <Fusionar /> },
  { ruta: '/ajustes/contacto', titulo: 'Reglas de contacto', pagina: <AjustesContacto /> },
  { ruta: '/privacidad/solicitudes', titulo: 'Solicitudes del titular', pagina: <SolicitudesTitular /> },
  { ruta: '/privacidad/auditoria', titulo: 'Auditoría', pagina: <Auditoria /> },
];

/**
 * Routes of the app. Declarative routes (not a data router): data comes from TanStack Query, and
 * this keeps ~18 kB gzip of router code out of the first load.
 */
export function Rutas() {
  const { pathname } = useLocation();
  return (
    // Keyed by path so that an error on one page does not stick after navigating away.
    <LimiteError key={pathname}>
      <Routes>
        <Route
          path="/ingresar"
          element={
            <Pagina titulo="Ingresar">
              <Ingresar />
            </Pagina>
          }
        />
        <Route element={<RequiereSesion />}>
          {/* The KPI dashboard for admin and comercial; Inicio sends técnicos and lectura to /clientes. */}
          <Route
            index
            element={
              <Pagina titulo="Tablero">
                <Inicio />
              </Pagina>
            }
          />
          <Route
            path="/clientes"
            element={
              <Pagina titulo="Clientes">
                <ListaClientes />
              </Pagina>
            }
          />
          <Route
            path="/clientes/nuevo"
            element={
              <Pagina titulo="Nuevo cliente">
                <NuevoCliente />
              </Pagina>
            }
          />
          <Route
            path="/clientes/:id"
            element={
              <Pagina titulo="Ficha del cliente">
                <FichaCliente />
              </Pagina>
            }
          />
          <Route
            path="/clientes/:id/editar"
            element={
              <Pagina titulo="Editar cliente">
                <EditarCliente />
              </Pagina>
            }
          />
          {PAGINAS.map((p) => (
            <Route key={p.ruta} path={p.ruta} element={<Pagina titulo={p.titulo}>{p.pagina}</Pagina>} />
          ))}
          <Route
            path="*"
            element={
              <Pagina titulo="Página no encontrada">
                <NoEncontrado />
              </Pagina>
            }
          />
        </Route>
      </Routes>
    </LimiteError>
  );
}
