import type { TipoEquipo } from './maquinaria.ts';

/** Lo que se escribe en un taller: motivos de contacto, trabajos, cotizaciones y comentarios de encuestas. */

export type TipoInteraccion = 'llamada' | 'email' | 'visita' | 'whatsapp' | 'otro';

export interface Motivo {
  motivo: string;
  peso: number;
  tipos: readonly (readonly [TipoInteraccion, number])[];
  /** Con qué se vincula la interacción cuando el cliente tiene uno: su orden o su pedido. */
  vinculo: 'orden' | 'pedido' | null;
  /** `{equipo}` y `{numero}` se reemplazan por los del cliente. */
  descripciones: readonly string[];
  resultados: readonly string[];
  /** Probabilidad de que quede un seguimiento pendiente. */
  seguimiento: number;
}

export const MOTIVOS: readonly Motivo[] = [
  {
    motivo: 'Consulta de repuestos',
    peso: 16,
    tipos: [
      ['whatsapp', 45],
      ['llamada', 40],
      ['email', 15],
    ],
    vinculo: 'pedido',
    descripciones: [
      'Consulta precio y stock de filtros para {equipo}.',
      'Pide repuestos para la mantención de {equipo}; se revisa disponibilidad.',
      'Consulta por el estado del pedido {numero}.',
      'Solicita cotizar correas y rodamientos para {equipo}.',
    ],
    resultados: [
      'Se confirma stock y se genera el pedido.',
      'Repuesto sin stock; se importa con plazo de 15 días.',
      'Cliente retira en bodega.',
      'Se envía cotización por WhatsApp.',
      'Queda en confirmar.',
    ],
    seguimiento: 0.15,
  },
  {
    motivo: 'Agenda de mantención',
    peso: 14,
    tipos: [
      ['llamada', 55],
      ['whatsapp', 30],
      ['email', 15],
    ],
    vinculo: 'orden',
    descripciones: [
      'Coordina el ingreso de {equipo} para mantención preventiva.',
      'Solicita la mantención anual de {equipo} antes de la temporada.',
      'Pide visita del técnico para mantención de {equipo} en el fundo.',
    ],
    resultados: [
      'Ingreso agendado.',
      'Se agenda visita del técnico a terreno.',
      'Cliente prefiere esperar a terminar la cosecha.',
      'Se reprograma para la próxima semana.',
    ],
    seguimiento: 0.2,
  },
  {
    motivo: 'Seguimiento de orden de trabajo',
    peso: 12,
    tipos: [
      ['llamada', 50],
      ['whatsapp', 40],
      ['email', 10],
    ],
    vinculo: 'orden',
    descripciones: [
      'Consulta el avance de la orden {numero} de {equipo}.',
      'Se informa el diagnóstico de {equipo} y se pide autorización para reparar.',
      'Aviso de equipo listo para retiro ({numero}).',
    ],
    resultados: [
      'Cliente autoriza la reparación.',
      'Retira el equipo el viernes.',
      'Se compromete entrega para el lunes.',
      'Informado.',
    ],
    seguimiento: 0.15,
  },
  {
    motivo: 'Reclamo',
    peso: 5,
    tipos: [
      ['llamada', 70],
      ['email', 20],
      ['whatsapp', 10],
    ],
    vinculo: 'orden',
    descripciones: [
      'Reclama demora en la entrega de {equipo}.',
      'Reclama que la falla de {equipo} volvió a aparecer después de la reparación.',
      'Reclama por el monto facturado en la orden {numero}.',
    ],
    resultados: [
      'Se revisa con el jefe de taller y se llama de vuelta.',
      'Se agenda revisión sin costo.',
      'Se aplica un descuento de 10 %.',
      'Reclamo escalado a gerencia.',
    ],
    seguimiento: 0.6,
  },
  {
    motivo: 'Consulta técnica',
    peso: 10,
    tipos: [
      ['llamada', 50],
      ['whatsapp', 45],
      ['visita', 5],
    ],
    vinculo: null,
    descripciones: [
      'Consulta por alarma de presión de aceite en {equipo}.',
      'Consulta por consumo excesivo de combustible de {equipo}.',
      'Pregunta qué aceite usar en la transmisión de {equipo}.',
      'Consulta por ruido en la toma de fuerza de {equipo}.',
    ],
    resultados: [
      'Se orienta por teléfono; si persiste, ingresa a taller.',
      'Se agenda diagnóstico.',
      'Resuelto con indicaciones del técnico.',
    ],
    seguimiento: 0.2,
  },
  {
    motivo: 'Visita a terreno',
    peso: 8,
    tipos: [['visita', 1]],
    vinculo: null,
    descripciones: [
      'Visita al fundo para revisar {equipo}.',
      'Recorrido con el administrador por el parque de maquinaria.',
      'Visita comercial: presentación de planes de mantención preventiva.',
    ],
    resultados: [
      'Interesado en un plan de mantención anual.',
      'Se detectan equipos con la mantención atrasada.',
      'Se toman datos para cotizar.',
      'Sin necesidades por ahora.',
    ],
    seguimiento: 0.35,
  },
  {
    motivo: 'Cotización',
    peso: 9,
    tipos: [
      ['email', 55],
      ['whatsapp', 25],
      ['llamada', 20],
    ],
    vinculo: null,
    descripciones: [
      'Envío de cotización por reparación de {equipo}.',
      'Solicita cotización de neumáticos para {equipo}.',
      'Consulta por la cotización enviada la semana pasada.',
    ],
    resultados: [
      'Cliente lo revisará con su socio.',
      'Cotización aceptada.',
      'Lo encuentra caro; pide mejorar el precio.',
      'Sin respuesta todavía.',
    ],
    seguimiento: 0.4,
  },
  {
    motivo: 'Cobranza',
    peso: 4,
    tipos: [
      ['llamada', 60],
      ['email', 40],
    ],
    vinculo: null,
    descripciones: ['Recordatorio de factura vencida.', 'Coordina la forma de pago de la última orden.'],
    resultados: ['Paga por transferencia esta semana.', 'Pide pagar en dos cuotas.', 'Pagado.'],
    seguimiento: 0.5,
  },
  {
    motivo: 'Consulta por garantía',
    peso: 3,
    tipos: [
      ['llamada', 60],
      ['email', 40],
    ],
    vinculo: 'orden',
    descripciones: [
      'Consulta si la falla de {equipo} está cubierta por la garantía.',
      'Pide el informe técnico de la orden {numero} para la garantía.',
    ],
    resultados: ['Se envía el caso al fabricante.', 'Cubierto por garantía.', 'No aplica garantía por uso indebido.'],
    seguimiento: 0.4,
  },
  {
    motivo: 'Relación comercial',
    peso: 6,
    tipos: [
      ['llamada', 30],
      ['whatsapp', 30],
      ['visita', 20],
      ['email', 20],
    ],
    vinculo: null,
    descripciones: [
      'Saludo por el inicio de la temporada.',
      'Invitación a día de campo de la marca.',
      'Informa ofertas de lubricantes de temporada.',
    ],
    resultados: ['Agradece.', 'Confirma asistencia.', 'Interesado.'],
    seguimiento: 0.1,
  },
  {
    motivo: 'Actualización de datos',
    peso: 3,
    tipos: [
      ['llamada', 50],
      ['email', 50],
    ],
    vinculo: null,
    descripciones: ['Actualiza el correo y el teléfono de contacto.', 'Informa cambio de administrador del fundo.'],
    resultados: ['Datos actualizados.'],
    seguimiento: 0,
  },
  {
    motivo: 'Otro',
    peso: 2,
    tipos: [['otro', 1]],
    vinculo: null,
    descripciones: ['Deja un recado en el mesón.', 'Consulta en el mesón por el horario de atención.'],
    resultados: ['Informado.'],
    seguimiento: 0,
  },
];

export const PESOS_MOTIVO = MOTIVOS.map((m) => [m, m.peso] as const);

const MANTENCION: Record<TipoEquipo, string> = {
  tractor: 'Mantención anual: cambio de aceites y filtros, revisión de frenos y sistema hidráulico.',
  cosechadora: 'Mantención de pretemporada: revisión de cabezal, cadenas, correas y sistema de trilla.',
  sembradora: 'Mantención de pretemporada: revisión de discos, dosificadores y transmisión.',
  pulverizador: 'Mantención: cambio de membranas, revisión de boquillas y calibración.',
  enfardadora: 'Mantención de pretemporada: revisión de anudadores, recolector y lubricación.',
  otro: 'Mantención general y lubricación.',
};

export const FALLAS: Record<TipoEquipo, readonly string[]> = {
  tractor: [
    'Reparación de embrague.',
    'Falla en bomba hidráulica.',
    'Reparación de toma de fuerza.',
    'Cambio de bomba de agua por recalentamiento.',
    'Falla eléctrica en tablero de instrumentos.',
    'Fuga de aceite en cilindro del levante.',
    'Reparación de caja de cambios.',
    'Cambio de neumáticos traseros.',
  ],
  cosechadora: [
    'Cambio de cadenas del alimentador.',
    'Reparación del cilindro trillador.',
    'Cambio de cuchillas y dedos de la barra de corte.',
    'Falla en sistema hidráulico del cabezal.',
    'Reparación de zarandas.',
  ],
  sembradora: ['Cambio de discos abresurcos.', 'Reparación de transmisión de dosificadores.', 'Soldadura de chasis.'],
  pulverizador: ['Reparación de bomba de pulverización.', 'Cambio de mangueras y boquillas.', 'Reparación de barra.'],
  enfardadora: ['Reparación de anudador.', 'Cambio de correas de cámara.', 'Reparación de recolector.'],
  otro: ['Cambio de rodamientos.', 'Soldadura y refuerzo de estructura.', 'Cambio de cuchillas.'],
};

/** Texto de una mantención preventiva; con horómetro, la pauta redondeada a 250 horas como en los manuales. */
export function textoMantencion(tipo: TipoEquipo | null, horas: number | null): string {
  if (horas !== null && horas >= 200) {
    const pauta = Math.max(250, Math.round(horas / 250) * 250);
    return `Mantención ${pauta.toLocaleString('es-CL')} horas: cambio de aceite de motor y filtros de aceite, combustible y aire.`;
  }
  return MANTENCION[tipo ?? 'otro'];
}

export const COTIZACIONES = {
  equipo: [
    '{falla} de {equipo}.',
    '{falla} de {equipo}.',
    'Neumáticos para {equipo}.',
    'Plan de mantención anual de {equipo}.',
  ],
  motor: ['Kit de filtros y lubricantes para la mantención de {equipo}.', 'Overhaul de motor de {equipo}.'],
  sinEquipo: 'Repuestos y mano de obra según visita a terreno.',
} as const;

export const COMENTARIOS = {
  promotor: [
    'Excelente atención, muy recomendable.',
    'El equipo quedó como nuevo.',
    'Muy buen servicio, cumplieron con los plazos.',
    'Los técnicos saben mucho, muy conforme.',
    'Rápidos y ordenados, gracias.',
    'Buena disposición de todo el equipo del taller.',
  ],
  pasivo: [
    'Buen trabajo, pero se demoraron más de lo prometido.',
    'Conforme con la reparación; el precio un poco alto.',
    'Bien en general, faltó avisar cuando estaba listo.',
    'Correcto, aunque tuvimos que llamar varias veces.',
  ],
  detractor: [
    'La máquina volvió a fallar a la semana.',
    'Demasiada demora, perdimos días de cosecha.',
    'Muy caro para lo que hicieron.',
    'Nadie me avisó que el repuesto no había llegado.',
    'Mala comunicación con el taller.',
  ],
  tiempo: [
    'Buena calidad, pero hay que mejorar los tiempos de entrega.',
    'El trabajo bien hecho, pero esperamos demasiado.',
  ],
} as const;
