// mediasoup's own structures (RtpCapabilities, RtpParameters, DtlsParameters, ...) cross the wire
// as-is. They are checked here only for their outline: mediasoup validates them fully on the server
// and mediasoup-client on the app side. Their TypeScript type is a plain `object` so each side passes
// its library's interfaces in without copying them here, and casts to them when reading (this
// folder must not import mediasoup or mediasoup-client: it is shared, pure code).
import { z } from 'zod';

function mediaBlob(name: string, outline: z.ZodType) {
  return z.custom<object>((value) => outline.safeParse(value).success, { error: `invalid ${name}` });
}

const rtpCodec = z.looseObject({ mimeType: z.string().min(3), clockRate: z.number().int().positive() });

export const rtpCapabilitiesSchema = mediaBlob(
  'rtpCapabilities',
  z.looseObject({
    codecs: z.array(rtpCodec).max(128).optional(),
    headerExtensions: z.array(z.looseObject({})).max(64).optional(),
  }),
);

export const rtpParametersSchema = mediaBlob(
  'rtpParameters',
  z.looseObject({
    codecs: z
      .array(rtpCodec.extend({ payloadType: z.number().int() }))
      .min(1)
      .max(64),
    encodings: z.array(z.looseObject({})).max(16).optional(),
  }),
);

export const dtlsParametersSchema = mediaBlob(
  'dtlsParameters',
  z.looseObject({
    role: z.enum(['auto', 'client', 'server']).optional(),
    fingerprints: z
      .array(z.looseObject({ algorithm: z.string(), value: z.string() }))
      .min(1)
      .max(8),
  }),
);

export const sctpCapabilitiesSchema = mediaBlob(
  'sctpCapabilities',
  z.looseObject({ numStreams: z.looseObject({ OS: z.number().int(), MIS: z.number().int() }) }),
);

/** What the SFU hands out (ICE parameters, candidates, SCTP parameters): read as-is by mediasoup-client. */
export const serverMediaBlobSchema = z.custom<object>((value) => typeof value === 'object' && value !== null);

export const mediaKindSchema = z.enum(['audio', 'video']);
export type MediaKind = z.infer<typeof mediaKindSchema>;

/** What a producer carries, so receivers can lay out tiles (a screen share is not a camera). */
export const mediaSourceSchema = z.enum(['microphone', 'camera', 'screen', 'screen-audio']);
export type MediaSource = z.infer<typeof mediaSourceSchema>;

/** An RTCIceServer as the browser takes it: only servers the SFU's configuration names (our TURN). */
export const iceServerSchema = z.object({
  urls: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof iceServerSchema>;
