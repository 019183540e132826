export { exportSite, type ExportOptions, type LineSink } from './export.ts';
export { carryMedia, sha256Of } from './export.media.ts';
export {
  EXPORT_FORMAT, EXPORT_VERSION, RECORDS, RECORD_ORDER, EXPORTED_SETTINGS, type RecordType, type ExportRecord, type ExportHeader, type ExportEnd, type MediaFile,
  type Row, type FieldKind,
} from './export.format.ts';
export { exportWxr, cdata, type WxrOptions } from './wxr.ts';
