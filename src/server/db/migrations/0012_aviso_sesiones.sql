-- Each app instance keeps the sessions it has checked in memory for a few seconds (one query less
-- per request). Whatever ends or changes a session or a user, through the app or by hand in SQL,
-- tells every instance to forget them: a notification on 'rancho_sesiones', delivered at commit.
CREATE FUNCTION f_aviso_sesiones() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('rancho_sesiones', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;

CREATE TRIGGER sesiones_aviso AFTER UPDATE OR DELETE OR TRUNCATE ON sesiones
  FOR EACH STATEMENT EXECUTE FUNCTION f_aviso_sesiones();
CREATE TRIGGER usuarios_aviso AFTER UPDATE OR DELETE OR TRUNCATE ON usuarios
  FOR EACH STATEMENT EXECUTE FUNCTION f_aviso_sesiones();
