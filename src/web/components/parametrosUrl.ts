import { useSearchParams } from 'react-router';

export type CambiosUrl = Record<string, string | null>;

/**
 * A page's filters kept in the URL (so a link or a reload shows the same list): `cambiar` sets or
 * clears each key and any change other than the page goes back to page 1; `limpiar` clears them all.
 * By default a change replaces the history entry; with `reemplazar: false` each one is a step back.
 */
export function useParametrosUrl({ reemplazar = true }: { reemplazar?: boolean } = {}): [
  URLSearchParams,
  (cambios: CambiosUrl) => void,
  () => void,
] {
  const [parametros, setParametros] = useSearchParams();
  const cambiar = (cambios: CambiosUrl) =>
    setParametros(
      (previos) => {
        const p = new URLSearchParams(previos);
        for (const [clave, valor] of Object.entries(cambios)) {
          if (valor) p.set(clave, valor);
          else p.delete(clave);
        }
        if (!('pagina' in cambios)) p.delete('pagina');
        return p;
      },
      { replace: reemplazar },
    );
  const limpiar = () => setParametros(new URLSearchParams(), { replace: reemplazar });
  return [parametros, cambiar, limpiar];
}
