import * as net from 'node:net';

/**
 * A small TCP load balancer in front of several api processes, as a Kubernetes Service or HAProxy
 * in TCP mode is: each new connection goes to the next upstream in turn, skipping one that refuses
 * the connection; when an upstream dies, its connections are closed and new ones go elsewhere.
 */
export interface RoundRobinProxy {
  port: number;
  /** Connections each upstream has been given. */
  given: number[];
  close(): Promise<void>;
}

export async function startRoundRobinProxy(upstreams: number[]): Promise<RoundRobinProxy> {
  const given = upstreams.map(() => 0);
  const open = new Set<net.Socket>();
  let next = 0;
  const server = net.createServer((client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    const attempt = (tries: number) => {
      if (tries >= upstreams.length) {
        client.destroy();
        return;
      }
      const index = next++ % upstreams.length;
      const upstream = net.connect(upstreams[index], '127.0.0.1');
      let connected = false;
      open.add(upstream);
      upstream.once('close', () => open.delete(upstream));
      upstream.once('error', () => {
        if (!connected) attempt(tries + 1);
        else client.destroy();
        upstream.destroy();
      });
      upstream.once('connect', () => {
        connected = true;
        given[index]++;
        upstream.setNoDelay(true);
        client.setNoDelay(true);
        client.pipe(upstream);
        upstream.pipe(client);
        upstream.once('close', () => client.destroy());
        client.once('close', () => upstream.destroy());
        client.resume();
      });
    };
    attempt(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    given,
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
