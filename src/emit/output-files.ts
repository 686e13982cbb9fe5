// What the emit phase writes: a build's output, as paths relative to the output folder (with /) and
// their contents. The render phase produces one; emit owns its shape.

export type OutputFiles = Map<string, string | Buffer>;
