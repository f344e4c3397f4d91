/**
 * A QR code of the join link, drawn as SVG by React (a path of numbers: no markup is parsed).
 * Black on white with the standard four-module quiet zone, so phone cameras read it from a
 * projector.
 */
import { useMemo } from 'react';
import { qrMatrix, qrPath } from './qr';

const MARGIN = 4;

export function QrCode(props: { text: string; label: string; className?: string }) {
  const { size, d } = useMemo(() => {
    const m = qrMatrix(props.text);
    return { size: m.size + 2 * MARGIN, d: qrPath(m, MARGIN) };
  }, [props.text]);
  return (
    <svg className={`qr${props.className ? ` ${props.className}` : ''}`} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={props.label} shapeRendering="crispEdges" data-testid="session-qr" data-modules={size - 2 * MARGIN}>
      <rect className="qr-light" width={size} height={size} />
      <path className="qr-dark" d={d} />
    </svg>
  );
}
