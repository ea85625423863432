import type { IncomingRequest, OutgoingResponse } from '../core/http.ts';
import type { RegionWorld } from '../core/world.ts';
import type { Emulator } from '../emulator.ts';
import { loadBalancerState } from './life.ts';
import { listenerAnswer } from './listener-traffic.ts';
import type { ListenerRequest } from './request-match.ts';
import { ELBV2_STATE, type ListenerRecord, type LoadBalancerRecord } from './state.ts';

/**
 * The emulator's port is also a plain HTTP forward proxy for its load balancers: a request in
 * absolute form (`GET http://<DNSName>:<port>/path`, as any client sends through a proxy) reaches
 * the HTTP listener on that port of the load balancer with that DNS name, in any region.
 */
export function isLoadBalancerRequest(url: string | undefined): url is string {
  return url !== undefined && /^http:\/\//i.test(url);
}

type TrafficEmulator = Pick<Emulator, 'worlds' | 'tickRegion' | 'clock'>;

interface Found {
  readonly world: RegionWorld;
  readonly loadBalancer: LoadBalancerRecord;
  readonly listener: ListenerRecord | undefined;
}

function badGateway(reason: string): OutgoingResponse {
  return { status: 502, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `${reason}\n` };
}

function find(emulator: TrafficEmulator, hostname: string, port: number): Found | undefined {
  for (const world of emulator.worlds.all()) {
    const state = world.get(ELBV2_STATE);
    for (const loadBalancer of state.loadBalancers.values()) {
      if (loadBalancer.dnsName.toLowerCase() !== hostname) continue;
      const listener = [...loadBalancer.listenerArns]
        .map((arn) => state.listeners.get(arn))
        .find((candidate) => candidate?.port === port);
      return { world, loadBalancer, listener };
    }
  }
  return undefined;
}

/** The host the Host header names, without its port; the URL's host when there is no Host header. */
function hostOf(header: string | undefined, url: URL): string {
  const host = (header ?? url.host).toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.split(':')[0] ?? host;
}

export function answerLoadBalancerRequest(
  emulator: TrafficEmulator,
  absoluteUrl: string,
  request: IncomingRequest,
): OutgoingResponse {
  let url: URL;
  try {
    url = new URL(absoluteUrl);
  } catch {
    return badGateway(`not a URL: ${absoluteUrl}`);
  }
  const port = url.port === '' ? 80 : Number(url.port);
  const address = `${url.hostname}:${port}`;
  const found = find(emulator, url.hostname.toLowerCase(), port);
  if (found?.listener === undefined) return badGateway(`no emulated load balancer answers ${address}`);
  const { world, loadBalancer, listener } = found;
  if (listener.protocol !== 'HTTP') {
    return badGateway(
      `the listener on ${address} is ${listener.protocol ?? 'without a protocol'}; only HTTP listeners answer`,
    );
  }
  emulator.tickRegion(world);
  if (loadBalancerState(loadBalancer, emulator.clock.now()) !== 'active')
    return badGateway(`the load balancer on ${address} is still provisioning`);
  const listenerRequest: ListenerRequest = {
    method: request.method,
    path: url.pathname,
    query: url.searchParams,
    rawQuery: url.search.replace(/^\?/, ''),
    host: hostOf(request.headers.host, url),
    headers: request.headers,
  };
  return listenerAnswer(world, listener, listenerRequest);
}
