import { useSearchParams } from 'react-router';

export type CambiosUrl = Record<string, string | null>;

/**
 * A page's filters kept in the URL (so a link or a reload shows the same list): `cambiar` sets or
 * clears each key, replacing the history entry, and any change other than the page goes back to page 1.
 */
export function useParametrosUrl(): [URLSearchParams, (cambios: CambiosUrl) => void] {
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
      { replace: true },
    );
  return [parametros, cambiar];
}
