/** The default name of a library imported from a file: the file name without spectrum-format and .gz extensions. */
export function libraryNameFromFile(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/(\.(txt|msp|mgf|mzml|jdx|dx|csv|tsv))?(\.gz)?$/i, '') || base;
}
