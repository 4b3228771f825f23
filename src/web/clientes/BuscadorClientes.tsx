import { useEffect, useRef, useState } from 'react';
import { CloseButton, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';

const ESPERA_MS = 250;

/** Search box: the URL follows the text after a short pause, so typing does not fire one request per key. */
export function BuscadorClientes({ valor, alCambiar }: { valor: string; alCambiar: (q: string) => void }) {
  const [texto, setTexto] = useState(valor);
  const enviado = useRef(valor);
  const enviar = useDebouncedCallback((q: string) => {
    enviado.current = q;
    alCambiar(q);
  }, ESPERA_MS);

  // The URL can change from elsewhere (back button, "Limpiar filtros"); our own echo must not
  // overwrite what the user kept typing meanwhile.
  useEffect(() => {
    if (valor !== enviado.current) {
      enviado.current = valor;
      enviar.cancel();
      setTexto(valor);
    }
  }, [valor, enviar]);

  return (
    <TextInput
      label="Buscar clientes"
      placeholder="Buscar por nombre, RUT, email, teléfono o comuna"
      type="search"
      leftSection={<IconSearch size={16} aria-hidden />}
      value={texto}
      onChange={(e) => {
        setTexto(e.currentTarget.value);
        enviar(e.currentTarget.value);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') enviar.flush();
      }}
      rightSection={
        texto ? (
          <CloseButton
            aria-label="Borrar la búsqueda"
            onClick={() => {
              setTexto('');
              enviar('');
              enviar.flush();
            }}
          />
        ) : null
      }
    />
  );
}
