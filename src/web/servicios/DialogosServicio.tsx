import { useState } from 'react';
import { DialogoCotizacion } from './DialogoCotizacion.tsx';
import { DialogoEquipo } from './DialogoEquipo.tsx';
import { DialogoLectura, type EquipoLectura } from './DialogoLectura.tsx';
import { DialogoOrden } from './DialogoOrden.tsx';
import { DialogoPedido } from './DialogoPedido.tsx';

export type PedidoDialogoServicio =
  | { tipo: 'equipo' | 'orden' | 'pedido' | 'cotizacion'; id?: number; idEquipo?: number }
  | { tipo: 'lectura'; equipo: EquipoLectura };

/**
 * One set of create / edit dialogs for a page, opened by `abrir`. The last request stays while a
 * dialog fades out, so its content does not change under the closing animation.
 */
export function useDialogosServicio(idCliente: number) {
  const [pedido, setPedido] = useState<PedidoDialogoServicio | null>(null);
  const [abierto, setAbierto] = useState(false);
  const cerrar = () => setAbierto(false);
  const es = (tipo: PedidoDialogoServicio['tipo']) => abierto && pedido?.tipo === tipo;
  const id = pedido && pedido.tipo !== 'lectura' ? (pedido.id ?? null) : null;

  return {
    abrir: (p: PedidoDialogoServicio) => {
      setPedido(p);
      setAbierto(true);
    },
    dialogos: (
      <>
        <DialogoEquipo abierto={es('equipo')} alCerrar={cerrar} idCliente={idCliente} id={id} />
        <DialogoOrden
          abierto={es('orden')}
          alCerrar={cerrar}
          idCliente={idCliente}
          id={id}
          idEquipo={pedido?.tipo === 'orden' ? pedido.idEquipo : null}
        />
        <DialogoPedido abierto={es('pedido')} alCerrar={cerrar} idCliente={idCliente} id={id} />
        <DialogoCotizacion abierto={es('cotizacion')} alCerrar={cerrar} idCliente={idCliente} id={id} />
        <DialogoLectura
          equipo={pedido?.tipo === 'lectura' ? pedido.equipo : null}
          abierto={es('lectura')}
          alCerrar={cerrar}
        />
      </>
    ),
  };
}
