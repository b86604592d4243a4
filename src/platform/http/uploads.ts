// Multipart uploads for a route scope: the size is refused before the body is read, the scope
// decides who may upload at all, and each file lands on the body as an UploadedFile.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart, { type MultipartFile } from '@fastify/multipart';
import { AppError } from '../errors.ts';

/** An uploaded file as the multipart hook leaves it on the body. */
export type UploadedFile = { filename: string; data: Buffer; truncated: boolean };

export interface UploadOptions {
  /** Largest file accepted (bytes); a bigger body is refused before it is read. */
  maxBytes: number;
  /** Non-file fields the scope's forms carry at most. */
  fields: number;
  fieldSize?: number;
  /** The Chinese message for a file over the limit. */
  tooLarge: string;
  /** Throws (an AppError) when this request may not upload: anonymous users, other routes … */
  allow(req: FastifyRequest): void;
}

/** Registers multipart parsing in `app` (call it inside the module's own `app.register` scope). */
export async function registerUploads(app: FastifyInstance, o: UploadOptions): Promise<void> {
  app.addHook('preValidation', async (req) => {
    if (!req.isMultipart()) return;
    o.allow(req);
    const len = Number(req.headers['content-length'] ?? 0);
    if (len > o.maxBytes + 64 * 1024) throw new AppError('payload_too_large', o.tooLarge);
  });
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: o.maxBytes, files: 1, fields: o.fields, parts: o.fields + 2, fieldSize: o.fieldSize ?? 64 * 1024, headerPairs: 100 },
    async onFile(part: MultipartFile & { value?: unknown }) {
      const data = await part.toBuffer();
      part.value = { filename: part.filename.slice(0, 200), data, truncated: part.file.truncated } satisfies UploadedFile;
    },
  });
}

/** The file field `name` of a parsed multipart body, if one was sent. */
export function uploadedFile(body: unknown, name: string): UploadedFile | undefined {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  const u = Array.isArray(v) ? v[0] : v;
  return u && typeof u === 'object' && Buffer.isBuffer((u as UploadedFile).data) ? (u as UploadedFile) : undefined;
}

/** Only signed-in users upload. */
export function signedInOnly(req: FastifyRequest): void {
  if (!req.user) throw new AppError('unauthenticated');
}
