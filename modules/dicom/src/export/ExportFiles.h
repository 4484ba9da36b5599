#pragma once
// Private helpers of the writers: new UIDs, atomic file replacement.

#include "twin/core/Result.h"

#include <QString>

namespace twin::dicom::exportfiles {

/// "2.25.<random version 4 UUID as a decimal integer>" (PS3.5 B.2).
QString newUid();
/// A temporary file name in the folder of `path` (same file system, so rename is atomic).
QString temporaryPathFor(const QString &path);
/// Renames `temporary` over `path` (atomic on POSIX); removes `temporary` on failure.
core::Status commit(const QString &temporary, const QString &path);
/// Removes `temporary` and returns `error` (for early exits).
core::Error discard(const QString &temporary, core::Error error);

}  // namespace twin::dicom::exportfiles
