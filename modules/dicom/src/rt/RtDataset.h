#pragma once
// Private helpers of the RT/SEG readers: loading a file defensively and reading values with
// errors that name the file and the tag.

#include "twin/core/Error.h"
#include "twin/core/Result.h"

#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dctag.h>

#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace twin::dicom::rt {

/// "(3006,0050) ContourData"
QString tagName(const DcmTagKey &key);
core::Error fault(const QString &path, const DcmTagKey &key, const QString &what);

/// Loads the whole file (values > 64 KiB are read on access). Refuses files over 2 GiB.
core::Result<std::unique_ptr<DcmFileFormat>> loadDataset(const QString &path);

QString stringOf(DcmItem &item, const DcmTagKey &key, int index = 0);
std::optional<double> numberOf(DcmItem &item, const DcmTagKey &key, int index = 0);
std::optional<long> integerOf(DcmItem &item, const DcmTagKey &key, int index = 0);
/// Every value of a DS/IS/FD/FL/US... element (empty when absent or not numeric).
std::vector<double> numbersOf(DcmItem &item, const DcmTagKey &key);
/// The sequence `key` of `item` (nullptr if absent or not a sequence).
DcmSequenceOfItems *sequenceOf(DcmItem &item, const DcmTagKey &key);
/// Items of a sequence (empty when absent).
std::vector<DcmItem *> itemsOf(DcmItem &item, const DcmTagKey &key);

}  // namespace twin::dicom::rt
