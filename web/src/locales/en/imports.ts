// Import and export
import type zh from '../zh-CN/imports'

const messages: typeof zh = {
  title: 'Import the person registry',
  hint: 'An .xlsx or .csv file (UTF-8 or GBK) whose header has 姓名 (name), 身份证号 (ID number), 楼栋 (building) and 房号 (room). The whole file is checked first: if any row is wrong, nothing is imported.',
  drop: 'Drop the file here, or',
  pick: 'choose a file',
  onlySheets: 'Only .xlsx or .csv files',
  start: 'Import',
  uploading: 'Uploading…',
  checking: 'Uploaded; checking…',
  success: 'Imported',
  rejected: 'The file did not pass the checks; nothing was imported',
  rows: 'Rows',
  created: 'Created',
  updated: 'Updated',
  unchanged: 'Unchanged',
  errorCount: 'Errors',
  errorsShown: '{total} errors; the first {shown} are listed',
  row: 'Row',
  column: 'Column',
  code: 'Code',
  message: 'Message',
  downloadErrorsXlsx: 'Download errors (Excel)',
  downloadErrorsCsv: 'Download errors (CSV)',
  exportTitle: 'Export the person registry',
  exportHint: 'Every registered person of this community, with the same headers as the import: fix and import it back.',
  noFile: 'Choose a file first',
  zoneScoped: 'Zone accounts cannot import; ask a community manager',
}

export default messages
