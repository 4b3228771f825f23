-- Mensajería: por dónde salió cada mensaje y la clave de consentimiento para darse de baja.
ALTER TABLE mensajes ADD COLUMN via text CHECK (via IN ('smtp', 'bandeja', 'enlace'));
ALTER TABLE mensajes ADD COLUMN enlace text;
CREATE INDEX mensajes_pendientes_idx ON mensajes (programado_para) WHERE estado IN ('pendiente', 'fallido');
