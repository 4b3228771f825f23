-- Valores iniciales que el administrador puede editar.

-- Gasto anual esperado en servicio por tipo de equipo (CLP), a las horas de uso de referencia.
INSERT INTO gasto_esperado_tipo (tipo, monto_anual, horas_referencia) VALUES
  ('tractor', 2400000, 600),
  ('cosechadora', 6500000, 400),
  ('sembradora', 900000, 200),
  ('pulverizador', 1100000, 300),
  ('enfardadora', 1300000, 250),
  ('otro', 600000, 300);

-- Pautas de mantención por tipo (intervalo en horas y/o meses, lo que ocurra primero).
INSERT INTO planes_mantencion (tipo, marca, intervalo_horas, intervalo_meses) VALUES
  ('tractor', NULL, 250, 12),
  ('cosechadora', NULL, 200, 12),
  ('sembradora', NULL, NULL, 12),
  ('pulverizador', NULL, 150, 6),
  ('enfardadora', NULL, 200, 12),
  ('otro', NULL, NULL, 12);

INSERT INTO ajustes (clave, valor) VALUES
  ('meses_inactividad', '6'),
  ('dias_aviso_mantencion', '30'),
  ('dias_envio_encuesta', '2'),
  ('dias_vigencia_encuesta', '30'),
  ('tope_mensajes_30_dias', '4'),
  ('horario_silencio', '{"desde": "20:00", "hasta": "08:00"}');

INSERT INTO plantillas_encuesta (nombre, introduccion, pregunta_extra) VALUES
  ('Post servicio', 'Hola {nombre}, gracias por confiar en nuestro taller. ¿Cómo le fue con {servicio}?', NULL);
