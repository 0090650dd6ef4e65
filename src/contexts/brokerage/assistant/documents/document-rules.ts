import { StateMachine } from '../../../../platform/domain/state-machine';

export const DOCUMENT_STATUSES = ['uploaded', 'extracting', 'extracted', 'failed'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** `rules`: text layer of a PDF read by pdfjs, facts by the rule-based reader; `rules+vision`: text transcribed by the model. */
export const DOCUMENT_EXTRACTORS = ['rules', 'rules+vision'] as const;
export type DocumentExtractor = (typeof DOCUMENT_EXTRACTORS)[number];

/**
 * A document's reading: uploaded, then extracting (the job took it), then extracted or failed. A
 * failed or extracted document may be read again (`extract`): it goes back to extracting.
 */
export const DOCUMENT_LIFECYCLE = new StateMachine<DocumentStatus>('document', {
  uploaded: ['extracting'],
  extracting: ['extracting', 'extracted', 'failed'],
  extracted: ['extracting'],
  failed: ['extracting'],
});

/** Why a document could not be read (`read-failed`: the reading job ran out of retries). */
export type ExtractionFailure =
  'ocr-unavailable' | 'unreadable-pdf' | 'no-text' | 'assistant-budget-exhausted' | 'read-failed';

export class ExtractionFailed extends Error {
  constructor(
    readonly code: ExtractionFailure,
    message: string,
  ) {
    super(message);
  }
}

/** Document types the assistant reads (as detected from the content). */
export const IMAGE_TYPES = ['image/png', 'image/jpeg'];
export const PDF_TYPE = 'application/pdf';
