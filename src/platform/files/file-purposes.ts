import { Problem } from '../http/problem';

const MiB = 1024 * 1024;

/** What one use of files accepts: the content types (as detected from the bytes) and the largest size. */
export interface FilePurpose {
  types: readonly string[];
  maxBytes: number;
}

/**
 * Every use of uploaded files, by name. A context that needs a new use adds it here (the list is
 * part of the contract: the upload route's `purpose` takes these names). Types are what the
 * content is, never what its name says.
 */
export const FILE_PURPOSES = {
  avatar: { types: ['image/png', 'image/jpeg', 'image/webp'], maxBytes: 2 * MiB },
  document: { types: ['application/pdf', 'image/png', 'image/jpeg'], maxBytes: 10 * MiB },
  /** A data export's archive (the brokerage's ZIP of CSVs). */
  export: { types: ['application/zip'], maxBytes: 10 * MiB },
  /** A document given to the brokerage assistant to read (a scanned purchase order, an invoice). */
  'assistant-document': { types: ['application/pdf', 'image/png', 'image/jpeg'], maxBytes: 20 * MiB },
} as const satisfies Record<string, FilePurpose>;

export type FilePurposeName = keyof typeof FILE_PURPOSES;
export const FILE_PURPOSE_NAMES = Object.keys(FILE_PURPOSES) as FilePurposeName[];

/** The largest file any purpose accepts: an upload longer than this is refused before it is read. */
export const MAX_FILE_BYTES = Math.max(...Object.values(FILE_PURPOSES).map((p: FilePurpose) => p.maxBytes));

export function purposeOf(name: string): FilePurpose {
  const purpose = (FILE_PURPOSES as Record<string, FilePurpose>)[name];
  if (!purpose) throw new Error(`Unknown file purpose ${name}`);
  return purpose;
}

/** 413 when `size` bytes is over the purpose's limit. */
export function checkFileSize(name: FilePurposeName, size: number): void {
  if (size > purposeOf(name).maxBytes) throw fileTooLarge(name);
}

export function fileTooLarge(name: FilePurposeName): Problem {
  const { maxBytes } = purposeOf(name);
  return new Problem(413, `A ${name} file may be at most ${maxBytes} bytes`, { extensions: { maxBytes } });
}

/** 415 unless the detected type (undefined: not recognised) is one the purpose accepts. */
export function checkFileType(name: FilePurposeName, detected: string | undefined): string {
  const { types } = purposeOf(name);
  if (detected && types.includes(detected)) return detected;
  const what = detected ? `${detected} content` : 'Content of an unrecognised type';
  throw new Problem(415, `${what} is not accepted for a ${name} file`, { extensions: { allowedTypes: types } });
}
