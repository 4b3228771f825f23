-- Ley 21.719 (derechos del titular): RUT de un cliente anonimizado, bloqueo del tratamiento hecho
-- cumplir por la base, auditoría inalterable y solicitudes del titular con su plazo.

-- Un cliente anonimizado ya no tiene RUT: la columna guarda `ANONIMIZADO-<id>`, que no es un RUT
-- (nunca choca con uno real ni con otro anonimizado) y deja NOT NULL y UNIQUE como estaban, así
-- que listas, búsqueda, ficha, exportaciones e importaciones siguen funcionando sin casos nulos.
ALTER TABLE clientes DROP CONSTRAINT clientes_rut_check;
ALTER TABLE clientes ADD CONSTRAINT clientes_rut_check
  CHECK (rut ~ '^[1-9][0-9]{0,8}-[0-9K]$' OR (anonimizado AND rut = 'ANONIMIZADO-' || id_cliente));

-- Los pocos clientes bloqueados o anonimizados: lo que consultan los disparadores de abajo.
CREATE INDEX clientes_protegidos_idx ON clientes (id_cliente) WHERE bloqueado OR anonimizado;

-- Bloqueo: mientras un cliente está bloqueado (o después de anonimizado) la base rechaza toda
-- escritura sobre él. Solo el módulo de privacidad la salta, con `rancho.privacidad = on` fijado
-- para su transacción (SET LOCAL). Los códigos RC4xx llevan el estado HTTP: la API los convierte
-- en un problema en castellano (423 bloqueado, 422 anonimizado).
CREATE FUNCTION rechazar_cliente_protegido(id integer, anonimizado boolean) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  IF anonimizado THEN
    RAISE EXCEPTION USING ERRCODE = 'RC422', MESSAGE = 'Cliente anonimizado',
      DETAIL = format('Los datos personales del cliente %s fueron suprimidos (Ley 21.719): no se le pueden registrar cambios ni actividad nueva.', id);
  END IF;
  RAISE EXCEPTION USING ERRCODE = 'RC423', MESSAGE = 'Cliente bloqueado',
    DETAIL = format('El cliente %s está bloqueado a pedido del titular (Ley 21.719): mientras lo esté no se registran cambios, interacciones ni servicios. Un administrador puede desbloquearlo desde la ficha.', id);
END $$;

-- clientes: se rechaza cambiar una fila bloqueada salvo en las columnas que mantiene el sistema
-- (actividad recalculada cada noche, búsqueda generada).
CREATE FUNCTION proteger_cliente() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  sistema CONSTANT text[] := ARRAY['activo', 'ultima_actividad', 'ultimo_contacto', 'actualizado_en', 'busqueda'];
BEGIN
  IF coalesce(current_setting('rancho.privacidad', true), '') = 'on' THEN
    RETURN NEW;
  END IF;
  IF (to_jsonb(NEW) - sistema) IS DISTINCT FROM (to_jsonb(OLD) - sistema) THEN
    PERFORM rechazar_cliente_protegido(OLD.id_cliente, OLD.anonimizado);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER clientes_protegidos BEFORE UPDATE ON clientes
  FOR EACH ROW WHEN (OLD.bloqueado OR OLD.anonimizado) EXECUTE FUNCTION proteger_cliente();

-- Tablas con id_cliente: una vez por sentencia (las cargas masivas no pagan fila a fila), mira las
-- filas nuevas o cambiadas de clientes protegidos. Argumentos: la clave primaria, una condición
-- sobre la fila nueva `n` y las columnas que mantiene el sistema (cambiarlas no es una escritura
-- sobre el titular: la próxima mantención que se recalcula de noche).
CREATE FUNCTION proteger_datos_cliente() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  v_id integer;
  v_anonimizado boolean;
BEGIN
  IF coalesce(current_setting('rancho.privacidad', true), '') = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    EXECUTE format(
      'SELECT c.id_cliente, c.anonimizado FROM nuevas n JOIN clientes c ON c.id_cliente = n.id_cliente
       WHERE (c.bloqueado OR c.anonimizado) AND (%s) LIMIT 1', TG_ARGV[1])
      INTO v_id, v_anonimizado;
  ELSE
    EXECUTE format(
      'SELECT c.id_cliente, c.anonimizado FROM nuevas n JOIN clientes c ON c.id_cliente = n.id_cliente
         JOIN viejas o ON o.%1$I = n.%1$I
       WHERE (c.bloqueado OR c.anonimizado) AND (%2$s) AND (to_jsonb(n) - $1) IS DISTINCT FROM (to_jsonb(o) - $1)
       LIMIT 1', TG_ARGV[0], TG_ARGV[1])
      INTO v_id, v_anonimizado USING coalesce(TG_ARGV[2:], ARRAY[]::text[]);
  END IF;
  IF v_id IS NOT NULL THEN
    PERFORM rechazar_cliente_protegido(v_id, v_anonimizado);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER interacciones_protegidas_ins AFTER INSERT ON interacciones_cliente REFERENCING NEW TABLE AS nuevas
  FOR EACH STATEMENT EXECUTE FUNCTION proteger_datos_cliente('id_interaccion', 'true');
CREATE TRIGGER interacciones_protegidas_upd AFTER UPDATE ON interacciones_cliente REFERENCING NEW TABLE AS nuevas OLD TABLE AS viejas
  FOR EACH STATEMENT EXECUTE FUNCTION proteger_datos_cliente('id_interaccion', 'true');
CREATE TRIGGER equipos_protegidos_ins AFTER INSERT ON equipos REFERENCING NEW TABLE AS nuevas
  FOR EACH STATEMENT EXECUTE FUNCTION proteger_datos_cliente('id_equipo', 'true');
CREATE TRIGGER equipos_protegidos_upd AFTER UPDATE ON equipos REFERENCING NEW TABLE AS nuevas OLD TABLE AS viejas
  FOR EACH STATEMENT EXECUTE FUNCTION proteger_datos_cliente('id_equipo', 'true',
    'proxima_mantencion', 'proxima_motivo', 'ultimo_servicio', 'horas_anuales');
CREATE TRIGGER ordenes_protegidas_ins AFTER INSERT ON ordenes_trabajo REFERENCING NEW TABLE AS nuevas
  FOR EACH STATEMENT EXECUTE FUNCTION proteger_datos_cliente('id_orden', 'true');
CREATE TRIGGER ordenes_protegidas_upd AFTER UPDATE ON ordenes_trabajo REFERENCING NEW TABLE AS nuevas OLD TABLE AS viejas
  FOR EACH STATEMENT EXECUTE FUNCTION proteger_datos_cliente('id_orden', 'true');
CREATE TRIGGER pedidos_protegidos_ins AFTER INSERT ON pedidos_repuestos REFERENCING NEW TABLE AS nuevas
  FOR EACH STATEMENT EXECUTE FUNCTION proteger_datos_cliente('id_pedido', 'true');
CREATE TRIGGER pedidos_protegidos_upd AFTER UPDATE ON pedidos_repuestos REFERENCING NEW TABLE AS nuevas OLD TABLE AS viejas
  FOR EACH STATEMENT EXECUTE FUNCTION proteger_datos_cliente('id_pedido', 'true');
CREATE TRIGGER cotizaciones_protegidas_ins AFTER INSERT ON cotizaciones REFERENCING NEW TABLE AS nuevas
  FOR EACH STATEMENT EXECUTE FUNCTION proteger_datos_cliente('id_cotizacion', 'true');
CREATE TRIGGER cotizaciones_protegidas_upd AFTER UPDATE ON cotizaciones REFERENCING NEW TABLE AS nuevas OLD TABLE AS viejas
  FOR EACH STATEMENT EXECUTE FUNCTION proteger_datos_cliente('id_cotizacion', 'true');
CREATE TRIGGER encuestas_protegidas_ins AFTER INSERT ON encuestas_satisfaccion REFERENCING NEW TABLE AS nuevas
  FOR EACH STATEMENT EXECUTE FUNCTION proteger_datos_cliente('id_encuesta', 'true');
CREATE TRIGGER encuestas_protegidas_upd AFTER UPDATE ON encuestas_satisfaccion REFERENCING NEW TABLE AS nuevas OLD TABLE AS viejas
  FOR EACH STATEMENT EXECUTE FUNCTION proteger_datos_cliente('id_encuesta', 'true');
CREATE TRIGGER contactos_protegidos_ins AFTER INSERT ON contactos_cliente REFERENCING NEW TABLE AS nuevas
  FOR EACH STATEMENT EXECUTE FUNCTION proteger_datos_cliente('id_contacto', 'true');
CREATE TRIGGER contactos_protegidos_upd AFTER UPDATE ON contactos_cliente REFERENCING NEW TABLE AS nuevas OLD TABLE AS viejas
  FOR EACH STATEMENT EXECUTE FUNCTION proteger_datos_cliente('id_contacto', 'true');
CREATE TRIGGER etiquetas_protegidas_ins AFTER INSERT ON clientes_etiquetas REFERENCING NEW TABLE AS nuevas
  FOR EACH STATEMENT EXECUTE FUNCTION proteger_datos_cliente('id_etiqueta', 'true');
-- Retirar un consentimiento es un derecho del titular (oposición) y siempre se acepta; otorgarlo, no.
CREATE TRIGGER consentimientos_protegidos_ins AFTER INSERT ON consentimientos REFERENCING NEW TABLE AS nuevas
  FOR EACH STATEMENT EXECUTE FUNCTION proteger_datos_cliente('id_consentimiento', 'n.otorgado');

-- Auditoría inalterable: ninguna ruta la cambia ni la borra; la base lo hace cumplir también para
-- SQL escrito a mano. La única excepción es la anonimización, que suprime los datos personales del
-- detalle con `rancho.anonimizando = on` fijado solo para su transacción. TRUNCATE (vaciar la base
-- entera, como hace `npm run demo` o una restauración) queda para el dueño de la base.
CREATE FUNCTION auditoria_inalterable() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND coalesce(current_setting('rancho.anonimizando', true), '') = 'on' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION USING ERRCODE = 'RC409', MESSAGE = 'La auditoría no se puede modificar ni borrar',
    DETAIL = 'Los registros de auditoría son permanentes; solo la anonimización de un cliente suprime sus datos personales.';
END $$;
CREATE TRIGGER auditoria_inalterable BEFORE UPDATE OR DELETE ON auditoria
  FOR EACH ROW EXECUTE FUNCTION auditoria_inalterable();

-- Reemplaza un patrón solo dentro de los textos de un jsonb: claves, números y forma intactos.
CREATE FUNCTION jsonb_suprimir(valor jsonb, patron text) RETURNS jsonb
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE jsonb_typeof(valor)
    WHEN 'string' THEN to_jsonb(regexp_replace(valor #>> '{}', patron, '[suprimido]', 'gi'))
    WHEN 'object' THEN (SELECT coalesce(jsonb_object_agg(k, jsonb_suprimir(v, patron)), '{}'::jsonb) FROM jsonb_each(valor) AS e(k, v))
    WHEN 'array' THEN (SELECT coalesce(jsonb_agg(jsonb_suprimir(v, patron) ORDER BY i), '[]'::jsonb)
                       FROM jsonb_array_elements(valor) WITH ORDINALITY AS a(v, i))
    ELSE valor
  END
$$;

-- Solicitudes del titular: quién la cerró y qué se respondió; la lista de abiertas por plazo.
ALTER TABLE solicitudes_titular ADD COLUMN creada_en timestamptz NOT NULL DEFAULT now();
ALTER TABLE solicitudes_titular ADD COLUMN id_usuario_cierre integer REFERENCES usuarios;
ALTER TABLE solicitudes_titular ADD COLUMN respuesta text;
CREATE INDEX solicitudes_abiertas_idx ON solicitudes_titular (plazo) WHERE estado = 'abierta';
CREATE INDEX solicitudes_cliente_idx ON solicitudes_titular (id_cliente);
