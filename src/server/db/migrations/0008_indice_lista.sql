-- The plain customer list walks this index alone to find a page (OFFSET included).
CREATE INDEX clientes_lista_idx ON clientes (lower(nombre), id_cliente) WHERE NOT archivado;
