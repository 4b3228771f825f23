import { useRef, useState } from 'react';
import {
  Alert,
  Button,
  Group,
  Input,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconBrandWhatsapp, IconInfoCircle, IconMail } from '@tabler/icons-react';
import { ApiError } from '../api.ts';
import { completarPlantilla, VARIABLES_PLANTILLA, variablesDesconocidas } from '../../shared/plantillas.ts';
import { Seleccion } from '../components/Seleccion.tsx';
import { VARIABLES_EDITOR } from './catalogos.ts';
import { mostrarDestino } from './formato.ts';
import type { CanalCampana, Destinatario, VariablesDestinatario } from './tipos.ts';

export interface MensajeEditable {
  nombre: string;
  canal: CanalCampana;
  asunto: string;
  cuerpo: string;
}

export type ErroresMensaje = Partial<Record<keyof MensajeEditable, string>>;

/** What the editor can check before the server does: a subject for email, a body, known variables. */
export function validarMensaje(m: MensajeEditable): ErroresMensaje {
  const e: ErroresMensaje = {};
  if (!m.nombre.trim()) e.nombre = 'Indique un nombre para reconocer la campaña.';
  if (m.canal !== 'whatsapp' && !m.asunto.trim()) e.asunto = 'Un correo necesita asunto.';
  if (!m.cuerpo.trim()) e.cuerpo = 'Escriba el mensaje.';
  const desconocidas = variablesDesconocidas(`${m.canal !== 'whatsapp' ? m.asunto : ''} ${m.cuerpo}`);
  if (desconocidas.length) e.cuerpo = `Variables desconocidas: ${desconocidas.map((v) => `{${v}}`).join(', ')}.`;
  return e;
}

/** The server's field errors (422) on the editor's fields; anything else as a notification. */
export function erroresDelServidor(error: unknown): ErroresMensaje | null {
  if (!(error instanceof ApiError)) return null;
  const e: ErroresMensaje = {};
  for (const x of error.errores) {
    const campo = x.campo.split('.')[0];
    if (campo === 'nombre' || campo === 'asunto' || campo === 'cuerpo') e[campo] ??= x.mensaje;
  }
  return Object.keys(e).length ? e : null;
}

interface Props {
  valor: MensajeEditable;
  cambiar: (cambio: Partial<MensajeEditable>) => void;
  errores: ErroresMensaje;
  /** The recipients who will get it: the preview fills the template with their data. */
  destinatarios: Destinatario[];
}

/** Name, channel, subject and body of a campaign, with the variables and a live preview per recipient. */
export function EditorPlantilla({ valor, cambiar, errores, destinatarios }: Props) {
  const cuerpo = useRef<HTMLTextAreaElement>(null);

  /** Puts `{variable}` where the cursor is, as if typed, and leaves the cursor after it. */
  function insertar(variable: string) {
    const area = cuerpo.current;
    const texto = `{${variable}}`;
    const inicio = area?.selectionStart ?? valor.cuerpo.length;
    const fin = area?.selectionEnd ?? inicio;
    cambiar({ cuerpo: valor.cuerpo.slice(0, inicio) + texto + valor.cuerpo.slice(fin) });
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(inicio + texto.length, inicio + texto.length);
    });
  }

  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
      <Stack gap="sm">
        <TextInput
          label="Nombre de la campaña"
          required
          maxLength={120}
          value={valor.nombre}
          error={errores.nombre}
          onChange={(e) => cambiar({ nombre: e.currentTarget.value })}
        />
        <Input.Wrapper label="Canal" labelElement="div" id="canal-campana">
          <SegmentedControl
            fullWidth
            aria-labelledby="canal-campana-label"
            value={valor.canal}
            onChange={(canal) => cambiar({ canal: canal as CanalCampana })}
            data={[
              { value: 'preferido', label: 'El que prefiere cada uno' },
              { value: 'email', label: 'Email' },
              { value: 'whatsapp', label: 'WhatsApp' },
            ]}
          />
        </Input.Wrapper>
        {valor.canal !== 'whatsapp' && (
          <TextInput
            label={valor.canal === 'email' ? 'Asunto' : 'Asunto (para quienes lo reciben por correo)'}
            required
            maxLength={200}
            value={valor.asunto}
            error={errores.asunto}
            onChange={(e) => cambiar({ asunto: e.currentTarget.value })}
          />
        )}
        <Group gap={6} role="group" aria-label="Insertar variable">
          <Text size="xs" c="dimmed">
            Insertar:
          </Text>
          {VARIABLES_EDITOR.map((v) => (
            <Tooltip key={v} label={VARIABLES_PLANTILLA[v]} withArrow>
              <Button size="compact-xs" variant="light" onClick={() => insertar(v)}>
                {`{${v}}`}
              </Button>
            </Tooltip>
          ))}
        </Group>
        <Textarea
          ref={cuerpo}
          label="Mensaje"
          required
          autosize
          minRows={6}
          maxRows={14}
          maxLength={5000}
          value={valor.cuerpo}
          error={errores.cuerpo}
          onChange={(e) => cambiar({ cuerpo: e.currentTarget.value })}
          description={
            valor.canal === 'preferido'
              ? 'Cada cliente lo recibe por el canal que prefiere (WhatsApp si prefiere llamada o visita); los correos llevan un enlace para darse de baja.'
              : valor.canal === 'email'
                ? 'Cada correo lleva al final un enlace para darse de baja.'
                : 'Cada WhatsApp se abre con el texto listo; usted lo envía desde su teléfono o WhatsApp Web.'
          }
        />
      </Stack>
      <VistaPreviaMensaje valor={valor} destinatarios={destinatarios} />
    </SimpleGrid>
  );
}

function VistaPreviaMensaje({ valor, destinatarios }: { valor: MensajeEditable; destinatarios: Destinatario[] }) {
  const [elegido, setElegido] = useState<string | null>(null);
  const d = destinatarios.find((x) => String(x.id_cliente) === elegido) ?? destinatarios[0];
  const variables: VariablesDestinatario = d?.variables ?? {};
  const usadas = [...new Set([...`${valor.asunto} ${valor.cuerpo}`.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))];
  // A variable that comes out empty reads as a gap ("su ." ): say for how many it happens.
  const vacias = usadas
    .filter((v) => v in VARIABLES_PLANTILLA)
    .map((v) => ({ v, n: destinatarios.filter((x) => !x.variables[v as keyof VariablesDestinatario]).length }))
    .filter((x) => x.n > 0);
  // In a "preferred channel" campaign each recipient's message looks like their own channel.
  const canal = valor.canal === 'preferido' ? (d?.canal ?? 'email') : valor.canal;
  const Icono = canal === 'email' ? IconMail : IconBrandWhatsapp;
  return (
    <Stack gap="sm">
      <Title order={3} size="h5">
        Vista previa
      </Title>
      {destinatarios.length === 0 ? (
        <Text size="sm" c="dimmed">
          Cuando haya destinatarios que puedan recibirlo, aquí verá el mensaje con los datos de cada uno.
        </Text>
      ) : (
        <>
          <Seleccion
            label="Ver el mensaje de"
            data={destinatarios.map((x) => ({ value: String(x.id_cliente), label: x.nombre }))}
            value={d ? String(d.id_cliente) : null}
            onChange={setElegido}
            searchable
            allowDeselect={false}
          />
          <Paper
            withBorder
            p="md"
            bg={canal === 'whatsapp' ? 'green.0' : undefined}
            aria-label="Mensaje de ejemplo"
            role="region"
          >
            <Stack gap={6}>
              <Group gap={6} wrap="nowrap">
                <Icono size={16} aria-hidden />
                <Text size="xs" c="dimmed" truncate>
                  Para: {mostrarDestino(d?.destino ?? null)}
                </Text>
              </Group>
              {canal === 'email' && (
                <Text size="sm" fw={600}>
                  {completarPlantilla(valor.asunto, variables) || '(sin asunto)'}
                </Text>
              )}
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {completarPlantilla(valor.cuerpo, variables)}
              </Text>
              {canal === 'email' && (
                <Text size="xs" c="dimmed">
                  Si no desea recibir más correos nuestros: (enlace de baja)
                </Text>
              )}
            </Stack>
          </Paper>
        </>
      )}
      {vacias.length > 0 && (
        <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} aria-hidden />} py={8}>
          {vacias.map(({ v, n }) => `{${v}} queda vacío para ${n} de ${destinatarios.length}`).join('; ')}. Revise que
          el texto se lea bien sin ese dato.
        </Alert>
      )}
    </Stack>
  );
}
