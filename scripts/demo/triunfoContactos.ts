import { siguienteId, type Contexto, type Historia } from './contexto.ts';
import { instante } from './fechas.ts';
import type { InteraccionNueva } from './interacciones.ts';
import type { OrdenGenerada, PedidoGenerado } from './servicios.ts';

/** Las personas, consentimientos y contactos de Agrícola El Triunfo (ver triunfo.ts). */

export function contactosYConsentimientos(ctx: Contexto, id: number, registro: number, responsable: number): void {
  const contactos = [
    ['Ramón Sepúlveda Cifuentes', 'Administrador del fundo', '+56991847263', 'ramon.sepulveda@gmail.com'],
    ['Ana María Fuentes Lagos', 'Contador', null, 'contabilidad@agricolaeltriunfo.cl'],
  ] as const;
  for (const [nombre, cargo, telefono, email] of contactos) {
    ctx.salida.contactos_cliente.agregar({
      id_contacto: siguienteId(ctx, 'contacto'),
      id_cliente: id,
      nombre,
      cargo,
      telefono,
      email,
    });
  }
  for (const canal of ['email', 'whatsapp']) {
    ctx.salida.consentimientos.agregar({
      id_consentimiento: siguienteId(ctx, 'consentimiento'),
      id_cliente: id,
      canal,
      otorgado: true,
      fecha: instante(registro, 640),
      fuente: 'Formulario en mesón',
      id_usuario: responsable,
    });
  }
}

/** Los contactos con El Triunfo, de más antiguo a más reciente; quince caen en el último año. */
export function interaccionesTriunfo(
  ctx: Contexto,
  h: Historia,
  d: {
    orden: (tipo: string, diasAtras: number) => OrdenGenerada;
    pedidos: PedidoGenerado[];
    ocm: number;
    tecnico: number;
  },
): InteraccionNueva[] {
  const { hoy } = ctx;
  const yo = h.responsable!;
  const c = (
    diasAtras: number,
    tipo: InteraccionNueva['tipo'],
    motivo: string,
    descripcion: string,
    resultado: string,
  ): InteraccionNueva => ({
    dia: hoy - diasAtras,
    tipo,
    motivo,
    descripcion,
    resultado,
    seguimiento: null,
    usuario: yo,
  });
  const tractor60 = d.orden('tractor', 60);
  const cosechadora = d.orden('cosechadora', d.ocm);
  return [
    c(
      1885,
      'visita',
      'Visita a terreno',
      'Primera visita al fundo: se registran el tractor, la cosechadora y el pulverizador.',
      'Cliente nuevo; se le ofrece un plan de mantención.',
    ),
    c(
      d.ocm + 1098,
      'llamada',
      'Agenda de mantención',
      'Coordina la mantención de pretemporada de la cosechadora Claas Tucano 570.',
      'Ingreso agendado.',
    ),
    {
      ...c(
        758,
        'llamada',
        'Reclamo',
        'Reclama demora en la reparación del embrague del tractor John Deere 6130J.',
        'Se revisa con el jefe de taller y se llama de vuelta.',
      ),
      orden: d.orden('tractor', 760),
      seguimiento: hoy - 756,
      cumplido: true,
    },
    c(
      520,
      'email',
      'Cotización',
      'Solicita cotización de neumáticos para el tractor John Deere 6130J.',
      'Cliente lo revisará con su socio.',
    ),
    c(
      d.ocm + 6,
      'visita',
      'Visita a terreno',
      'Revisión de la cosechadora Claas Tucano 570 antes de la temporada; se recomienda la mantención de pretemporada.',
      'Ingreso agendado.',
    ),
    {
      ...c(
        d.ocm + 2,
        'llamada',
        'Agenda de mantención',
        'Coordina el ingreso de la cosechadora Claas Tucano 570 para la mantención anual.',
        'Ingreso agendado.',
      ),
      orden: cosechadora,
    },
    {
      ...c(
        d.ocm - 3,
        'whatsapp',
        'Seguimiento de orden de trabajo',
        `Consulta cuándo estará lista la cosechadora (orden ${cosechadora.numero}); se prometió para el viernes.`,
        'Se entrega con dos días de atraso por un repuesto pendiente.',
      ),
      orden: cosechadora,
      usuario: d.tecnico,
    },
    {
      ...c(
        d.ocm - 8,
        'llamada',
        'Reclamo',
        'Reclama que la entrega de la cosechadora se atrasó y perdió dos días de cosecha.',
        'Se revisa con el jefe de taller y se llama de vuelta.',
      ),
      orden: cosechadora,
      seguimiento: hoy - d.ocm + 10,
      cumplido: true,
    },
    {
      ...c(
        hoy - d.pedidos[2]!.fecha + 1,
        'whatsapp',
        'Consulta de repuestos',
        'Solicita precio de secciones de cuchilla y dedos para la barra de corte de la cosechadora.',
        'Se confirma stock y se genera el pedido.',
      ),
      pedido: d.pedidos[2]!,
    },
    c(240, 'email', 'Relación comercial', 'Invitación a día de campo de Claas en Chillán.', 'Confirma asistencia.'),
    c(
      200,
      'visita',
      'Visita a terreno',
      'Recorrido por el fundo con el administrador, Ramón Sepúlveda; interés en renovar el pulverizador.',
      'Se toman datos para cotizar.',
    ),
    {
      ...c(
        150,
        'llamada',
        'Consulta técnica',
        'Consulta por alarma de presión hidráulica en el pulverizador Case IH Patriot 250.',
        'Resuelto con indicaciones del técnico.',
      ),
      usuario: d.tecnico,
    },
    {
      ...c(
        120,
        'llamada',
        'Seguimiento de encuesta de satisfacción',
        'Conversación sobre las últimas encuestas: valora la calidad del trabajo, pero pide mejores plazos de entrega.',
        'Se compromete aviso anticipado cuando falten repuestos.',
      ),
      origen: 'encuesta',
    },
    {
      ...c(
        76,
        'whatsapp',
        'Agenda de mantención',
        'Coordina la mantención del pulverizador Case IH Patriot 250.',
        'Ingreso agendado.',
      ),
      orden: d.orden('pulverizador', 75),
    },
    {
      ...c(
        62,
        'llamada',
        'Agenda de mantención',
        'Coordina la mantención del tractor John Deere 6130J.',
        'Ingreso agendado.',
      ),
      orden: tractor60,
    },
    {
      ...c(
        41,
        'whatsapp',
        'Consulta de repuestos',
        'Pide filtros y aceite para tener en bodega.',
        'Cliente retira en bodega.',
      ),
      pedido: d.pedidos[4]!,
    },
    c(
      14,
      'visita',
      'Visita a terreno',
      'Revisión de la cosechadora Claas Tucano 570: cadenas del alimentador y cabezal con desgaste.',
      'Se toman datos para cotizar.',
    ),
    {
      ...c(
        12,
        'email',
        'Cotización',
        'Envío de cotización por overhaul de cabezal y cambio de cadenas del alimentador de la cosechadora.',
        'Cliente lo revisará con su socio.',
      ),
      seguimiento: hoy + 3,
      cumplido: false,
    },
    c(
      5,
      'llamada',
      'Agenda de mantención',
      'Se le recuerda que la mantención anual de la cosechadora vence el próximo mes.',
      'Queda en confirmar la fecha después de revisar la cotización.',
    ),
  ].sort((a, b) => a.dia - b.dia);
}
