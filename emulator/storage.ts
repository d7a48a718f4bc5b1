/**
 * Cloud storage: `storage.getUploadMetadata` hands out a one-time PUT URL on this server, files are kept in memory
 * or under a folder next to the data file, and `storage.batchGetDownloadUrl` returns http URLs served by GET.
 */
import crypto from 'crypto'
import fs from 'fs'
import path from 'path'
import { EmulatorError, ErrorCodes } from './errors'

const MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  wav: 'audio/wav',
  silk: 'audio/silk',
  pdf: 'application/pdf',
  json: 'application/json',
  txt: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
}

export function mimeOf(cloudPath: string): string {
  const ext = path.extname(cloudPath).slice(1).toLowerCase()
  return MIME[ext] ?? 'application/octet-stream'
}

export const UPLOAD_PREFIX = '/__storage/upload/'
export const FILE_PREFIX = '/__storage/file/'

export class FileStorage {
  private readonly memory = new Map<string, Buffer>()
  private readonly pendingUploads = new Map<string, { cloudPath: string; expires: number }>()
  readonly bucket: string

  constructor(
    readonly envId: string,
    private readonly dir: string | null,
    private readonly baseUrl: () => string
  ) {
    this.bucket = `${envId}-1250000000`
  }

  fileId(cloudPath: string): string {
    return `cloud://${this.envId}.${this.bucket}/${cloudPath}`
  }

  /** cloud://env.bucket/path → path, or null if it is not one of ours. */
  cloudPathOf(fileId: string): string | null {
    const prefix = `cloud://${this.envId}.${this.bucket}/`
    return fileId.startsWith(prefix) ? fileId.slice(prefix.length) : null
  }

  private diskPath(cloudPath: string): string {
    if (!this.dir) throw new Error('no storage dir')
    const normalized = path.posix.normalize(`/${cloudPath}`).slice(1)
    if (normalized.startsWith('..') || normalized === '') {
      throw new EmulatorError(ErrorCodes.invalidParam, `invalid cloudPath ${cloudPath}`)
    }
    return path.join(this.dir, ...normalized.split('/'))
  }

  uploadMetadata(cloudPath: string): Record<string, unknown> {
    if (!cloudPath || typeof cloudPath !== 'string' || cloudPath.startsWith('/')) {
      throw new EmulatorError(ErrorCodes.invalidParam, 'cloudPath must be a non-empty relative path')
    }
    const token = crypto.randomBytes(16).toString('hex')
    this.pendingUploads.set(token, { cloudPath, expires: Date.now() + 15 * 60_000 })
    return {
      url: `${this.baseUrl()}${UPLOAD_PREFIX}${token}`,
      token,
      authorization: `q-sign-algorithm=sha1&q-emulator=${token}`,
      fileId: this.fileId(cloudPath),
      cosFileId: `emulator-${token}`,
      download_url: this.downloadUrl(cloudPath)
    }
  }

  /** Handles the PUT to an upload URL; returns false for an unknown/expired token. */
  put(token: string, bytes: Buffer): boolean {
    const pending = this.pendingUploads.get(token)
    if (!pending || pending.expires < Date.now()) return false
    this.pendingUploads.delete(token)
    this.write(pending.cloudPath, bytes)
    return true
  }

  write(cloudPath: string, bytes: Buffer): string {
    if (this.dir) {
      const file = this.diskPath(cloudPath)
      fs.mkdirSync(path.dirname(file), { recursive: true })
      fs.writeFileSync(file, bytes)
    } else {
      this.memory.set(cloudPath, Buffer.from(bytes))
    }
    return this.fileId(cloudPath)
  }

  read(cloudPath: string): Buffer | null {
    if (this.dir) {
      try {
        const file = this.diskPath(cloudPath)
        return fs.statSync(file).isFile() ? fs.readFileSync(file) : null
      } catch {
        return null
      }
    }
    return this.memory.get(cloudPath) ?? null
  }

  delete(cloudPath: string): boolean {
    if (this.dir) {
      try {
        fs.unlinkSync(this.diskPath(cloudPath))
        return true
      } catch {
        return false
      }
    }
    return this.memory.delete(cloudPath)
  }

  /** Raw (not percent-encoded) URL, like a COS temp URL: the SDK runs encodeURI over it before fetching. */
  downloadUrl(cloudPath: string): string {
    return `${this.baseUrl()}${FILE_PREFIX}${cloudPath}`
  }

  list(): string[] {
    if (!this.dir) return [...this.memory.keys()].map((p) => this.fileId(p))
    const out: string[] = []
    const walk = (dir: string, rel: string): void => {
      if (!fs.existsSync(dir)) return
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const r = rel ? `${rel}/${entry.name}` : entry.name
        if (entry.isDirectory()) walk(path.join(dir, entry.name), r)
        else out.push(this.fileId(r))
      }
    }
    walk(this.dir, '')
    return out.sort()
  }

  clear(): void {
    this.memory.clear()
    this.pendingUploads.clear()
    if (this.dir && fs.existsSync(this.dir)) fs.rmSync(this.dir, { recursive: true, force: true })
  }

  handle(action: string, p: Record<string, unknown>): Record<string, unknown> {
    switch (action) {
      case 'storage.getUploadMetadata':
        return this.uploadMetadata(String(p.path ?? ''))
      case 'storage.batchGetDownloadUrl': {
        const list = Array.isArray(p.file_list) ? (p.file_list as Array<{ fileid?: string; max_age?: number }>) : []
        return {
          download_list: list.map((f) => {
            const fileID = String(f.fileid ?? '')
            const cloudPath = this.cloudPathOf(fileID)
            if (cloudPath === null || this.read(cloudPath) === null) {
              return { fileID, tempFileURL: '', code: ErrorCodes.fileMissing, message: 'storage file not exist' }
            }
            return { fileID, tempFileURL: this.downloadUrl(cloudPath), code: 'SUCCESS', maxAge: f.max_age ?? 86400 }
          })
        }
      }
      case 'storage.batchDeleteFile': {
        const list = Array.isArray(p.fileid_list) ? (p.fileid_list as string[]) : []
        return {
          delete_list: list.map((fileID) => {
            const cloudPath = this.cloudPathOf(fileID)
            const ok = cloudPath !== null && this.delete(cloudPath)
            return ok ? { fileID, code: 'SUCCESS' } : { fileID, code: ErrorCodes.fileMissing, message: 'storage file not exist' }
          })
        }
      }
      default:
        throw new EmulatorError(ErrorCodes.unsupported, `action ${action} is not supported by the local CloudBase emulator`)
    }
  }
}
