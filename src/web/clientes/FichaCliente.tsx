import { lazy, Suspense, type ReactNode } from 'react';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { Alert, Anchor, Badge, Button, DataList, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconHistory, IconMessagePlus, IconPencil, IconPlus } from '@tabler/icons-react';
import { formatearFecha } from '../../shared/formato.ts';
import { CompletitudFicha } from '../calidad/CompletitudFicha.tsx';
import { FusionesFicha } from '../calidad/FusionesFicha.tsx';
import { ConsentimientosCliente } from '../comunicacion/ConsentimientosCliente.tsx';
import { Cargando } from '../components/Cargando.tsx';
import { ErrorCarga } from '../components/ErrorCarga.tsx';
import { useTituloPagina } from '../components/Pagina.tsx';
import { Seccion } from '../components/Seccion.tsx';
import { useRegistroInteraccion } from '../interacciones/DialogoInteraccion.tsx';
import { EnlacesContacto, MOTIVO_POR_ENLACE } from '../interacciones/EnlacesContacto.tsx';
import { MenuPrivacidadCliente } from '../privacidad/MenuPrivacidadCliente.tsx';
import { useDialogosServicio } from '../servicios/DialogosServicio.tsx';
import {
  puedeEditarClientes,
  puedeEditarTaller,
  puedeEditarVentas,
  puedeRegistrarInteracciones,
  useUsuario,
} from '../sesion/sesion.ts';
import { ArchivarCliente } from './ArchivarCliente.tsx';
import { ClienteNoEncontrado, esClienteInexistente } from './ClienteNoEncontrado.tsx';
import { NOMBRE_CANAL_PREFERIDO, NOMBRE_TIPO_PERSONA } from './catalogos.ts';
import { useFicha } from './consultas.ts';
import { AlertasFicha } from './ficha/AlertasFicha.tsx';
import { ContactosFicha } from './ficha/ContactosFicha.tsx';
import { EquiposFicha } from './ficha/EquiposFicha.tsx';
import { SeguimientosAbiertos, UltimasInteracciones } from './ficha/InteraccionesFicha.tsx';
import { SatisfaccionFicha } from './ficha/SatisfaccionFicha.tsx';
import { CotizacionesFicha, OrdenesFicha, PedidosFicha } from './ficha/ServiciosFicha.tsx';
import { ValorFicha } from './ficha/ValorFicha.tsx';
import type { Cliente } from './tipos.ts';

// The chart is code the ficha can show a moment later: it stays out of the ficha's own chunk.
const FrecuenciaContactos = lazy(() => import('../interacciones/FrecuenciaContactos.tsx'));

/** /clientes/:id: everything the workshop knows about one cliente, and the actions of a daily visit. */
export default function FichaCliente() {
  const id = Number(useParams().id);
  const usuario = useUsuario();
  const navigate = useNavigate();
  const ficha = useFicha(id);
  const registro = useRegistroInteraccion();
  const servicio = useDialogosServicio(id);
  const [parametros] = useSearchParams();
  useTituloPagina(ficha.data?.cliente.nombre);

  if (esClienteInexistente(id, ficha.error)) return <ClienteNoEncontrado />;
  if (ficha.isError) return <ErrorCarga error={ficha.error} reintentar={() => void ficha.refetch()} />;
  if (!ficha.data) return <Cargando texto="Cargando la ficha…" />;

  const f = ficha.data;
  const { cliente } = f;
  // Old links to a merged record lead to the customer it was merged into (unless asked to see it).
  if (cliente.id_cliente_fusionado_en && parametros.get('ver') !== 'fusionado')
    return <Navigate replace to={`/clientes/${cliente.id_cliente_fusionado_en}?desde=${cliente.id_cliente}`} />;
  // Ley 21.719: a blocked or anonymised cliente takes no writes (the server refuses them too).
  const protegido = cliente.bloqueado || cliente.anonimizado;
  const escribe = puedeEditarClientes(usuario.rol) && !protegido;
  const registra = puedeRegistrarInteracciones(usuario.rol) && !cliente.archivado && !protegido;
  const taller = puedeEditarTaller(usuario.rol) && !protegido;
  const ventas = puedeEditarVentas(usuario.rol) && !protegido;
  const paraDialogo = {
    id_cliente: cliente.id_cliente,
    nombre: cliente.nombre,
    id_responsable: cliente.id_responsable,
  };
  const alContactar = registra
    ? (tipo: 'llamada' | 'whatsapp' | 'email' | 'visita' | 'otro') =>
        registro.abrir({ cliente: paraDialogo, tipo, motivo: MOTIVO_POR_ENLACE[tipo] })
    : undefined;
  const agregar = (etiqueta: string, accion: () => void) => (
    <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={accion}>
      {etiqueta}
    </Button>
  );

  return (
    <Stack gap="md">
      <div>
        <Anchor component={Link} to="/clientes" size="sm" className="no-imprimir">
          ← Clientes
        </Anchor>
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={4}>
            <Title order={1}>{cliente.nombre}</Title>
            <Group gap="xs">
              <Text c="dimmed">RUT {cliente.rut_formateado}</Text>
              <Badge variant="light" color={cliente.activo ? 'campo' : 'gray'}>
                {cliente.activo ? 'Activo' : 'Inactivo'}
              </Badge>
              {cliente.archivado && (
                <Badge variant="outline" color="orange">
                  Archivado
                </Badge>
              )}
              {cliente.bloqueado && (
                <Badge
                  color="red"
                  title="Ley 21.719: sin cambios ni contactos hasta que un administrador lo desbloquee"
                >
                  Bloqueado
                </Badge>
              )}
              {cliente.anonimizado && <Badge color="gray">Anonimizado</Badge>}
              {cliente.tipo_persona && (
                <Badge variant="outline" color="gray">
                  {NOMBRE_TIPO_PERSONA[cliente.tipo_persona]}
                </Badge>
              )}
              <Etiquetas cliente={cliente} />
            </Group>
          </Stack>
          <Group gap="xs" className="no-imprimir">
            {registra && (
              <Button
                leftSection={<IconMessagePlus size={16} aria-hidden />}
                onClick={() => registro.abrir({ cliente: paraDialogo })}
              >
                Registrar interacción
              </Button>
            )}
            <Button
              variant="default"
              leftSection={<IconHistory size={16} aria-hidden />}
              onClick={() => navigate(`/clientes/${cliente.id_cliente}/historia`)}
            >
              Historia
            </Button>
            {escribe && (
              <>
                <Button
                  variant="default"
                  leftSection={<IconPencil size={16} aria-hidden />}
                  onClick={() => navigate(`/clientes/${cliente.id_cliente}/editar`)}
                >
                  Editar
                </Button>
                <ArchivarCliente cliente={cliente} />
              </>
            )}
            {usuario.rol === 'admin' && <MenuPrivacidadCliente cliente={cliente} />}
          </Group>
        </Group>
      </div>

      {parametros.get('desde') && (
        <Alert color="blue" variant="light" className="no-imprimir">
          El cliente {parametros.get('desde')} se fusionó con esta ficha: su historia está aquí.
        </Alert>
      )}
      {cliente.id_cliente_fusionado_en && (
        <Alert color="orange" variant="light">
          Esta ficha se fusionó con{' '}
          <Anchor component={Link} to={`/clientes/${cliente.id_cliente_fusionado_en}`} inherit>
            el cliente {cliente.id_cliente_fusionado_en}
          </Anchor>
          ; solo se muestra como registro histórico.
        </Alert>
      )}
      <AlertasFicha alertas={f.alertas} />
      <FusionesFicha idCliente={cliente.id_cliente} />

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Seccion titulo="Contacto">
          <DataList labelWidth={130}>
            <Dato etiqueta="Teléfono">
              {cliente.telefono ? (
                <EnlacesContacto telefono={cliente.telefono} nombre={cliente.nombre} alContactar={alContactar} />
              ) : null}
            </Dato>
            <Dato etiqueta="Email">
              {cliente.email ? (
                <Anchor href={`mailto:${cliente.email}`} inherit onClick={() => alContactar?.('email')}>
                  {cliente.email}
                </Anchor>
              ) : null}
            </Dato>
            <Dato etiqueta="Dirección">{cliente.direccion}</Dato>
            <Dato etiqueta="Comuna">{cliente.comuna}</Dato>
            <Dato etiqueta="Región">{cliente.region}</Dato>
            <Dato etiqueta="Canal preferido">
              {cliente.canal_preferido ? NOMBRE_CANAL_PREFERIDO[cliente.canal_preferido] : null}
            </Dato>
            <Dato etiqueta="Horario">{cliente.horario_contacto}</Dato>
            {cliente.notas_idioma && (
              <Dato etiqueta="Idioma y trato">
                <Text inherit style={{ whiteSpace: 'pre-wrap' }}>
                  {cliente.notas_idioma}
                </Text>
              </Dato>
            )}
          </DataList>
        </Seccion>
        <Seccion titulo="Relación con el taller">
          <DataList labelWidth={150}>
            <Dato etiqueta="Cliente desde">{formatearFecha(cliente.fecha_registro)}</Dato>
            <Dato etiqueta="Último contacto">{formatearFecha(cliente.ultimo_contacto)}</Dato>
            <Dato etiqueta="Responsable">{cliente.responsable}</Dato>
            {(cliente.fecha_nacimiento || cliente.tipo_persona !== 'empresa') && (
              <Dato etiqueta="Nacimiento">{formatearFecha(cliente.fecha_nacimiento)}</Dato>
            )}
            {(cliente.fecha_aniversario || cliente.tipo_persona === 'empresa') && (
              <Dato etiqueta="Aniversario">{formatearFecha(cliente.fecha_aniversario)}</Dato>
            )}
          </DataList>
        </Seccion>
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <ContactosFicha idCliente={cliente.id_cliente} escribe={escribe && !cliente.archivado} />
        <CompletitudFicha cliente={cliente} calidad={f.calidad} escribe={escribe} />
      </SimpleGrid>

      {cliente.notas && (
        <Seccion titulo="Notas">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {cliente.notas}
          </Text>
        </Seccion>
      )}

      <Seccion
        titulo="Equipos"
        acciones={taller && agregar('Agregar equipo', () => servicio.abrir({ tipo: 'equipo' }))}
      >
        <EquiposFicha idCliente={cliente.id_cliente} equipos={f.equipos} escribe={taller} abrir={servicio.abrir} />
      </Seccion>

      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Seccion titulo="Últimas interacciones">
          <UltimasInteracciones idCliente={cliente.id_cliente} interacciones={f.interacciones} />
        </Seccion>
        <Seccion titulo="Seguimientos abiertos">
          <SeguimientosAbiertos idCliente={cliente.id_cliente} seguimientos={f.seguimientos_abiertos} />
        </Seccion>
      </SimpleGrid>

      <Seccion titulo="Frecuencia de contacto">
        <Suspense fallback={<Cargando />}>
          <FrecuenciaContactos idCliente={cliente.id_cliente} />
        </Suspense>
      </Seccion>

      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
        <Seccion
          titulo="Órdenes de trabajo"
          acciones={taller && agregar('Nueva orden', () => servicio.abrir({ tipo: 'orden' }))}
        >
          <OrdenesFicha idCliente={cliente.id_cliente} ordenes={f.ordenes} abrir={taller ? servicio.abrir : null} />
        </Seccion>
        <Seccion
          titulo="Pedidos de repuestos"
          acciones={ventas && agregar('Nuevo pedido', () => servicio.abrir({ tipo: 'pedido' }))}
        >
          <PedidosFicha idCliente={cliente.id_cliente} pedidos={f.pedidos} abrir={ventas ? servicio.abrir : null} />
        </Seccion>
        <Seccion
          titulo="Cotizaciones abiertas"
          acciones={ventas && agregar('Nueva cotización', () => servicio.abrir({ tipo: 'cotizacion' }))}
        >
          <CotizacionesFicha
            idCliente={cliente.id_cliente}
            cotizaciones={f.cotizaciones_abiertas}
            abrir={ventas ? servicio.abrir : null}
          />
        </Seccion>
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Seccion titulo="Satisfacción">
          <SatisfaccionFicha satisfaccion={f.satisfaccion} />
        </Seccion>
        <Seccion titulo="Valor">
          <ValorFicha valor={f.valor} />
        </Seccion>
      </SimpleGrid>

      <ConsentimientosCliente idCliente={cliente.id_cliente} />

      {registro.dialogo}
      {servicio.dialogos}
    </Stack>
  );
}

/** One label/value row; an empty value reads as "—" rather than disappearing. */
function Dato({ etiqueta, children }: { etiqueta: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{etiqueta}</DataList.ItemLabel>
      <DataList.ItemValue>
        {children === null || children === undefined || children === '' ? '—' : children}
      </DataList.ItemValue>
    </DataList.Item>
  );
}

/** The cliente's tags as coloured badges (colours chosen in Ajustes › Etiquetas). */
function Etiquetas({ cliente }: { cliente: Cliente }) {
  if (cliente.etiquetas.length === 0) return null;
  return (
    <Group gap={4}>
      {cliente.etiquetas.map((e) => (
        <Badge key={e.id_etiqueta} color={e.color} variant="light">
          {e.nombre}
        </Badge>
      ))}
    </Group>
  );
}
