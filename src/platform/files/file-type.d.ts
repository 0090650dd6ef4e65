/**
 * The part of `file-type` we use. Its own types sit behind `exports`, which this project's
 * `moduleResolution: node10` cannot see.
 */
declare module 'file-type' {
  export function fileTypeFromBuffer(
    bytes: Uint8Array | ArrayBuffer,
  ): Promise<{ ext: string; mime: string } | undefined>;
}
