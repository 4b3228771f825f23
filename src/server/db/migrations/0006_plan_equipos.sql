-- Próxima mantención y uso anual de cada equipo, recalculados por conjuntos (cada noche y con
-- cada orden o lectura) para que las alertas, recordatorios y oportunidades no recalculen 150 mil
-- equipos en cada consulta.
ALTER TABLE equipos ADD COLUMN proxima_mantencion date;
ALTER TABLE equipos ADD COLUMN proxima_motivo text CHECK (proxima_motivo IN ('fecha', 'horas'));
ALTER TABLE equipos ADD COLUMN ultimo_servicio date;
ALTER TABLE equipos ADD COLUMN horas_anuales numeric(8, 1);
CREATE INDEX equipos_proxima_mantencion_idx ON equipos (proxima_mantencion) WHERE activo;
