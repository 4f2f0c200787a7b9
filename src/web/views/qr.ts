import { escapeHtml } from '@kitajs/html';
import QRCode from 'qrcode';

/**
 * A QR code as an inline <svg> (the CSP allows it; a data: image it does not), labelled
 * for screen readers: for the otpauth URI of an authenticator app.
 */
export async function qrSvg(uri: string, label: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return svg.replace('<svg ', `<svg role="img" aria-label="${escapeHtml(label)}" focusable="false" `);
}

/** A TOTP secret in groups of four, easier to type into an app. */
export const groupedSecret = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');
