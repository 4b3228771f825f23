import { Link } from 'react-router';
import { Button, Group, type ButtonProps } from '@mantine/core';
import { IconChecklist, IconFileTypePdf } from '@tabler/icons-react';

/** `/api/clientes/:id/ficha.pdf`: the ficha completa (seed report 1) as one PDF, audited as an export. */
export const enlaceFichaPdf = (idCliente: number) => `/api/clientes/${idCliente}/ficha.pdf`;
/** `/api/clientes/:id/visita.pdf`: the visit brief as a PDF. */
export const enlaceVisitaPdf = (idCliente: number) => `/api/clientes/${idCliente}/visita.pdf`;
/** `/clientes/:id/visita`: the visit brief on screen. */
export const rutaVisita = (idCliente: number) => `/clientes/${idCliente}/visita`;

/**
 * The cliente's documents, for the ficha's header (or any page about one cliente):
 * "Preparar visita" opens /clientes/:id/visita, "Ficha en PDF" downloads /api/clientes/:id/ficha.pdf.
 * Every signed-in role may use both; the server audits each PDF. Usage:
 *
 *   import { BotonesDocumentosCliente } from '../documentos/BotonesDocumentosCliente.tsx';
 *   <BotonesDocumentosCliente idCliente={cliente.id_cliente} />
 *
 * It is small (two links, no data): importing it does not pull the brief's page into a chunk.
 * `boton` styles both buttons (default: size "sm", variant "default").
 */
export function BotonesDocumentosCliente({ idCliente, boton }: { idCliente: number; boton?: ButtonProps }) {
  return (
    <Group gap="xs" className="no-imprimir">
      <Button
        component={Link}
        to={rutaVisita(idCliente)}
        variant="default"
        size="sm"
        leftSection={<IconChecklist size={18} aria-hidden />}
        {...boton}
      >
        Preparar visita
      </Button>
      <Button
        component="a"
        href={enlaceFichaPdf(idCliente)}
        download
        variant="default"
        size="sm"
        leftSection={<IconFileTypePdf size={18} aria-hidden />}
        {...boton}
      >
        Ficha en PDF
      </Button>
    </Group>
  );
}
