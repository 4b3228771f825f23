import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useDebouncedValue } from '@mantine/hooks';
import { api, consulta } from '../api.ts';
import type { PaginaClientes } from '../clientes/tipos.ts';
import { Seleccion } from '../components/Seleccion.tsx';

export interface ClienteElegido {
  id_cliente: number;
  nombre: string;
}

/** A cliente picked by typing part of the name or RUT: the server searches (accents ignored), 10 at a time. */
export function BuscarCliente({
  valor,
  alCambiar,
  error,
}: {
  valor: ClienteElegido | null;
  alCambiar: (c: ClienteElegido | null) => void;
  error?: string;
}) {
  const [busqueda, setBusqueda] = useState(valor?.nombre ?? '');
  const [q] = useDebouncedValue(busqueda.trim(), 250);
  const resultados = useQuery({
    queryKey: ['clientes', 'busqueda-encuesta', q],
    queryFn: ({ signal }) => api<PaginaClientes>(`/api/clientes${consulta({ q, limit: 10 })}`, { signal }),
    enabled: q.length >= 2 && q !== valor?.nombre,
    staleTime: 30_000,
  });
  const opciones = (resultados.data?.items ?? []).map((c) => ({ value: String(c.id_cliente), label: c.nombre }));
  // The chosen one stays among the options, or the field would go blank after the list changes.
  if (valor && !opciones.some((o) => o.value === String(valor.id_cliente))) {
    opciones.unshift({ value: String(valor.id_cliente), label: valor.nombre });
  }
  return (
    <Seleccion
      label="Cliente"
      required
      searchable
      clearable
      placeholder="Escriba el nombre o RUT"
      data={opciones}
      // The server already filtered by name, RUT, email…: show everything it returned.
      filter={({ options }) => options}
      searchValue={busqueda}
      onSearchChange={setBusqueda}
      value={valor ? String(valor.id_cliente) : null}
      onChange={(v, opcion) => alCambiar(v && opcion ? { id_cliente: Number(v), nombre: opcion.label } : null)}
      nothingFoundMessage={
        q.length < 2 ? 'Escriba al menos 2 letras' : resultados.isFetching ? 'Buscando…' : 'Ningún cliente coincide'
      }
      error={error}
    />
  );
}
