import type { FileObject } from '../../../api/index.js';

/**
 * The files table's columns: filename, purpose, size, age, id. Pure functions, so the layout is
 * tested without rendering and every row agrees on the widths. Narrow terminals drop the id first
 * (the selected file's id is on the line below the table), then the purpose.
 */
export interface FileColumns {
  marker: number;
  filename: number;
  /** 0 when left out at this width. */
  purpose: number;
  size: number;
  created: number;
  /** 0 when left out at this width. */
  id: number;
  createdTitle: string;
}

/** What the widest cells of the loaded files need; measured once per data change, not per key. */
export interface FileMeasure {
  filenameLength: number;
  purposeLength: number;
  idLength: number;
}

/** The filename keeps at least this much (or all of itself) before the id may take a column. */
const filenameRoom = 24;
const minFilename = 12;
/** "1023 KB" and "1000 B" are the widest sizes `bytes()` writes. */
const sizeWidth = 7;

export function measureFiles(files: readonly FileObject[]): FileMeasure {
  let filenameLength = 0;
  let purposeLength = 0;
  let idLength = 0;
  for (const file of files) {
    filenameLength = Math.max(filenameLength, filenameOf(file).length);
    purposeLength = Math.max(purposeLength, file.purpose.length);
    idLength = Math.max(idLength, file.id.length);
  }
  return { filenameLength, purposeLength, idLength };
}

export function layoutFileColumns(width: number, measure: FileMeasure): FileColumns {
  const marker = 2;
  const createdTitle = width >= 100 ? 'created' : 'age';
  // The longest age is 6 wide (23h59m).
  const created = Math.max(createdTitle.length, 6);
  const size = Math.max('size'.length, sizeWidth);
  let purpose = Math.min(17, Math.max('purpose'.length, measure.purposeLength));
  const fixed = () => marker + (purpose > 0 ? purpose + 1 : 0) + size + 1 + created + 1;

  const wantedFilename = Math.max('filename'.length, measure.filenameLength);
  const idWidth = Math.min(40, Math.max('id'.length, measure.idLength));
  const id = width - fixed() - (idWidth + 1) >= Math.min(wantedFilename, filenameRoom) ? idWidth : 0;
  if (id === 0 && width - fixed() < minFilename) purpose = 0;
  const left = width - fixed() - (id > 0 ? id + 1 : 0);
  // The filename takes what it needs; left-over room stays at the end of the row, not between cells.
  const filename = Math.max(1, id > 0 ? Math.min(left, wantedFilename) : left);
  return { marker, filename, purpose, size, created, id, createdTitle };
}

/** A filename from a server (sanitized by the API client); none is shown as —. */
export function filenameOf(file: FileObject): string {
  return file.filename.trim() || '—';
}
