// The version printed by --version and written into SARIF, from package.json at build time.

import packageJson from '../../package.json' with { type: 'json' };

export const version: string = packageJson.version;
