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
  /** Red confirm button for deleting or revoking. */
  danger?: boolean
  /** Hide 取消 (an information dialog). */
  alert?: boolean
  onConfirm: () => void
  onCancel: () => void
}

/** A large confirm dialog (NutUI Dialog) for destructive actions and important notices. */
export function ConfirmDialog({ visible, title, content, confirmText = '确定', danger, alert, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <Dialog
      className={`cs-confirm ${danger ? 'cs-confirm--danger' : ''}`}
      visible={visible}
      title={title}
      content={content}
      confirmText={confirmText}
      cancelText='取消'
      hideCancelButton={alert}
      closeOnOverlayClick={false}
      onConfirm={onConfirm}
      onCancel={onCancel}
      onClose={onCancel}
    />
  )
}

export default ConfirmDialog
