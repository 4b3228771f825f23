import { Stepper } from '@mantine/core';

const PASOS = [
  { label: 'Clientes', description: 'Historia y equipos' },
  { label: 'Propuesta', description: 'Mensaje y canal' },
  { label: 'Envío', description: 'Crear y enviar' },
  { label: 'Resultados', description: 'Respuesta de cada cliente' },
];

/**
 * The four steps of seed example 2, as a header (each step's content is rendered by the page).
 * Steps already done can be revisited, except those before `desde` (once sent, the first two are closed).
 */
export function PasosReactivacion({
  activo,
  alElegir,
  desde = 0,
}: {
  activo: number;
  alElegir: (paso: number) => void;
  desde?: number;
}) {
  return (
    <Stepper
      active={activo}
      onStepClick={alElegir}
      allowNextStepsSelect={false}
      size="sm"
      aria-label="Pasos de la campaña"
    >
      {PASOS.map((p, i) => (
        <Stepper.Step
          key={p.label}
          label={p.label}
          description={p.description}
          allowStepSelect={i < activo && i >= desde}
        />
      ))}
    </Stepper>
  );
}
