/** Nombres, apellidos y lugares chilenos para los clientes de la demostración. */

/** Listas escritas como texto separado por comas: así el formateador no las estira a una línea por nombre. */
export function lista(texto: string): readonly string[] {
  return texto
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export const NOMBRES_HOMBRE = lista(`
  Juan, José, Luis, Carlos, Jorge, Manuel, Pedro, Francisco, Miguel, Sergio, Ricardo, Patricio, Hernán, Rodrigo,
  Cristián, Alejandro, Mauricio, Claudio, Gonzalo, Fernando, Raúl, Héctor, Víctor, Eduardo, Óscar, Osvaldo, Arturo,
  Rubén, Nelson, Sebastián, Matías, Felipe, Diego, Tomás, Nicolás, Ignacio, Andrés, Marcelo, Iván, Hugo, Ramón,
  Segundo, Guillermo, Alberto, Enrique, Gabriel, Benjamín, Joaquín, Vicente, Agustín, Juan Carlos, José Luis,
  Juan Pablo, José Miguel, Luis Alberto, Juan Francisco, Carlos Alberto, Jorge Luis, José Manuel, Juan Pedro`);

export const NOMBRES_MUJER = lista(`
  María, Carmen, Rosa, Ana, Patricia, Claudia, Verónica, Marcela, Carolina, Francisca, Javiera, Camila, Valentina,
  Catalina, Daniela, Paula, Gloria, Margarita, Isabel, Sandra, Lorena, Paola, Alejandra, Cecilia, Ximena, Mónica,
  Elena, Teresa, Juana, Fernanda, Constanza, Macarena, Soledad, Pamela, Viviana, Rocío, Tamara, Gabriela, Natalia,
  Andrea, María José, María Paz, María Teresa, Ana María, María Elena, María Ignacia, María Soledad,
  María Angélica, Rosa María, María Eugenia`);

export const APELLIDOS = lista(`
  González, Muñoz, Rojas, Díaz, Pérez, Soto, Contreras, Silva, Martínez, Sepúlveda, Morales, Rodríguez, López,
  Fuentes, Hernández, Torres, Araya, Flores, Espinoza, Valenzuela, Castillo, Tapia, Reyes, Gutiérrez, Castro,
  Pizarro, Álvarez, Vásquez, Sánchez, Fernández, Ramírez, Carrasco, Gómez, Cortés, Herrera, Núñez, Jara, Vergara,
  Rivera, Figueroa, Riquelme, García, Miranda, Bravo, Vera, Molina, Vega, Campos, Sandoval, Orellana, Cárdenas,
  Olivares, Alarcón, Gallardo, Ortiz, Garrido, Salazar, Guzmán, Henríquez, Saavedra, Navarro, Aguilera, Parra,
  Romero, Aravena, Vargas, Vidal, Jiménez, Poblete, Cáceres, Lagos, Ulloa, Leiva, Escobar, Bustos, Osorio, Pino,
  Valdés, Medina, Mella, Cifuentes, Yáñez, Venegas, Toledo, Salinas, Navarrete, Inostroza, Troncoso, Acuña, Godoy,
  Hidalgo, Moya, Zúñiga, Palma, Rivas, Lillo, Bustamante, Aguirre, Sáez, Cofré, San Martín, Huenchullán, Catrileo,
  Quilaqueo, Antileo, Schmidt, Kunstmann, Klenner, Seeger, Winkler, Hott`);

/** Fundos, parcelas y sectores rurales (sin "El Triunfo", que es del cliente del ejemplo del seed). */
export const LUGARES = lista(`
  Los Robles, Santa Elena, El Carmen, Las Palmas, San José, La Esperanza, Los Aromos, El Almendro, Los Maitenes,
  Las Vertientes, Santa Rosa, El Retiro, Los Quillayes, Lo Miranda, Las Mercedes, El Peral, Los Boldos, La Quebrada,
  Los Coihues, El Rosal, Santa Adriana, Las Acacias, Los Nogales, El Maqui, Los Canelos, Doña Javiera, Las Brisas,
  Los Laureles, El Mirador, Río Claro, Los Olmos, Cerro Alto, El Sauce, San Antonio, Santa Isabel, La Capilla,
  El Molino, Los Tilos, Las Garzas, El Manzano, Los Álamos, La Posada, Santa Amalia, El Huape, Los Litres,
  Las Rosas, El Bajo, La Vega, Los Pinos, El Tránsito, San Rafael, Santa Teresa, Las Delicias, El Vergel,
  Los Castaños, La Rinconada, El Colorado, Los Copihues, San Luis, Santa Clara, El Espino, La Estrella, Los Guindos,
  Las Lomas, El Ñilhue, Los Ciruelos, La Palma, Los Perales, El Roble, Las Higueras, San Francisco, Santa Margarita,
  El Porvenir, La Aurora, Los Maquis, Las Pataguas, El Quillay, Los Avellanos, La Cabaña, El Parrón, Los Membrillos,
  Santa Inés, San Pedro, El Pangue, Los Raulíes, Las Canteras, El Llano, La Higuera, Los Sauces, Trapiche,
  Quinta Bella, El Guindo, Los Cerrillos, Las Cruces, El Cardal, Lo Vicuña, Las Nieves, Santa Julia, El Arrayán,
  Los Hualles, Mañío, Pellines, Ñirehue, Los Ulmos, Las Lumas, Los Notros, Huillinco, Lo Herrera, San Gregorio,
  Santa Sofía, La Reserva, Los Despachos, El Durazno, Las Tórtolas, Los Queltehues, El Chercán, Las Loicas`);

/** Calles habituales de pueblos y ciudades chilenas. */
export const CALLES = lista(`
  O'Higgins, Arturo Prat, Manuel Rodríguez, Balmaceda, Carrera, Freire, Yungay, Libertad, Independencia, Bulnes,
  Maipú, Serrano, Colón, Chacabuco, Lautaro, Caupolicán, Condell, Baquedano, Esmeralda, Vicuña Mackenna,
  Los Carrera, Montt, 18 de Septiembre, Gabriela Mistral, Pedro de Valdivia`);

export const CARGOS_CONTACTO = lista(`
  Administrador del fundo, Jefe de campo, Encargado de maquinaria, Contador, Gerente general, Secretaria,
  Mayordomo, Socio`);

export const DOMINIOS_PERSONALES: readonly (readonly [string, number])[] = [
  ['gmail.com', 50],
  ['hotmail.com', 18],
  ['outlook.com', 8],
  ['yahoo.es', 5],
  ['live.cl', 3],
  ['yahoo.com', 3],
  ['icloud.com', 2],
];

/** Código de área de teléfono fijo por región (Santiago usa el 2, con ocho dígitos). */
export const AREA_FIJA: Readonly<Record<string, string>> = {
  '15': '58',
  '01': '57',
  '02': '55',
  '03': '52',
  '04': '51',
  '05': '32',
  '06': '72',
  '07': '71',
  '08': '41',
  '09': '45',
  '10': '65',
  '11': '67',
  '12': '61',
  '13': '2',
  '14': '63',
  '16': '42',
};
