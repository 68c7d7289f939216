/**
 * The QR code of a workshop's join link, drawn on the server (decision 039):
 * the modules as one SVG path, so the projector's page carries a few
 * kilobytes of path data and no QR code library reaches the browser.
 * Error correction M (15%): a projected image survives a glare spot.
 */
import { encode } from "uqr";

export type QrPicture = { size: number; path: string };

/** The dark modules of `text`'s QR code as a path on a grid of `size` (quiet zone of 2 included). */
export function joinQr(text: string): QrPicture {
  const qr = encode(text, { ecc: "M", border: 2 });
  const runs: string[] = [];
  qr.data.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x++;
      runs.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
    }
  });
  return { size: qr.size, path: runs.join("") };
}
