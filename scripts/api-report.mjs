#!/usr/bin/env node
// Keeps each package's public surface in git (reports/<package>.api.md), in the
// spirit of api-extractor: a change of exported names or signatures shows in
// review. `--check` fails when a report is out of date; without it the reports
// are rewritten.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const packages = ['core', 'hooks', 'react', 'proxy', 'sandbox', 'elements'];
const check = process.argv.includes('--check');
const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType;

const configFile = ts.readConfigFile(path.join(root, 'tsconfig.base.json'), ts.sys.readFile);
const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
/** Every entry point a package publishes: each `exports` entry with a "source" condition. */
function entryPointsOf(name) {
  const directory = path.join(root, 'packages', name);
  const manifest = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8'));
  return Object.entries(manifest.exports ?? {})
    .filter(([, conditions]) => typeof conditions === 'object' && conditions.source)
    .map(([subpath, conditions]) => ({
      specifier: `@kyc-kit/${name}${subpath === '.' ? '' : subpath.slice(1)}`,
      file: path.join(directory, conditions.source),
    }));
}
const packageEntries = packages.map((name) => ({ name, entries: entryPointsOf(name) }));
const entries = packageEntries.flatMap(({ entries }) => entries.map(({ file }) => file));
const program = ts.createProgram(entries, { ...options, noEmit: true });
const checker = program.getTypeChecker();

/** One line (or block) per exported name: what kind of thing it is and its signature. */
function describe(symbol) {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const name = symbol.getName();
  const declaration = target.declarations?.[0];
  if (!declaration) return `unknown ${name}`;
  if (ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration)) {
    const type = checker.getDeclaredTypeOfSymbol(target);
    const keyword = ts.isInterfaceDeclaration(declaration) ? 'interface' : 'type';
    const parameters = declaration.typeParameters?.map((parameter) => parameter.getText()).join(', ');
    const head = `${keyword} ${name}${parameters ? `<${parameters}>` : ''}`;
    if (ts.isTypeAliasDeclaration(declaration))
      return `${head} = ${declaration.type.getText().replace(/\s+/g, ' ')}`;
    const members = checker.getPropertiesOfType(type).map((property) => {
      const optional = property.flags & ts.SymbolFlags.Optional ? '?' : '';
      const propertyType = checker.getTypeOfSymbolAtLocation(property, declaration);
      return `  ${property.getName()}${optional}: ${checker.typeToString(propertyType, declaration, flags)};`;
    });
    return `${head} {\n${members.join('\n')}\n}`;
  }
  if (ts.isClassDeclaration(declaration)) {
    const heritage = declaration.heritageClauses?.map((clause) => clause.getText()).join(' ');
    return `class ${name}${heritage ? ` ${heritage}` : ''}`;
  }
  const type = checker.getTypeOfSymbolAtLocation(target, declaration);
  const keyword = ts.isFunctionDeclaration(declaration) ? 'function' : 'const';
  const full = checker.typeToString(type, declaration, flags);
  if (full.length <= 400) return `${keyword} ${name}: ${full}`;
  // Zod schema objects and large tables print as one enormous line: list their
  // members one level deep, each type shortened, so the report stays reviewable.
  const members = checker.getPropertiesOfType(type).map((property) => {
    const propertyType = checker.getTypeOfSymbolAtLocation(property, declaration);
    return `  ${property.getName()}: ${shorten(checker.typeToString(propertyType, declaration, flags))};`;
  });
  return members.length > 0
    ? `${keyword} ${name}: {\n${members.join('\n')}\n}`
    : `${keyword} ${name}: ${shorten(full)}`;
}

/** Keeps a type's outer shape (zod's class name and first type argument) and elides the rest. */
function shorten(text) {
  if (text.length <= 160) return text;
  return `${text.slice(0, 140).replace(/[^,<{(\s]*$/, '')}…`;
}

let stale = 0;
mkdirSync(path.join(root, 'reports'), { recursive: true });
for (const { name: packageName, entries: packageEntryPoints } of packageEntries) {
  if (packageEntryPoints.length === 0) continue;
  const sections = [];
  for (const { specifier, file: entry } of packageEntryPoints) {
    const source = program.getSourceFile(entry);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) continue;
    const lines = checker
      .getExportsOfModule(moduleSymbol)
      .sort((a, b) => a.getName().localeCompare(b.getName()))
      .map(describe);
    sections.push(`## ${specifier}`, '', '```ts', ...lines, '```', '');
  }
  const report = [
    `# @kyc-kit/${packageName} — public API`,
    '',
    'Generated by `pnpm run api-report`; checked by `npm test`. Review changes here as changes of the public surface.',
    '',
    ...sections,
  ].join('\n');
  const file = path.join(root, 'reports', `${packageName}.api.md`);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (current === report) continue;
  if (check) {
    stale += 1;
    process.stderr.write(
      `reports/${packageName}.api.md is out of date: run \`pnpm run api-report\` and review the diff.\n`,
    );
  } else {
    writeFileSync(file, report);
    process.stdout.write(`wrote reports/${packageName}.api.md\n`);
  }
}
if (stale > 0) process.exit(1);
