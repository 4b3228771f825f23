import { useId } from 'react';
import {
  Autocomplete,
  Input,
  MultiSelect,
  Select,
  type AutocompleteProps,
  type MultiSelectProps,
  type SelectProps,
} from '@mantine/core';

/*
 * Mantine labels a combobox's option list with the field's own label, so while the list is open two
 * elements answer to "Comuna" and getByLabel('Comuna') (tests, some assistive tools) becomes ambiguous.
 * These wrappers render the label themselves and point the input at it with aria-labelledby; the
 * option list is then named by `aria-label` ("Opciones"), which the input's aria-labelledby overrides.
 */

interface Etiquetado {
  label: string;
  required?: boolean;
  id?: string;
}

function useEtiqueta(id: string | undefined) {
  const base = useId();
  const idCampo = id ?? `campo-${base.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  return { idCampo, idEtiqueta: `${idCampo}-etiqueta` };
}

const ORDEN = ['description', 'input', 'error'] as const;

export function Seleccion({ label, required, id, ...props }: Omit<SelectProps, 'label'> & Etiquetado) {
  const { idCampo, idEtiqueta } = useEtiqueta(id);
  return (
    <div>
      <Input.Label htmlFor={idCampo} id={idEtiqueta} required={required}>
        {label}
      </Input.Label>
      <Select
        {...props}
        id={idCampo}
        required={required}
        inputWrapperOrder={[...ORDEN]}
        aria-labelledby={idEtiqueta}
        aria-label="Opciones"
      />
    </div>
  );
}

export function SeleccionMultiple({ label, required, id, ...props }: Omit<MultiSelectProps, 'label'> & Etiquetado) {
  const { idCampo, idEtiqueta } = useEtiqueta(id);
  return (
    <div>
      <Input.Label htmlFor={idCampo} id={idEtiqueta} required={required}>
        {label}
      </Input.Label>
      <MultiSelect
        {...props}
        id={idCampo}
        required={required}
        inputWrapperOrder={[...ORDEN]}
        aria-labelledby={idEtiqueta}
        aria-label="Opciones"
      />
    </div>
  );
}

export function Autocompletar({ label, required, id, ...props }: Omit<AutocompleteProps, 'label'> & Etiquetado) {
  const { idCampo, idEtiqueta } = useEtiqueta(id);
  return (
    <div>
      <Input.Label htmlFor={idCampo} id={idEtiqueta} required={required}>
        {label}
      </Input.Label>
      <Autocomplete
        {...props}
        id={idCampo}
        required={required}
        inputWrapperOrder={[...ORDEN]}
        aria-labelledby={idEtiqueta}
        aria-label="Opciones"
      />
    </div>
  );
}
