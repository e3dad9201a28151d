// The oldest Node awsx runs on. package.json's "engines" says the same; commander 15, ink 7 and the AWS SDK
// releases from January 2027 need Node 22, and module.enableCompileCache() arrived in 22.1.
export const NODE_FLOOR = { major: 22, minor: 12 } as const;

/** One line naming the Node awsx needs, or undefined when `version` (process.versions.node) is recent enough. */
export function unsupportedNode(version: string): string | undefined {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major > NODE_FLOOR.major || (major === NODE_FLOOR.major && minor >= NODE_FLOOR.minor)) return undefined;
  return (
    `Node.js ${NODE_FLOOR.major}.${NODE_FLOOR.minor} or newer is needed; this is Node.js ${version} ` +
    '(install a current LTS from https://nodejs.org)'
  );
}
