import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Button, Group, Radio, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconRefresh } from '@tabler/icons-react';
import { hoyEnSantiago } from '../../shared/formato.ts';
import { EJEMPLO_HORARIO, interpretarHorario } from '../../shared/horario.ts';
import { ApiError, mensajeDeError } from '../api.ts';
import { CampoFecha } from '../components/CampoFecha.tsx';
import { Seccion } from '../components/Seccion.tsx';
import { Seleccion, SeleccionMultiple } from '../components/Seleccion.tsx';
import { useTerritorio } from '../territorio/territorio.ts';
import { AvisoDuplicado } from './AvisoDuplicado.tsx';
import { CampoEmail, CampoResponsable, CampoTelefono, CamposUbicacion } from './CamposCliente.tsx';
import { NOMBRE_TIPO_PERSONA, OPCIONES_CANAL_PREFERIDO } from './catalogos.ts';
import { useEtiquetas } from './consultas.ts';
import { CAMPOS_FORMULARIO, revisarRut, validarValores, type ValoresCliente } from './valoresCliente.ts';

interface Props {
  inicial: ValoresCliente;
  /** Set when editing: excluded from the duplicate warning. */
  idCliente?: number;
  /** Sends the values; throws ApiError when the server refuses them. */
  guardar: (valores: ValoresCliente) => Promise<void>;
  alCancelar: () => void;
  /** Editing only: reload the cliente after someone else changed it (409 on the version). */
  alRecargar?: () => void;
}

type Conflicto =
  { tipo: 'rut'; id_cliente: number; nombre: string; detalle: string } | { tipo: 'version'; detalle: string };

/** Create / edit form of a cliente. Server errors land on their fields; the rules themselves live on the server. */
export function FormularioCliente({ inicial, idCliente, guardar, alCancelar, alRecargar }: Props) {
  const territorio = useTerritorio();
  const etiquetas = useEtiquetas();
  const [enviando, setEnviando] = useState(false);
  const [conflicto, setConflicto] = useState<Conflicto | null>(null);
  const form = useForm<ValoresCliente>({ initialValues: inicial, validate: validarValores });
  const hoy = hoyEnSantiago();
  const avisos = useRef<HTMLDivElement>(null);

  // The submit button is at the bottom; a conflict is reported at the top, so bring it into view.
  useEffect(() => {
    if (conflicto) avisos.current?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }, [conflicto]);

  function enfocarPrimerError(errores: Record<string, unknown>) {
    const campo = CAMPOS_FORMULARIO.find((c) => errores[c]);
    if (campo) (form.getInputNode(campo) as HTMLElement | null)?.focus();
  }

  async function enviar(valores: ValoresCliente) {
    setConflicto(null);
    setEnviando(true);
    try {
      await guardar(valores);
    } catch (error) {
      setEnviando(false);
      if (!(error instanceof ApiError)) {
        notifications.show({ color: 'red', title: 'No se pudo guardar', message: mensajeDeError(error) });
        return;
      }
      // `campo` is the API's field name, which is also the form's (`rut`, `comuna`, `etiquetas.0`…).
      const porCampo: Record<string, string> = {};
      for (const e of error.errores) {
        const campo = e.campo.split('.')[0] as keyof ValoresCliente;
        if (CAMPOS_FORMULARIO.includes(campo) && !porCampo[campo]) porCampo[campo] = e.mensaje;
      }
      form.setErrors(porCampo);
      enfocarPrimerError(porCampo);
      const existente = error.problema.cliente_existente as { id_cliente: number; nombre: string } | undefined;
      if (existente) setConflicto({ tipo: 'rut', ...existente, detalle: error.detalle });
      else if (error.status === 409) setConflicto({ tipo: 'version', detalle: error.detalle });
      notifications.show({ color: 'red', title: error.titulo, message: error.detalle });
      return;
    }
    setEnviando(false);
  }

  const rut = form.getInputProps('rut');
  const horario = form.getInputProps('horario_contacto');

  return (
    <form
      noValidate
      onSubmit={form.onSubmit(enviar, (errores) => enfocarPrimerError(errores))}
      aria-label={idCliente ? 'Editar cliente' : 'Nuevo cliente'}
    >
      <Stack gap="md">
        <div ref={avisos} hidden={!conflicto}>
          {conflicto?.tipo === 'rut' && (
            <Alert color="red" icon={<IconAlertCircle />} title="Cliente ya registrado" role="alert">
              {conflicto.detalle}{' '}
              {conflicto.id_cliente > 0 && (
                <Anchor component={Link} to={`/clientes/${conflicto.id_cliente}`} inherit fw={600}>
                  Ver la ficha de «{conflicto.nombre}»
                </Anchor>
              )}
            </Alert>
          )}
          {conflicto?.tipo === 'version' && (
            <Alert color="orange" icon={<IconAlertCircle />} title="Otra persona modificó este cliente" role="alert">
              <Stack gap="xs" align="flex-start">
                <Text size="sm">{conflicto.detalle}</Text>
                {alRecargar && (
                  <Button
                    size="xs"
                    variant="white"
                    color="orange"
                    leftSection={<IconRefresh size={14} aria-hidden />}
                    onClick={alRecargar}
                  >
                    Recargar los datos actuales
                  </Button>
                )}
              </Stack>
            </Alert>
          )}
        </div>

        <Seccion titulo="Identificación">
          <TextInput
            label="Nombre o razón social"
            required
            maxLength={200}
            autoComplete="off"
            {...form.getInputProps('nombre')}
          />
          <AvisoDuplicado
            nombre={form.values.nombre === inicial.nombre && idCliente ? '' : form.values.nombre}
            excluir={idCliente}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="RUT"
              required
              placeholder="12.345.678-5"
              description="Con o sin puntos y guion"
              maxLength={20}
              autoComplete="off"
              {...rut}
              onBlur={(e) => {
                rut.onBlur?.(e);
                const r = revisarRut(form.values.rut);
                if (r.valor !== form.values.rut) form.setFieldValue('rut', r.valor);
                if (r.error) form.setFieldError('rut', r.error);
              }}
            />
            <Radio.Group label="Tipo" {...form.getInputProps('tipo_persona')}>
              <Group mt={8}>
                <Radio value="natural" label={NOMBRE_TIPO_PERSONA.natural} />
                <Radio value="empresa" label={NOMBRE_TIPO_PERSONA.empresa} />
              </Group>
            </Radio.Group>
          </SimpleGrid>
        </Seccion>

        <Seccion titulo="Contacto y ubicación">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <CampoTelefono form={form} />
            <CampoEmail form={form} />
          </SimpleGrid>
          <TextInput label="Dirección" maxLength={300} autoComplete="off" {...form.getInputProps('direccion')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <CamposUbicacion form={form} territorio={territorio.data} />
          </SimpleGrid>
        </Seccion>

        <Seccion titulo="Preferencias de contacto">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Seleccion
              label="Canal preferido"
              placeholder="Sin preferencia"
              data={OPCIONES_CANAL_PREFERIDO}
              clearable
              {...form.getInputProps('canal_preferido')}
            />
            <TextInput
              label="Horario de contacto"
              placeholder={EJEMPLO_HORARIO}
              description="Días y horas; varias franjas separadas por «;»"
              maxLength={200}
              autoComplete="off"
              {...horario}
              onBlur={(e) => {
                horario.onBlur?.(e);
                // Show the canonical form right away, so what is saved is what the user sees.
                const h = interpretarHorario(form.values.horario_contacto);
                if (!h.ok) form.setFieldError('horario_contacto', h.mensaje);
                else if (h.texto && h.texto !== form.values.horario_contacto)
                  form.setFieldValue('horario_contacto', h.texto);
              }}
            />
          </SimpleGrid>
          <Textarea
            label="Idioma y trato"
            description="Por ejemplo: habla mapudungun; prefiere que le escriban, no que lo llamen"
            autosize
            minRows={2}
            maxRows={5}
            maxLength={500}
            {...form.getInputProps('notas_idioma')}
          />
        </Seccion>

        <Seccion titulo="Fechas especiales">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <CampoFecha
              label="Fecha de nacimiento"
              description="Persona natural (opcional)"
              maxDate={hoy}
              {...form.getInputProps('fecha_nacimiento')}
            />
            <CampoFecha
              label="Fecha de aniversario"
              description="Empresa: inicio de actividades (opcional)"
              maxDate={hoy}
              {...form.getInputProps('fecha_aniversario')}
            />
          </SimpleGrid>
        </Seccion>

        <Seccion titulo="Gestión">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <CampoResponsable form={form} />
            <SeleccionMultiple
              label="Etiquetas"
              placeholder={form.values.etiquetas.length ? undefined : 'Elija una o más'}
              data={(etiquetas.data ?? []).map((e) => ({ value: String(e.id_etiqueta), label: e.nombre }))}
              searchable
              clearable
              nothingFoundMessage={etiquetas.data?.length ? 'Ninguna etiqueta coincide' : 'Aún no hay etiquetas'}
              {...form.getInputProps('etiquetas')}
            />
          </SimpleGrid>
          <Textarea label="Notas" autosize minRows={3} maxRows={10} maxLength={4000} {...form.getInputProps('notas')} />
        </Seccion>

        <Group justify="flex-end">
          <Button variant="default" onClick={alCancelar} disabled={enviando}>
            Cancelar
          </Button>
          <Button type="submit" loading={enviando}>
            Guardar
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
