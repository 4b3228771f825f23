// Public survey page: plain DOM, no framework, so it stays a few kilobytes.
const PREGUNTAS = [
  ['puntuacion_general', '¿Cómo evalúa su experiencia en general?'],
  ['puntuacion_tiempo', 'Tiempo de respuesta'],
  ['puntuacion_calidad', 'Calidad del servicio'],
  ['puntuacion_precio', 'Precio'],
  ['puntuacion_atencion', 'Atención al cliente'],
] as const;

const raiz = document.getElementById('encuesta')!;
const token = location.pathname.split('/').filter(Boolean).pop() ?? '';
const api = `/api/public/encuestas/${encodeURIComponent(token)}`;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, unknown> = {},
  ...hijos: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...hijos);
  return e;
}

function mostrar(...hijos: (Node | string)[]) {
  raiz.replaceChildren(el('h1', { textContent: 'Encuesta de satisfacción' }), ...hijos);
}

async function leerProblema(r: Response): Promise<string> {
  try {
    const p = (await r.json()) as { detail?: string };
    return p.detail ?? 'No pudimos cargar la encuesta.';
  } catch {
    return 'No pudimos cargar la encuesta. Revise su conexión e intente de nuevo.';
  }
}

function escala(nombre: string, pregunta: string): HTMLFieldSetElement {
  const opciones = Array.from({ length: 10 }, (_, i) => {
    const n = String(i + 1);
    return el(
      'label',
      {},
      el('input', { type: 'radio', name: nombre, value: n, required: true }),
      el('span', { textContent: n }),
    );
  });
  return el(
    'fieldset',
    {},
    el('legend', { textContent: pregunta }),
    el('div', { className: 'escala' }, ...opciones),
    el(
      'div',
      { className: 'extremos' },
      el('span', { textContent: '1 = muy malo' }),
      el('span', { textContent: '10 = excelente' }),
    ),
  );
}

function siNo(): HTMLFieldSetElement {
  const opcion = (valor: string, texto: string) =>
    el(
      'label',
      {},
      el('input', { type: 'radio', name: 'recomendaria', value: valor, required: true }),
      el('span', { textContent: texto }),
    );
  return el(
    'fieldset',
    {},
    el('legend', { textContent: '¿Nos recomendaría a otros agricultores?' }),
    el('div', { className: 'escala si-no' }, opcion('si', 'Sí'), opcion('no', 'No')),
  );
}

async function iniciar() {
  const r = await fetch(api).catch(() => null);
  if (!r) return mostrar(el('p', { className: 'error', textContent: 'Sin conexión. Intente de nuevo en un momento.' }));
  if (!r.ok)
    return mostrar(el('p', { className: r.status === 409 ? 'gracias' : 'error', textContent: await leerProblema(r) }));
  const datos = (await r.json()) as { introduccion: string; pregunta_extra: string | null; vence: string };
  const form = el('form', { noValidate: false });
  form.append(el('p', { textContent: datos.introduccion }), ...PREGUNTAS.map(([n, p]) => escala(n, p)), siNo());
  if (datos.pregunta_extra) {
    form.append(
      el(
        'fieldset',
        {},
        el('legend', { textContent: datos.pregunta_extra }),
        el('textarea', { name: 'respuesta_extra', maxLength: 2000 }),
      ),
    );
  }
  form.append(
    el(
      'fieldset',
      {},
      el('legend', { textContent: 'Comentarios (opcional)' }),
      el('textarea', { name: 'comentarios', maxLength: 4000 }),
    ),
    el('p', { id: 'error', className: 'error', role: 'alert' }),
    el('button', { type: 'submit', textContent: 'Enviar respuesta' }),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = new FormData(form);
    const boton = form.querySelector('button')!;
    boton.disabled = true;
    const cuerpo: Record<string, unknown> = {
      recomendaria: f.get('recomendaria') === 'si',
      comentarios: f.get('comentarios') || null,
    };
    for (const [n] of PREGUNTAS) cuerpo[n] = Number(f.get(n));
    if (datos.pregunta_extra) cuerpo.respuesta_extra = f.get('respuesta_extra') || null;
    const envio = await fetch(api, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rancho-csrf': '1' },
      body: JSON.stringify(cuerpo),
    }).catch(() => null);
    if (envio?.ok)
      return mostrar(
        el('p', {
          className: 'gracias',
          textContent: '¡Gracias! Recibimos su respuesta. Nos ayuda a atenderle mejor.',
        }),
      );
    boton.disabled = false;
    form.querySelector('#error')!.textContent = envio
      ? await leerProblema(envio)
      : 'Sin conexión. Su respuesta no se envió; intente de nuevo.';
  });
  raiz.replaceChildren(el('h1', { textContent: 'Encuesta de satisfacción' }), form);
}

void iniciar();
