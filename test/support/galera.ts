import { ChildProcess, execFile, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eventually } from './services';

const run = promisify(execFile);
const PROVIDER = '/usr/lib/galera/libgalera_smm.so';

/**
 * A real MariaDB Galera cluster of three nodes on local ports (Debian's mariadb-server with
 * galera-4), each its own mariadbd with its own data directory in a temporary directory, state
 * transfer by rsync. Node n listens for SQL on `base + n`, for the group on `base + 100 + n`, for
 * incremental state transfer on `base + 110 + n` and for full state transfer on `base + 120 + n`.
 */
export interface GaleraNode {
  index: number;
  port: number;
  child: ChildProcess;
  log(): string;
  kill9(): Promise<void>;
}

export interface GaleraCluster {
  nodes: GaleraNode[];
  /** `SHOW STATUS` of one node, as numbers where they are numbers. */
  status(node: GaleraNode, name: string): Promise<string>;
  stop(): Promise<void>;
}

export function galeraAvailable(): boolean {
  try {
    readFileSync(PROVIDER);
    return true;
  } catch {
    return false;
  }
}

async function sql(port: number, statement: string): Promise<string> {
  const { stdout } = await run('mariadb', [
    '-h',
    '127.0.0.1',
    '-P',
    String(port),
    '-u',
    'root',
    '-N',
    '-B',
    '-e',
    statement,
  ]);
  return stdout.trim();
}

export async function startGaleraCluster(base = 3320): Promise<GaleraCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'nf-galera-'));
  const nodes: GaleraNode[] = [];
  const stop = async () => {
    await Promise.all(nodes.map((node) => node.kill9()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // One freshly installed data directory, copied for each node (the joiners' is replaced by
    // the state transfer anyway).
    const template = join(dir, 'template');
    await run('chown', ['mysql:mysql', dir]);
    await run('mariadb-install-db', [
      '--no-defaults',
      `--datadir=${template}`,
      '--user=mysql',
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ]);
    for (const index of [1, 2, 3]) cpSync(template, join(dir, `n${index}`), { recursive: true });
    await run('chown', ['-R', 'mysql:mysql', dir]);
    const group = [1, 2, 3].map((index) => `127.0.0.1:${base + 100 + index}`).join(',');
    const start = async (index: number, address: string) => {
      const data = join(dir, `n${index}`);
      const child = spawn(
        '/usr/sbin/mariadbd',
        [
          '--no-defaults',
          `--datadir=${data}`,
          `--port=${base + index}`,
          `--socket=${join(data, 'mysqld.sock')}`,
          `--pid-file=${join(data, 'mysqld.pid')}`,
          `--log-error=${join(data, 'error.log')}`,
          '--bind-address=127.0.0.1',
          '--skip-name-resolve',
          '--user=mysql',
          '--binlog-format=ROW',
          '--default-storage-engine=InnoDB',
          '--innodb-autoinc-lock-mode=2',
          '--innodb-buffer-pool-size=128M',
          '--innodb-flush-log-at-trx-commit=2',
          '--max-connections=500',
          '--wsrep-on=ON',
          `--wsrep-provider=${PROVIDER}`,
          `--wsrep-cluster-address=${address}`,
          '--wsrep-cluster-name=nf-test',
          `--wsrep-node-name=n${index}`,
          `--wsrep-node-address=127.0.0.1:${base + 100 + index}`,
          `--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:${base + 100 + index};ist.recv_addr=127.0.0.1:${base + 110 + index};gcache.size=128M`,
          '--wsrep-sst-method=rsync',
          `--wsrep-sst-receive-address=127.0.0.1:${base + 120 + index}`,
        ],
        { stdio: 'ignore' },
      );
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const node: GaleraNode = {
        index,
        port: base + index,
        child,
        log: () => {
          try {
            return readFileSync(join(data, 'error.log'), 'utf8');
          } catch {
            return '';
          }
        },
        async kill9() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        },
      };
      nodes.push(node);
      await eventually(
        async () => {
          if (child.exitCode !== null)
            throw new Error(`galera node ${index} exited:\n${node.log()}`);
          const state = await sql(node.port, "SHOW STATUS LIKE 'wsrep_local_state_comment'").catch(
            () => '',
          );
          return state.endsWith('Synced');
        },
        { what: `galera node ${index} synced`, timeoutMs: 60_000, intervalMs: 200 },
      );
    };
    await start(1, 'gcomm://');
    await start(2, `gcomm://${group}`);
    await start(3, `gcomm://${group}`);
    await eventually(
      async () => (await sql(base + 1, "SHOW STATUS LIKE 'wsrep_cluster_size'")).endsWith('3'),
      { what: 'a cluster of three', timeoutMs: 30_000 },
    );
    return {
      nodes,
      async status(node, name) {
        return (await sql(node.port, `SHOW STATUS LIKE '${name}'`)).split('\t')[1] ?? '';
      },
      stop,
    };
  } catch (error) {
    const logs = nodes.map((node) => node.log().slice(-2000)).join('\n---\n');
    await stop();
    throw new Error(`${String(error)}\n${logs}`);
  }
}
