#pragma once
// Fills a DicomIndex from a folder (recursively) or a DICOMDIR.
//
// Every regular file under the folder is considered (hidden files and symbolic links are not
// followed); a file named DICOMDIR (or whose media storage class is a directory) is read as one:
// the files its DirectoryRecordSequence references (ReferencedFileID, relative to the DICOMDIR;
// absolute IDs, ".." and anything resolving outside the DICOMDIR's folder are refused as
// problems) are added to the scan. A DICOMDIR given as `root` scans only what it references.
//
// Headers are read from the file, stopping before the pixel data. Files without 'DICM' that do
// not parse as DICOM are skipped quietly (counted); DICOM files that fail to parse or lack a
// required UID (SOP class/instance, study, series) become problems naming file and reason.
//
// Incremental: a file with the same path, size and modification time as in the index is not
// reopened; changed files are read again; indexed files under the folder that are gone are
// dropped (with their then empty series, studies and patients). Writes are committed in batches,
// so a cancelled or killed scan leaves a consistent index holding the files done so far; the
// next scan completes it. Cancellation (JobContext) is checked before every file; a cancelled
// scan returns Error::Code::Cancelled and drops nothing.

#include "twin/core/JobContext.h"
#include "twin/core/Result.h"
#include "twin/dicom/DicomIndex.h"
#include "twin/dicom/DicomIndexRecords.h"

#include <QString>

namespace twin::dicom {

class DicomFolderScanner {
public:
    /// Scans `root` (a folder or a DICOMDIR file) into `index` (opened on this thread).
    static core::Result<DicomScanReport> scan(DicomIndex &index, const QString &root,
                                              core::JobContext *context = nullptr);
    /// Opens the index at `indexPath` on the calling thread (e.g. a core::Job's pool thread)
    /// and scans: use it as the body of a core::Job.
    static core::Result<DicomScanReport> scan(const QString &indexPath, const QString &root,
                                              core::JobContext *context = nullptr);
};

}  // namespace twin::dicom
