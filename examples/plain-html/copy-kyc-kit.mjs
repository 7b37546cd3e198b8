// The page's one "build step" is a copy, as a partner with no bundler would do it: kyc-kit's standalone file,
// the phone rules it loads beside itself on demand (same folder, same name), and the Spanish catalogue, from
// the installed package into the static files the server serves.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The folder of an installed package: up from its resolved entry to its package.json. */
function packageFolder(name) {
  let folder = path.dirname(fileURLToPath(import.meta.resolve(name)));
  while (!isPackage(folder, name)) {
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`${name} is not installed`);
    folder = parent;
  }
  return folder;
}

function isPackage(folder, name) {
  const manifest = path.join(folder, 'package.json');
  return existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === name;
}

const from = path.join(packageFolder('@kyc-kit/elements'), 'dist');
const to = path.join(here, 'public', 'kyc-kit');
mkdirSync(path.join(to, 'locales'), { recursive: true });
copyFileSync(path.join(from, 'standalone.js'), path.join(to, 'kyc-kit-elements.js'));
// The two files the script imports from its own folder: the phone parser and every country's phone rules.
for (const file of ['standalone-phone-parser.js', 'standalone-phone-rules.js']) {
  copyFileSync(path.join(from, file), path.join(to, file));
}
copyFileSync(path.join(from, 'locales', 'es.js'), path.join(to, 'locales', 'es.js'));
process.stdout.write(`copied kyc-kit's standalone file into ${path.relative(process.cwd(), to)}\n`);
