/** Stand-ins for the NutUI widgets the app uses. */
import { createElement, type ReactNode } from 'react'

interface DialogProps {
  visible?: boolean
  className?: string
  title?: ReactNode
  content?: ReactNode
  confirmText?: ReactNode
  cancelText?: ReactNode
  hideCancelButton?: boolean
  onConfirm?: () => void
  onCancel?: () => void
}

export function Dialog({ visible, className, title, content, confirmText, cancelText, hideCancelButton, onConfirm, onCancel }: DialogProps) {
  if (!visible) return null
  return createElement(
    'div',
    { className: `nut-dialog ${className ?? ''}`, role: 'dialog' },
    createElement('div', { className: 'nut-dialog-header' }, title),
    createElement('div', { className: 'nut-dialog-content' }, content),
    hideCancelButton ? null : createElement('button', { className: 'nut-dialog-footer-cancel', onClick: onCancel, type: 'button' }, cancelText ?? '取消'),
    createElement('button', { className: 'nut-dialog-footer-ok', onClick: onConfirm, type: 'button' }, confirmText ?? '确定')
  )
}

export function Tag({ className, children }: { className?: string; children?: ReactNode }) {
  return createElement('span', { className: `nut-tag ${className ?? ''}` }, children)
}
