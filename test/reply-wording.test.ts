import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every reply template — each string literal with Chinese in it in src/commands and in the domain's
 * *-text.ts files — reads as Chinese: no English word left in it, no placeholder that cannot be filled
 * (a `${` in a plain string), no undefined / null / NaN written into the text.
 */
const templateFiles = [
  ...filesUnder('src/commands'),
  ...filesUnder('src/domain').filter((file) => file.endsWith('-text.ts')),
];

/** Latin words a Chinese reply may carry: units and names members see as they are. */
const allowedWords = new Set(['QR', 'Excel', 'WiFi']);

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(folder, file));
}

/** The string literals of a source file, read by TypeScript's parser; a template's ${…} parts become ○. */
function literals(file: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) found.push(node.text);
    else if (ts.isTemplateExpression(node)) found.push([node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('○'));
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest));
  return found.filter((text) => /[\u4e00-\u9fff]/.test(text));
}

describe('reply templates', () => {
  const templates = templateFiles.flatMap((file) =>
    literals(file).map((text) => ({ file, text })),
  );

  it('are found (a few hundred)', () => {
    expect(templates.length).toBeGreaterThan(300);
  });

  it('contain no English words', () => {
    const english = templates.filter(({ text }) =>
      // Links and their paths (○/activities/○/qr) are addresses, and {name} a nudge's own placeholder (filled by careText), not words.
      (text.replace(/https?:\/\/\S*|\/[\w/.?=-]+|\{\w+\}/g, '').match(/\b[A-Za-z]{2,}\b/g) ?? []).some((word) => !allowedWords.has(word)),
    );
    expect(english.map(({ file, text }) => `${file}: ${text}`)).toEqual([]);
  });

  it('leave no placeholder unfilled', () => {
    const unfilled = templates.filter(({ text }) => /\$\{|\bundefined\b|\bnull\b|\bNaN\b/.test(text));
    expect(unfilled.map(({ file, text }) => `${file}: ${text}`)).toEqual([]);
  });
});
