-- Each app instance keeps the fichas it has built in memory (see clientes/cacheFichas.ts). Whatever
-- changes what a ficha shows, through the app, an import, a job or by hand in SQL, tells every
-- instance which clientes to forget: a notification on 'rancho_fichas', delivered at commit, with
-- their ids separated by commas, or '*' for all of them (a bulk change, or one that every ficha
-- shows: a user's name, a tag, a maintenance plan, the average customer value).
CREATE FUNCTION f_aviso_fichas() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  -- The statement's rows (transition tables: one trigger per event, see below).
  filas text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT * FROM nuevas'
    WHEN 'DELETE' THEN 'SELECT * FROM viejas'
    ELSE 'SELECT * FROM nuevas UNION ALL SELECT * FROM viejas' END;
  clientes text := CASE TG_ARGV[0]
    WHEN 'cliente' THEN 'SELECT id_cliente FROM (' || filas || ') f'
    -- An hour-meter reading belongs to the equipo's cliente.
    WHEN 'lectura' THEN 'SELECT e.id_cliente FROM (' || filas || ') f JOIN equipos e USING (id_equipo)'
    -- A machine shows on its cliente's ficha and, by name, beside the órdenes made on it.
    WHEN 'equipo' THEN 'SELECT id_cliente FROM (' || filas || ') f UNION
      SELECT o.id_cliente FROM ordenes_trabajo o WHERE o.id_equipo IN (SELECT id_equipo FROM (' || filas || ') g)' END;
  ids text[];
BEGIN
  IF TG_OP = 'TRUNCATE' OR TG_ARGV[0] = 'todas' THEN
    PERFORM pg_notify('rancho_fichas', '*');
    RETURN NULL;
  END IF;
  EXECUTE 'SELECT array(SELECT DISTINCT id_cliente::text FROM (' || clientes || ') c WHERE id_cliente IS NOT NULL LIMIT 201)'
    INTO ids;
  IF cardinality(ids) > 200 THEN
    PERFORM pg_notify('rancho_fichas', '*');
  ELSIF cardinality(ids) > 0 THEN
    PERFORM pg_notify('rancho_fichas', array_to_string(ids, ','));
  END IF;
  RETURN NULL;
END;
$$;

DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('clientes', 'cliente'), ('clientes_etiquetas', 'cliente'), ('consentimientos', 'cliente'),
    ('equipos', 'equipo'), ('lecturas_horometro', 'lectura'), ('interacciones_cliente', 'cliente'),
    ('ordenes_trabajo', 'cliente'), ('pedidos_repuestos', 'cliente'), ('cotizaciones', 'cliente'),
    ('encuestas_satisfaccion', 'cliente'), ('metricas_clientes', 'cliente')) AS v (tabla, modo)
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS nuevas
      FOR EACH STATEMENT EXECUTE FUNCTION f_aviso_fichas(%L)', t.tabla || '_ficha_alta', t.tabla, t.modo);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS viejas NEW TABLE AS nuevas
      FOR EACH STATEMENT EXECUTE FUNCTION f_aviso_fichas(%L)', t.tabla || '_ficha_cambio', t.tabla, t.modo);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS viejas
      FOR EACH STATEMENT EXECUTE FUNCTION f_aviso_fichas(%L)', t.tabla || '_ficha_baja', t.tabla, t.modo);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION f_aviso_fichas(%L)', t.tabla || '_ficha_vaciado', t.tabla, t.modo);
  END LOOP;
END;
$$;

-- What every ficha shows: the names of users (responsable, who logged an interaction), tags, the
-- maintenance plans behind "next service due" and the average customer value.
CREATE TRIGGER usuarios_ficha AFTER UPDATE OF nombre OR DELETE OR TRUNCATE ON usuarios
  FOR EACH STATEMENT EXECUTE FUNCTION f_aviso_fichas('todas');
CREATE TRIGGER etiquetas_ficha AFTER UPDATE OR DELETE OR TRUNCATE ON etiquetas
  FOR EACH STATEMENT EXECUTE FUNCTION f_aviso_fichas('todas');
CREATE TRIGGER planes_mantencion_ficha AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON planes_mantencion
  FOR EACH STATEMENT EXECUTE FUNCTION f_aviso_fichas('todas');
CREATE TRIGGER ajustes_ficha AFTER INSERT OR UPDATE ON ajustes
  FOR EACH ROW WHEN (NEW.clave = 'valor_cliente_promedio') EXECUTE FUNCTION f_aviso_fichas('todas');
CREATE TRIGGER ajustes_ficha_baja AFTER DELETE ON ajustes
  FOR EACH ROW WHEN (OLD.clave = 'valor_cliente_promedio') EXECUTE FUNCTION f_aviso_fichas('todas');
