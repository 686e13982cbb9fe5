// Types of scripts/precompile-templates.mjs, for the tests that call it.
export function compileOptions(format: 'html' | 'md'): { noEscape: boolean; strict: boolean; preventIndent: boolean; knownHelpers: Record<string, boolean> };
export function precompiledTemplatesModule(templatesDir: string): string;
export function withoutLocations(spec: string): string;
export function withDirectLookups(spec: string): string;
export function withDirectHelpers(spec: string): string;
export function precompile(source: string, options: ReturnType<typeof compileOptions>): string;
