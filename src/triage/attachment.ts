import { IpriskError } from '../errors.ts';

/**
 * A file a requester or staff member sends about a ticket (the complaint PDF, a photo of the
 * detained goods). Adapters describe it and say how to read its bytes; the workflow checks it,
 * records it and hands it to the other side's notifier, which may live on another platform.
 */
export interface Attachment {
  name: string;
  /** As the platform reports it; checked against the policy, not trusted for anything else. */
  mimeType: string;
  /** Bytes, as the platform reports it before download. */
  size: number;
  /** Downloads the file: only called once it passed the policy. */
  read(): Promise<Uint8Array>;
}

/**
 * What experts can use and both platforms carry: Telegram bots download at most 20 MB, and
 * documents, images and spreadsheets are what disputes run on. Executables and archives are
 * refused, because a ticket thread is no place to open them.
 */
export const attachmentPolicy = {
  maxBytes: 20 * 1024 * 1024,
  types: new Map<string, string>([
    ['application/pdf', 'PDF'],
    ['image/jpeg', 'JPEG image'],
    ['image/png', 'PNG image'],
    ['image/webp', 'WebP image'],
    ['image/heic', 'HEIC image'],
    ['application/msword', 'Word document'],
    ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'Word document'],
    ['application/vnd.ms-excel', 'Excel sheet'],
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Excel sheet'],
    ['text/plain', 'text file'],
  ]),
};

export type AttachmentRefusal = 'too-large' | 'type';

/** Why a file cannot be passed on, or undefined when it can. */
export function refuseAttachment(file: Pick<Attachment, 'mimeType' | 'size'>): AttachmentRefusal | undefined {
  if (file.size > attachmentPolicy.maxBytes) return 'too-large';
  if (!attachmentPolicy.types.has(file.mimeType.toLowerCase().split(';')[0]?.trim() ?? '')) return 'type';
  return undefined;
}

/** The history line for a file: name, type and size, never its content. */
export function describeAttachment(file: Pick<Attachment, 'name' | 'mimeType' | 'size'>): string {
  const kb = Math.max(1, Math.round(file.size / 1024));
  const size = kb >= 1024 ? `${(kb / 1024).toFixed(1)} MB` : `${kb} KB`;
  return `${file.name} (${attachmentPolicy.types.get(file.mimeType) ?? file.mimeType}, ${size})`;
}

export function attachmentError(reason: AttachmentRefusal): IpriskError {
  return new IpriskError(
    'INVALID_INPUT',
    reason === 'too-large' ? 'File too large.' : 'File type not accepted.',
    {
      hint:
        reason === 'too-large'
          ? 'Send files up to 20 MB.'
          : 'Send PDF, images (JPEG, PNG, WebP, HEIC), Word, Excel or text files.',
    },
  );
}

/** Throws INVALID_INPUT with the reason when the file breaks the policy. */
export function checkAttachment(file: Pick<Attachment, 'mimeType' | 'size'>): void {
  const refusal = refuseAttachment(file);
  if (refusal) throw attachmentError(refusal);
}
