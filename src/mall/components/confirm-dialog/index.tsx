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
  /** Red confirm button (cancel an order, take stock away). */
  danger?: boolean
  className?: string
  onConfirm: () => void
  onCancel: () => void
}

/** A large confirm dialog (NutUI Dialog) shown before every irreversible shop action. */
export function ConfirmDialog({ visible, title, content, confirmText = '确定', danger, className, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <Dialog
      className={`mall-confirm ${danger ? 'mall-confirm--danger' : ''} ${className ?? ''}`}
      visible={visible}
      title={title}
      content={content}
      confirmText={confirmText}
      cancelText='取消'
      closeOnOverlayClick={false}
      onConfirm={onConfirm}
      onCancel={onCancel}
      onClose={onCancel}
    />
  )
}

export default ConfirmDialog
