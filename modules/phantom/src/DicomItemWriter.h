#pragma once
// Puts attributes into a DCMTK item and remembers the first one that failed, so a writer can
// fill a whole module and check once. Sequence items are created by DCMTK
// (findOrCreateSequenceItem), which owns them: no raw new here.

#include "twin/core/Result.h"

#include <dcmtk/dcmdata/dctagkey.h>
#include <dcmtk/ofstd/oftypes.h>

#include <QString>
#include <QStringList>

#include <memory>

class DcmItem;
class DcmFileFormat;

namespace twin::phantom {

class DicomItemWriter {
public:
    explicit DicomItemWriter(DcmItem &item);

    /// String-valued attributes (any VR DCMTK parses from text); ASCII expected.
    DicomItemWriter &put(const DcmTagKey &tag, const QString &value);
    DicomItemWriter &put(const DcmTagKey &tag, const char *value);
    /// Multi-valued: joined with the DICOM separator '\'.
    DicomItemWriter &put(const DcmTagKey &tag, const QStringList &values);
    DicomItemWriter &putUint16(const DcmTagKey &tag, Uint16 value);
    DicomItemWriter &putTagKey(const DcmTagKey &tag, const DcmTagKey &value);
    DicomItemWriter &putWords(const DcmTagKey &tag, const Uint16 *words, unsigned long count);
    /// A sequence with no items (Type 2 sequences).
    DicomItemWriter &putEmptySequence(const DcmTagKey &tag);

    /// Appends a new item to the sequence `tag`, creating the sequence when absent. The
    /// returned writer shares this one's error record.
    DicomItemWriter appendItem(const DcmTagKey &sequence);

    bool ok() const { return error_->isEmpty(); }
    /// "(gggg,eeee) Name" of the first attribute that failed, empty when all succeeded.
    const QString &failedTag() const { return *failedTag_; }
    /// Ok, or an internal error naming the file and the attribute.
    core::Status status(const QString &path) const;

private:
    DicomItemWriter(DcmItem *item, std::shared_ptr<QString> error, std::shared_ptr<QString> failedTag);
    void record(const DcmTagKey &tag, const char *what);

    DcmItem *item_;
    std::shared_ptr<QString> error_;
    std::shared_ptr<QString> failedTag_;
};

/// Saves as Explicit VR Little Endian with a file meta header; errors name the file.
core::Status saveDicomFile(DcmFileFormat &file, const QString &path);

/// A decimal string (DS) of at most 16 characters for `value`, e.g. "-148.75".
QString decimalString(double value, int decimals = 6);

}  // namespace twin::phantom
