/**
 * exceljs, loaded the first time a workbook is read or written: it takes about 0.4 s to load, and most
 * processes (every CLI command, a server that never sees an XLSX file) never need it.
 */
export const loadExcel = () => import('exceljs');
