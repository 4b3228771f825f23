import { Suspense, useEffect, useLayoutEffect, type ReactNode } from 'react';
import { Cargando } from './Cargando.tsx';

/** A routed page: sets the browser tab's title and waits for the page's lazily loaded code. */
export function Pagina({ titulo, children }: { titulo: string; children: ReactNode }) {
  // A layout effect runs before the page's own effects, so useTituloPagina below gets the last word.
  useLayoutEffect(() => {
    document.title = `${titulo} · Rancho Clientes`;
  }, [titulo]);
  return <Suspense fallback={<Cargando />}>{children}</Suspense>;
}

/** For pages whose title is only known after loading (the ficha shows the cliente's name). */
export function useTituloPagina(titulo: string | undefined) {
  useEffect(() => {
    if (titulo) document.title = `${titulo} · Rancho Clientes`;
  }, [titulo]);
}
