import { TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { formatearTelefono, normalizarTelefono } from '../../shared/telefono.ts';
import { Seleccion } from '../components/Seleccion.tsx';
import { NOMBRE_ROL, type Rol } from '../sesion/sesion.ts';
import { SelectoresTerritorio } from '../territorio/SelectoresTerritorio.tsx';
import type { Territorio } from '../territorio/territorio.ts';
import { useUsuarios } from './consultas.ts';
import type { ValoresCliente } from './valoresCliente.ts';

/*
 * Fields of a cliente shared by the full form and the list's inline editor (Calidad de datos), so
 * both check and show phone, email, comuna and responsable the same way.
 */

type Form = UseFormReturnType<ValoresCliente>;
const foco = (autofoco?: boolean) => (autofoco ? { 'data-autofocus': true } : {});

/** Phone: on leaving the field, shown as `+56 9 1234 5678` or told why it is wrong. */
export function CampoTelefono({ form, autofoco }: { form: Form; autofoco?: boolean }) {
  const telefono = form.getInputProps('telefono');
  return (
    <TextInput
      label="Teléfono"
      type="tel"
      placeholder="9 1234 5678"
      maxLength={30}
      autoComplete="off"
      {...foco(autofoco)}
      {...telefono}
      onBlur={(e) => {
        telefono.onBlur?.(e);
        const texto = form.values.telefono.trim();
        if (texto === '') return;
        const t = normalizarTelefono(texto);
        if (t.ok) form.setFieldValue('telefono', formatearTelefono(t.e164));
        else form.setFieldError('telefono', t.mensaje);
      }}
    />
  );
}

export function CampoEmail({ form, autofoco }: { form: Form; autofoco?: boolean }) {
  return (
    <TextInput
      label="Email"
      type="email"
      placeholder="nombre@dominio.cl"
      maxLength={200}
      autoComplete="off"
      {...foco(autofoco)}
      {...form.getInputProps('email')}
    />
  );
}

/** Región and comuna, kept consistent; a server error on either lands on its select. */
export function CamposUbicacion({
  form,
  territorio,
  autofoco,
}: {
  form: Form;
  territorio: Territorio | undefined;
  autofoco?: boolean;
}) {
  return (
    <SelectoresTerritorio
      territorio={territorio}
      region={form.values.region}
      comuna={form.values.comuna}
      alCambiar={({ region, comuna }) => {
        form.setFieldValue('region', region);
        form.setFieldValue('comuna', comuna);
        form.clearFieldError('region');
        form.clearFieldError('comuna');
      }}
      propsRegion={{ error: form.errors.region, placeholder: 'Se completa con la comuna' }}
      propsComuna={{ error: form.errors.comuna, placeholder: 'Busque por nombre', ...foco(autofoco) }}
    />
  );
}

export function CampoResponsable({ form, autofoco }: { form: Form; autofoco?: boolean }) {
  const usuarios = useUsuarios();
  return (
    <Seleccion
      label="Responsable"
      placeholder="Sin responsable"
      data={(usuarios.data ?? []).map((u) => ({
        value: String(u.id_usuario),
        label: `${u.nombre} · ${NOMBRE_ROL[u.rol as Rol] ?? u.rol}`,
      }))}
      searchable
      clearable
      nothingFoundMessage="Ningún usuario coincide"
      {...foco(autofoco)}
      {...form.getInputProps('id_responsable')}
    />
  );
}
