/** DOM stand-ins for @tarojs/components: enough props for behaviour tests (className, style, events, values). */
import { createElement, type CSSProperties, type ReactNode } from 'react'

interface BaseProps {
  className?: string
  style?: CSSProperties | string
  children?: ReactNode
  onClick?: (e: unknown) => void
}

function styleProp(style: BaseProps['style']): CSSProperties | undefined {
  return typeof style === 'string' ? undefined : style
}

export function View({ className, style, children, onClick }: BaseProps) {
  return createElement('div', { className, style: styleProp(style), onClick }, children)
}

export function Text({ className, style, children, onClick }: BaseProps) {
  return createElement('span', { className, style: styleProp(style), onClick }, children)
}

export function Button({ className, children, onClick, disabled }: BaseProps & { disabled?: boolean; loading?: boolean }) {
  return createElement('button', { className, onClick, disabled, type: 'button' }, children)
}

interface InputProps extends BaseProps {
  value?: string
  placeholder?: string
  name?: string
  type?: string
  maxlength?: number
  placeholderStyle?: string
  onInput?: (e: { detail: { value: string } }) => void
  onConfirm?: (e: { detail: { value: string } }) => void
}

export function Input({ className, value, placeholder, placeholderStyle, name, maxlength, onInput, onConfirm }: InputProps) {
  return createElement('input', {
    className,
    value: value ?? '',
    placeholder,
    'data-placeholder-style': placeholderStyle,
    name,
    maxLength: maxlength,
    onChange: (e: { target: { value: string } }) => onInput?.({ detail: { value: e.target.value } }),
    onKeyDown: (e: { key: string; currentTarget: { value: string } }) => {
      if (e.key === 'Enter') onConfirm?.({ detail: { value: e.currentTarget.value } })
    }
  })
}

export function Textarea(props: InputProps) {
  return Input(props)
}

export function ScrollView({ className, children }: BaseProps) {
  return createElement('div', { className }, children)
}

export function Image({ className, src }: BaseProps & { src?: string }) {
  return createElement('img', { className, src })
}

export function Video({ className, src, poster }: BaseProps & { src?: string; poster?: string; controls?: boolean; objectFit?: string }) {
  return createElement('video', { className, src, poster })
}

export function Canvas({ className }: BaseProps & { id?: string; type?: string }) {
  return createElement('canvas', { className })
}
