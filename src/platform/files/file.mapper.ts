import type { FileDto } from './dto/file.dto';
import type { FilePurposeName } from './file-purposes';
import type { StoredFile } from './stored-file.entity';

export function toFileDto(file: StoredFile): FileDto {
  return {
    id: file.id,
    purpose: file.purpose as FilePurposeName,
    contentType: file.contentType,
    sizeBytes: file.sizeBytes,
    sha256: file.sha256,
    declaredName: file.declaredName,
    uploaderId: file.uploaderId,
    createdAt: file.createdAt,
  };
}

/** `attachment` with the declared name: an ASCII fallback plus the RFC 5987 UTF-8 form. */
export function contentDisposition(name: string | null): string {
  const fallback = (name ?? 'file').replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name ?? 'file')}`;
}
