import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Data flows one way: chat → intake → commands → domain → delivery → chat. These tests read the
// import lines of every source file, so a shortcut that climbs back up fails here, not in review.
const root = path.resolve(import.meta.dirname, '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(folder, file))
    .filter((file) => !file.startsWith(path.join('src', 'generated')));
}

/** Repository-relative paths of the project files a file imports (type-only imports too). */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const specifiers = [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)].map((match) => match[1]!);
  return specifiers.map((specifier) => path.relative(root, path.resolve(root, path.dirname(file), specifier)));
}

const files = [...sourceFiles('src'), ...sourceFiles('jobs')];
const graph = new Map(files.map((file) => [file, importsOf(file)]));

function violations(from: string, forbidden: string[]): string[] {
  return [...graph]
    .filter(([file]) => file.startsWith(from))
    .flatMap(([file, imports]) => imports.filter((target) => forbidden.some((folder) => target.startsWith(folder))).map((target) => `${file} → ${target}`));
}

describe('layers', () => {
  it('finds the imports it checks', () => {
    expect(graph.get('src/intake/process-inbound-batch.ts')).toContain('src/commands/dispatch.ts');
    expect(graph.get('src/commands/members/bind.ts')).toContain('src/domain/members/bind-contact.ts');
  });

  it('domain functions import no layer above them', () => {
    const above = ['src/commands/', 'src/intake/', 'src/delivery/', 'src/wechaty/', 'src/simulator/', 'src/assistant/', 'src/console/', 'jobs/'];
    expect(violations('src/domain/', above)).toEqual([]);
  });

  it('the console is a front door beside chat: it uses the domain and the outbox, not the chat side', () => {
    expect(violations('src/console/', ['src/commands/', 'src/intake/', 'src/wechaty/', 'src/simulator/'])).toEqual([]);
    expect(violations('src/', ['src/console/']).filter((edge) => !edge.startsWith('src/console/') && !edge.startsWith('src/assistant/'))).toEqual([]);
  });

  it('delivery imports neither commands nor intake', () => {
    expect(violations('src/delivery/', ['src/commands/', 'src/intake/'])).toEqual([]);
  });

  it('has no import cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'visiting');
      for (const target of graph.get(file) ?? []) visit(target, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('keeps every domain and command file in a feature folder', () => {
    const router = ['command.ts', 'context.ts', 'dispatch.ts', 'guards.ts', 'name-and-digits.ts', 'normalize-text.ts', 'registry.ts'];
    const loose = [...graph.keys()].filter((file) => {
      const [, layer, ...rest] = file.split(path.sep);
      if (layer === 'domain') return rest.length < 2;
      if (layer === 'commands') return rest.length < 2 && !router.includes(rest[0]!);
      return false;
    });
    expect(loose).toEqual([]);
  });
});
