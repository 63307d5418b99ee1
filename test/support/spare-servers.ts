import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Throwaway PostgreSQL and Redis servers on spare ports, for tests and the fault script that need
 * an outage or a setting the shared servers must not be given. Each is stopped by its own pid.
 */
export interface SpareServer {
  port: number;
  url: string;
  /** Stops the server (SIGKILL when `crash`, as a power cut would); its data directory stays. */
  stop(options?: { crash?: boolean }): Promise<void>;
  /** Starts it again on the same port and data directory. */
  restart(): Promise<void>;
  /** Stops it and removes its data directory. */
  remove(): Promise<void>;
}

/** A port nothing listens on (bound by the OS, then released). */
export async function sparePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startSpareRedis(settings: { appendonly: boolean; maxmemoryPolicy?: string }): Promise<SpareServer> {
  const port = await sparePort();
  const dir = await mkdtemp(path.join(tmpdir(), 'spare-redis-'));
  const args = [
    ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''],
    ...['--appendonly', settings.appendonly ? 'yes' : 'no', '--appendfsync', 'always'],
    ...['--maxmemory-policy', settings.maxmemoryPolicy ?? 'noeviction'],
  ];
  return spareServer({ port, dir, url: `redis://127.0.0.1:${port}`, launch: () => spawn('redis-server', args, { stdio: 'ignore' }) });
}

export async function startSparePostgres(): Promise<SpareServer> {
  const port = await sparePort();
  const dir = await mkdtemp(path.join(tmpdir(), 'spare-postgres-'));
  const bin = await postgresBinDir();
  const user = postgresUser();
  if (user) await chown(dir, user.uid, user.gid);
  const init = spawnSync(path.join(bin, 'initdb'), ['-D', dir, '-U', 'postgres', '--auth=trust', '--no-sync'], { encoding: 'utf8', ...user });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const args = ['-D', dir, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200'];
  return spareServer({
    port,
    dir,
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    launch: () => spawn(path.join(bin, 'postgres'), args, { stdio: 'ignore', ...user }),
  });
}

async function spareServer(options: { port: number; dir: string; url: string; launch: () => ChildProcess }): Promise<SpareServer> {
  let child: ChildProcess | undefined;
  const start = async () => {
    child = options.launch();
    await waitForPort(options.port, child);
  };
  const stop = async ({ crash = false } = {}) => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    // SIGINT is PostgreSQL's fast shutdown and Redis' normal one.
    running.kill(crash ? 'SIGKILL' : 'SIGINT');
    await exited;
  };
  await start();
  return {
    port: options.port,
    url: options.url,
    stop,
    restart: start,
    async remove() {
      await stop();
      await rm(options.dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`server for port ${port} exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.end(() => resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`nothing listened on port ${port} after 10 s`);
}

async function postgresBinDir(): Promise<string> {
  const versions = (await readdir('/usr/lib/postgresql').catch(() => [])).sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error('No PostgreSQL server binaries under /usr/lib/postgresql');
  return path.join('/usr/lib/postgresql', versions[0]!, 'bin');
}

/** PostgreSQL refuses to run as root: then it runs as the postgres user, who must own the data directory. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}
