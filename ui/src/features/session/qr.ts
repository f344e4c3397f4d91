/**
 * The join link as a QR code: the module matrix from `qrcode-generator` (byte mode, error
 * correction M, the smallest version that holds the text) and one SVG path of its dark modules.
 * The path is numbers only, drawn by React as an attribute: no markup is parsed.
 */
import qrcode from 'qrcode-generator';

export interface QrMatrix {
  /** Modules per side: 21 for version 1, 4 more per version. */
  size: number;
  dark: boolean[][];
}

export function qrMatrix(text: string): QrMatrix {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const size = qr.getModuleCount();
  const dark: boolean[][] = [];
  for (let r = 0; r < size; r++) {
    const row: boolean[] = [];
    for (let c = 0; c < size; c++) row.push(qr.isDark(r, c));
    dark.push(row);
  }
  return { size, dark };
}

/**
 * The dark modules as one path in module units, offset by `margin` (the quiet zone): each run of
 * dark modules in a row is one rectangle.
 */
export function qrPath(m: QrMatrix, margin = 4): string {
  const parts: string[] = [];
  for (let r = 0; r < m.size; r++) {
    let c = 0;
    while (c < m.size) {
      if (!m.dark[r][c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < m.size && m.dark[r][c]) c++;
      parts.push(`M${start + margin} ${r + margin}h${c - start}v1h${start - c}z`);
    }
  }
  return parts.join('');
}
