import type { Azar } from './azar.ts';
import { siguienteId, type Contexto } from './contexto.ts';
import { celular, limpio, nombreCompleto, nombrePersona, type Identidad } from './clientes.ts';
import { horaDeOficina, instante } from './fechas.ts';
import { CARGOS_CONTACTO, DOMINIOS_PERSONALES } from './nombres.ts';

/** Etiquetas, contactos y consentimientos de un cliente: lo que rodea su ficha. */

/** Etiquetas de la demo con su color (nombres de color de Mantine, como usa la web). */
export const ETIQUETAS: readonly (readonly [string, string])[] = [
  ['Frutícola', 'green'],
  ['Lechero', 'blue'],
  ['Cerealero', 'yellow'],
  ['Contratista', 'orange'],
  ['Viñatero', 'grape'],
  ['Ganadero', 'red'],
];

/** En qué regiones es típico cada rubro (Contratista hay en todas). */
const RUBRO_REGIONES: Readonly<Record<string, readonly string[]>> = {
  Frutícola: ['04', '05', '06', '07', '13'],
  Viñatero: ['05', '06', '07', '13', '16'],
  Cerealero: ['07', '16', '08', '09'],
  Lechero: ['09', '14', '10'],
  Ganadero: ['08', '09', '14', '10', '11', '12'],
};

export function asignarEtiquetas(azar: Azar, ctx: Contexto, identidad: Identidad): void {
  const region = identidad.comuna.codigo_region;
  const elegidas = new Set<string>();
  if (identidad.pista) elegidas.add(identidad.pista);
  const opciones: [string, number][] = Object.entries(RUBRO_REGIONES)
    .filter(([, regiones]) => regiones.includes(region))
    .map(([rubro]) => [rubro, 3]);
  opciones.push(['Contratista', 1]);
  if (azar.si(0.55)) elegidas.add(azar.ponderado(opciones));
  if (azar.si(0.15)) elegidas.add(azar.ponderado(opciones));
  for (const nombre of elegidas) {
    const idEtiqueta = ctx.etiquetas.get(nombre);
    if (idEtiqueta)
      ctx.salida.clientes_etiquetas.agregar({ id_cliente: identidad.fila.id_cliente, id_etiqueta: idEtiqueta });
  }
}

/** Las empresas suelen tener un administrador o jefe de campo con quien se habla de verdad. */
export function agregarContactos(azar: Azar, ctx: Contexto, identidad: Identidad): void {
  if (identidad.fila.tipo_persona !== 'empresa' || !azar.si(0.6)) return;
  const cantidad = azar.si(0.25) ? 2 : 1;
  for (const cargo of azar.muestra(CARGOS_CONTACTO, cantidad)) {
    const persona = nombrePersona(azar);
    ctx.salida.contactos_cliente.agregar({
      id_contacto: siguienteId(ctx, 'contacto'),
      id_cliente: identidad.fila.id_cliente,
      nombre: nombreCompleto(persona),
      cargo,
      telefono: azar.si(0.9) ? celular(azar) : null,
      email: azar.si(0.5)
        ? `${limpio(persona.nombre.split(' ')[0]!)}.${limpio(persona.apellidos[0])}@${azar.ponderado(DOMINIOS_PERSONALES)}`
        : null,
    });
  }
}

/**
 * Consentimientos por canal (DOMAIN.md "Consent is per channel"): la mayoría acepta al registrarse
 * y unos pocos se retiran después, para que la comunicación proactiva tenga a quién omitir.
 */
export function agregarConsentimientos(
  azar: Azar,
  ctx: Contexto,
  identidad: Identidad,
  historia: { registro: number; limite: number; responsable: number | null },
): void {
  const { fila } = identidad;
  const canales: [string, boolean][] = [
    ['email', fila.email !== null && azar.si(0.65)],
    ['whatsapp', (fila.telefono?.startsWith('+569') ?? false) && azar.si(0.55)],
    ['sms', (fila.telefono?.startsWith('+569') ?? false) && azar.si(0.1)],
  ];
  for (const [canal, otorgado] of canales) {
    if (!otorgado) continue;
    const dia = Math.min(historia.limite, historia.registro + azar.entero(0, 20));
    const agregar = (otorga: boolean, cuando: number, fuente: string) =>
      ctx.salida.consentimientos.agregar({
        id_consentimiento: siguienteId(ctx, 'consentimiento'),
        id_cliente: fila.id_cliente,
        canal,
        otorgado: otorga,
        fecha: instante(cuando, horaDeOficina(azar.real())),
        fuente,
        id_usuario: otorga ? historia.responsable : null,
      });
    agregar(true, dia, azar.elegir(['Formulario en mesón', 'Confirmación por teléfono', 'Correo de bienvenida']));
    if (azar.si(0.05) && historia.limite > dia + 30) {
      agregar(
        false,
        azar.entero(dia + 30, historia.limite),
        canal === 'email' ? 'Enlace de baja en correo' : 'Solicitud del cliente',
      );
    }
  }
}
