-- Preferencias de contacto y personas de contacto (issue 9, calidad de datos y contacto relevante).

-- Free-text notes about language and manner ("habla mapudungun", "prefiere que le escriban").
ALTER TABLE clientes ADD COLUMN notas_idioma text CHECK (length(notas_idioma) <= 500);

-- horario_contacto keeps its text type, in the canonical form of src/shared/horario.ts
-- ("lun-vie 08:00-13:00; sáb 09:00-12:00"): readable in a CSV cell and parseable by code.
ALTER TABLE clientes ADD CONSTRAINT clientes_horario_contacto_largo CHECK (length(horario_contacto) <= 200) NOT VALID;

-- Contact people of a company (owner, administrator...). Same phone and email rules as the cliente;
-- NOT VALID so rows loaded before this migration are left as they are.
ALTER TABLE contactos_cliente
  ADD COLUMN principal boolean NOT NULL DEFAULT false,
  ADD COLUMN creado_en timestamptz NOT NULL DEFAULT now();
ALTER TABLE contactos_cliente ADD CONSTRAINT contactos_cliente_telefono_e164
  CHECK (telefono ~ '^\+[1-9][0-9]{7,14}$') NOT VALID;
ALTER TABLE contactos_cliente ADD CONSTRAINT contactos_cliente_email_minusculas
  CHECK (email = lower(email)) NOT VALID;
ALTER TABLE contactos_cliente ADD CONSTRAINT contactos_cliente_nombre_largo
  CHECK (length(nombre) BETWEEN 1 AND 200) NOT VALID;
-- At most one principal contact per cliente.
CREATE UNIQUE INDEX contactos_cliente_principal_idx ON contactos_cliente (id_cliente) WHERE principal;
