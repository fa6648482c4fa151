// Spreadsheet import and export of the registry (tag `imports`).
import { ApiError, fetchFile, uploadFile, type Download } from './http'
import type { ImportReport, SheetFormat } from './types'

const community = (code: string) => `/api/v1/communities/${encodeURIComponent(code)}`

/** The report carried by a 422 import.rejected, or null for any other error. */
export function rejectedReport(error: unknown): ImportReport | null {
  if (!(error instanceof ApiError) || error.code !== 'import.rejected') {
    return null
  }
  const body = error.body
  if (typeof body === 'object' && body !== null && 'import' in body) {
    const report = (body as { import: unknown }).import
    if (typeof report === 'object' && report !== null && Array.isArray((report as ImportReport).errors)) {
      return report as ImportReport
    }
  }
  return null
}

export const importsApi = {
  /** POST …/imports as multipart (field `file`), reporting upload progress. */
  upload: (code: string, file: File, onProgress: (fraction: number) => void) =>
    uploadFile<ImportReport>(`${community(code)}/imports`, file, { onProgress, field: 'file' }),
  errors: (id: number, format: SheetFormat): Promise<Download> =>
    fetchFile(`/api/v1/imports/${id}/errors`, { format }, `import-${id}-errors.${format}`),
  exportPersons: (code: string, format: SheetFormat): Promise<Download> =>
    fetchFile(`${community(code)}/persons/export`, { format }, `persons-${code}.${format}`),
}
