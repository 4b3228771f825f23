import { useState } from 'react';
import { Group, Text } from '@mantine/core';
import { ENTIDADES_EXPORTACION, type EntidadExportacion } from '../../shared/importacion.ts';
import { Seccion } from '../components/Seccion.tsx';
import { Seleccion } from '../components/Seleccion.tsx';
import { BotonExportar } from './BotonExportar.tsx';
import { NOMBRE_ENTIDAD } from './catalogos.ts';

const NOMBRE: Record<EntidadExportacion, string> = { ...NOMBRE_ENTIDAD, interacciones: 'Interacciones' };

/**
 * Everything of one kind in one file, with the same columns the import reads back: a backup, or
 * the starting point for a bulk correction in Excel. Each list exports its filtered view too.
 */
export function ExportarDatos() {
  const [entidad, setEntidad] = useState<EntidadExportacion>('clientes');
  return (
    <Seccion titulo="Exportar datos">
      <Text size="sm" c="dimmed">
        Descargue todos los registros en una planilla. Sus columnas son las que la importación reconoce: puede corregir
        el archivo en Excel e importarlo de vuelta.
      </Text>
      <Group align="flex-end" gap="sm">
        <div style={{ minWidth: 220 }}>
          <Seleccion
            label="Datos a exportar"
            data={ENTIDADES_EXPORTACION.map((e) => ({ value: e, label: NOMBRE[e] }))}
            value={entidad}
            onChange={(v) => v && setEntidad(v as EntidadExportacion)}
            allowDeselect={false}
          />
        </div>
        <BotonExportar entidad={entidad} />
      </Group>
    </Seccion>
  );
}
