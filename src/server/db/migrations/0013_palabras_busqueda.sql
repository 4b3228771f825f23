-- The words of clientes' names and comunas, folded like `busqueda`: the dictionary a search with a
-- typo is corrected against («agsícola» → «agricola»), then searched exactly. Comparing the typo with
-- a few thousand distinct words is cheap; comparing it with every cliente's text through the trigram
-- index is not when its trigrams are common (hundreds of ms for a typo in «agrícola»).
-- Derived from clientes alone: triggers keep it, backups leave it out.
CREATE TABLE palabras_busqueda (palabra text PRIMARY KEY);
CREATE INDEX palabras_busqueda_trgm_idx ON palabras_busqueda USING gin (palabra gin_trgm_ops);

-- Words worth correcting: four or more characters with a letter, no digits or @ (RUTs, phones, emails).
CREATE FUNCTION f_palabras(nombre text, comuna text) RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
  SELECT DISTINCT w FROM regexp_split_to_table(f_unaccent(lower(nombre || ' ' || coalesce(comuna, ''))), '\s+') w
  WHERE length(w) >= 4 AND w ~ '[a-zñ]' AND w !~ '[0-9@]'
$$;

CREATE FUNCTION f_palabras_nuevas() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO palabras_busqueda (palabra)
    SELECT DISTINCT w FROM nuevos n, f_palabras(n.nombre, n.comuna) w
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;

-- A word nobody's name has any more goes (an anonymised cliente's surname must not stay behind).
CREATE FUNCTION f_palabras_cambiadas() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO palabras_busqueda (palabra)
    SELECT DISTINCT w FROM despues d JOIN antes a USING (id_cliente), f_palabras(d.nombre, d.comuna) w
    WHERE (d.nombre, d.comuna) IS DISTINCT FROM (a.nombre, a.comuna)
    ON CONFLICT DO NOTHING;
  DELETE FROM palabras_busqueda p
    WHERE p.palabra IN (
      SELECT w FROM antes a JOIN despues d USING (id_cliente), f_palabras(a.nombre, a.comuna) w
      WHERE (d.nombre, d.comuna) IS DISTINCT FROM (a.nombre, a.comuna))
    AND NOT EXISTS (SELECT 1 FROM clientes c
      WHERE c.busqueda LIKE '%' || replace(replace(replace(p.palabra, '\', '\\'), '%', '\%'), '_', '\_') || '%');
  RETURN NULL;
END;
$$;

CREATE TRIGGER clientes_palabras_alta AFTER INSERT ON clientes
  REFERENCING NEW TABLE AS nuevos FOR EACH STATEMENT EXECUTE FUNCTION f_palabras_nuevas();
CREATE TRIGGER clientes_palabras_cambio AFTER UPDATE ON clientes
  REFERENCING OLD TABLE AS antes NEW TABLE AS despues FOR EACH STATEMENT EXECUTE FUNCTION f_palabras_cambiadas();

INSERT INTO palabras_busqueda (palabra)
  SELECT DISTINCT w FROM clientes c, f_palabras(c.nombre, c.comuna) w ON CONFLICT DO NOTHING;
