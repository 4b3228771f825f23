import { Center, Loader } from '@mantine/core';

/** Placeholder while a page's code or data arrives. */
export function Cargando({ texto = 'Cargando…' }: { texto?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader size="sm" aria-hidden />
      <span className="solo-lector">{texto}</span>
    </Center>
  );
}
