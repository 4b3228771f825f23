import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { leerArchivo } from './formatos.ts';
import { xlsx } from './pruebas.ts';

describe('lectura de XLSX', () => {
  it('un XLSX válido se lee entero cada vez (el lector en una pasada de exceljs fallaba ~1 de cada 250 a 500)', async () => {
    const archivo = await xlsx([
      ['Cliente', 'RUT', 'Aniversario'],
      ['Lechería El Roble', '10.200.004-8', new Date(Date.UTC(2001, 4, 21))],
      ['Forestal Sur', '10.200.003-k', '21/05/2001'],
    ]);
    // One after another: the race showed in sequence, not with many reads at once.
    const fallidas: unknown[] = [];
    let primera: Awaited<ReturnType<typeof leerArchivo>> | undefined;
    for (let i = 0; i < 1_000; i++) {
      try {
        primera ??= await leerArchivo(archivo, 'xlsx');
        if (i > 0) await leerArchivo(archivo, 'xlsx');
      } catch (e) {
        fallidas.push(e);
      }
    }
    expect(fallidas).toEqual([]);
    expect(primera).toEqual({
      encabezados: ['Cliente', 'RUT', 'Aniversario'],
      filas: [
        { numero: 2, celdas: ['Lechería El Roble', '10.200.004-8', new Date(Date.UTC(2001, 4, 21))] },
        { numero: 3, celdas: ['Forestal Sur', '10.200.003-k', '21/05/2001'] },
      ],
    });
  });

  it('lee la primera hoja del libro aunque su parte en el archivo no sea la primera', async () => {
    const libro = new ExcelJS.Workbook();
    libro.addWorksheet('Notas').addRow(['Esto no se importa']);
    const datos = libro.addWorksheet('Clientes');
    datos.addRow(['Nombre']);
    datos.addRow(['Agrícola El Triunfo']);
    // «Clientes» va primero en el libro; su parte sigue siendo sheet2.xml.
    const enPosicion = (hoja: ExcelJS.Worksheet, n: number) => Object.assign(hoja, { orderNo: n });
    enPosicion(datos, 0);
    enPosicion(libro.getWorksheet('Notas')!, 1);
    const archivo = Buffer.from(await libro.xlsx.writeBuffer());
    const tabla = await leerArchivo(archivo, 'xlsx');
    expect(tabla.encabezados).toEqual(['Nombre']);
    expect(tabla.filas.map((f) => f.celdas)).toEqual([['Agrícola El Triunfo']]);
  });
});
