import { Dialog } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/style.css'
import '@nutui/nutui-react-taro/dist/es/packages/overlay/style/style.css'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/style.css'
import type { ReactNode } from 'react'
import './index.scss'

export interface ConfirmDialogProps {
  visible: boolean
  title: string
  content?: ReactNode
  confirmText?: string
  /**
   * Label of the button that backs out. For steps whose own verb is 取消 (revoke, cancel an order) say what
   * backing out means (e.g. 不撤销), so the two buttons cannot be confused.
   */
  cancelText?: string
  /** Red confirm button for irreversible steps (delete, revoke, cancel an order, take stock away). */
  danger?: boolean
  /** Hide 取消 (an information dialog). */
  alert?: boolean
  /** Block class of the dialog: `cs-confirm` (admin) or `mall-confirm` (mall); `<block>--danger` is added when `danger`. */
  block?: 'cs-confirm' | 'mall-confirm'
  className?: string
  onConfirm: () => void
  onCancel: () => void
}

/**
 * A large confirm dialog (NutUI Dialog) for destructive actions and important notices. Used only by subpackages
 * (admin, mall), so NutUI stays out of the main package (mini.optimizeMainPackage); do not import it from main pages.
 */
export function ConfirmDialog({ visible, title, content, confirmText = '确定', cancelText = '取消', danger, alert, block = 'cs-confirm', className, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <Dialog
      className={`${block} ${danger ? `${block}--danger` : ''} ${className ?? ''}`}
      visible={visible}
      title={title}
      content={content}
      confirmText={confirmText}
      cancelText={cancelText}
      hideCancelButton={alert}
      closeOnOverlayClick={false}
      onConfirm={onConfirm}
      onCancel={onCancel}
      onClose={onCancel}
    />
  )
}

export default ConfirmDialog
