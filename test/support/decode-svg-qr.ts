import jsQR from 'jsqr';

const pixelsPerModule = 4;

/**
 * What the first QR code in a page's <svg> (as the `qrcode` package draws it: one path of
 * horizontal runs, `M x y.5 h n m dx 0 h n …`) says, read back by a real decoder; null if none.
 */
export function decodeSvgQrCode(page: string): string | null {
  const svg = /<svg[^>]*viewBox="0 0 (\d+) (\d+)"[^>]*>[\s\S]*?<\/svg>/.exec(page);
  const runs = svg && /<path stroke="#000000" d="([^"]+)"/.exec(svg[0]);
  if (!svg || !runs) return null;
  const size = Number(svg[1]);
  const width = size * pixelsPerModule;
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
  let x = 0;
  let y = 0;
  for (const [, command, first, second] of runs[1]!.matchAll(/([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
    const value = Number(first);
    if (command === 'M') [x, y] = [value, Math.floor(Number(second))];
    else if (command === 'm') x += value;
    else {
      for (let column = x; column < x + value; column++) paintModule(pixels, width, column, y);
      x += value;
    }
  }
  return jsQR(pixels, width, width)?.data ?? null;
}

function paintModule(pixels: Uint8ClampedArray, width: number, column: number, row: number): void {
  for (let dy = 0; dy < pixelsPerModule; dy++) {
    for (let dx = 0; dx < pixelsPerModule; dx++) {
      const offset = ((row * pixelsPerModule + dy) * width + column * pixelsPerModule + dx) * 4;
      pixels.fill(0, offset, offset + 3);
    }
  }
}
