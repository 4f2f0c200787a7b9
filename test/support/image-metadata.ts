import crypto from 'node:crypto';
import exifr from 'exifr';
import sharp from 'sharp';

/**
 * Images carrying what an upload must lose, and the checks that they lost it
 * (security requirement R13; the "metadata" test of docs/requirements.md).
 */

export const CAMERA_MAKE = 'TestCam';
export const SECRET_ARTIST = 'Secret Photographer';

/** A JPEG with camera EXIF (make, model, serial, artist), GPS and an XMP packet. */
export async function jpegWithMetadata(width = 1000, height = 700): Promise<Buffer> {
  const xmp =
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    `<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="${SECRET_ARTIST}"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
  // A little noise so the picture is not trivially compressible.
  const raw = crypto.randomBytes(width * height * 3);
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 80 })
    .withExif({
      IFD0: { Make: CAMERA_MAKE, Model: 'X', Artist: SECRET_ARTIST },
      IFD2: { BodySerialNumber: 'SN-0042' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '59/1 19/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '18/1 4/1 0/1' },
    })
    .withXmp(xmp)
    .toBuffer();
}

/** What exifr reads from a JPEG/PNG/TIFF (EXIF, GPS, XMP, IPTC merged), or undefined when there is nothing. */
export async function exifOf(buf: Buffer): Promise<Record<string, unknown> | undefined> {
  return (await exifr.parse(buf, { tiff: true, exif: true, gps: true, xmp: true, iptc: true, ifd1: true, mergeOutput: true })) as
    Record<string, unknown> | undefined;
}

/** The chunk names of a RIFF/WebP file ('VP8 ', 'VP8X', 'EXIF', 'XMP ', 'ICCP', ...). */
export function webpChunks(buf: Buffer): string[] {
  if (buf.subarray(0, 4).toString('latin1') !== 'RIFF' || buf.subarray(8, 12).toString('latin1') !== 'WEBP') throw new Error('not a WebP file');
  const names: string[] = [];
  let at = 12;
  while (at + 8 <= buf.length) {
    names.push(buf.subarray(at, at + 4).toString('latin1'));
    const size = buf.readUInt32LE(at + 4);
    at += 8 + size + (size % 2);
  }
  return names;
}

/**
 * Every way a served or stored WebP could still carry metadata: EXIF or XMP chunks (where
 * WebP keeps them, and where exifr would find them if it read WebP), what sharp reports,
 * and the marker strings of the original. Returns the problems found; [] means clean.
 */
export async function metadataLeft(buf: Buffer): Promise<string[]> {
  const problems: string[] = [];
  const chunks = webpChunks(buf);
  for (const c of ['EXIF', 'XMP ', 'ICCP']) if (chunks.includes(c)) problems.push(`chunk ${c}`);
  const meta = await sharp(buf).metadata();
  if (meta.exif) problems.push('sharp sees EXIF');
  if (meta.xmp) problems.push('sharp sees XMP');
  if (meta.iptc) problems.push('sharp sees IPTC');
  for (const marker of [CAMERA_MAKE, SECRET_ARTIST, 'SN-0042', 'xmpmeta', 'Exif\0\0'])
    if (buf.includes(marker)) problems.push(`bytes contain ${JSON.stringify(marker)}`);
  return problems;
}
