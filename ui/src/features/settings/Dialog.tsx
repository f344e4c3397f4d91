/** A modal built on the native `<dialog>`: focus is trapped and restored, Escape closes. */
import { useEffect, useRef, type ReactNode } from 'react';

export function Dialog(props: { open: boolean; onClose(): void; labelledBy: string; children: ReactNode; testid?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current!;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={props.labelledBy}
      data-testid={props.testid}
      onClose={props.onClose}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      {props.open && props.children}
    </dialog>
  );
}
