// Copy the NL Design System CSS from node_modules (installed by `npm ci` from
// package-lock.json) into portal/static/nlds/, where Django's static files find it.
// Nothing is fetched at run time; the copied files are git-ignored (README, "Front end").
import { copyFileSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "portal", "static", "nlds");

// [package, file in the package, name under portal/static/nlds/]
const FILES = [
  ["@utrecht/component-library-css", "dist/index.css", "utrecht-components.css"],
  // Utrecht's styles for plain HTML elements (headings, paragraphs, links, lists) inside
  // an element with the class utrecht-html: the portal's <main>.
  ["@utrecht/component-library-css", "dist/html.css", "utrecht-html.css"],
  ["@utrecht/component-library-css", "LICENSE.md", "LICENSE-utrecht-components.md"],
  ["@nl-design-system-unstable/voorbeeld-design-tokens", "dist/theme.css", "voorbeeld-theme.css"],
  ["@nl-design-system-unstable/voorbeeld-design-tokens", "LICENSE.md", "LICENSE-voorbeeld-theme.md"],
];

rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
for (const [pkg, file, name] of FILES) {
  const source = join(root, "node_modules", pkg, file);
  const { version } = JSON.parse(readFileSync(join(root, "node_modules", pkg, "package.json")));
  copyFileSync(source, join(target, name));
  console.log(`${pkg}@${version} ${file} -> portal/static/nlds/${name}`);
}
