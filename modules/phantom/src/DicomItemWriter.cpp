#include "DicomItemWriter.h"

#include <dcmtk/dcmdata/dcdict.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dctag.h>

#include <QFile>

#include <cmath>

namespace twin::phantom {

DicomItemWriter::DicomItemWriter(DcmItem &item)
    : DicomItemWriter(&item, std::make_shared<QString>(), std::make_shared<QString>()) {}

DicomItemWriter::DicomItemWriter(DcmItem *item, std::shared_ptr<QString> error, std::shared_ptr<QString> failedTag)
    : item_(item), error_(std::move(error)), failedTag_(std::move(failedTag)) {}

void DicomItemWriter::record(const DcmTagKey &tag, const char *what) {
    if (!error_->isEmpty()) return;
    DcmTag named(tag);
    *failedTag_ = QStringLiteral("%1 %2").arg(QString::fromLatin1(tag.toString().c_str()),
                                              QString::fromLatin1(named.getTagName()));
    *error_ = QString::fromLatin1(what);
}

DicomItemWriter &DicomItemWriter::put(const DcmTagKey &tag, const QString &value) {
    return put(tag, value.toLatin1().constData());
}

DicomItemWriter &DicomItemWriter::put(const DcmTagKey &tag, const char *value) {
    if (!item_) return *this;
    const OFCondition status = item_->putAndInsertString(tag, value);
    if (status.bad()) record(tag, status.text());
    return *this;
}

DicomItemWriter &DicomItemWriter::put(const DcmTagKey &tag, const QStringList &values) {
    return put(tag, values.join(QLatin1Char('\\')));
}

DicomItemWriter &DicomItemWriter::putUint16(const DcmTagKey &tag, Uint16 value) {
    if (!item_) return *this;
    const OFCondition status = item_->putAndInsertUint16(tag, value);
    if (status.bad()) record(tag, status.text());
    return *this;
}

DicomItemWriter &DicomItemWriter::putTagKey(const DcmTagKey &tag, const DcmTagKey &value) {
    if (!item_) return *this;
    const OFCondition status = item_->putAndInsertTagKey(tag, value);
    if (status.bad()) record(tag, status.text());
    return *this;
}

DicomItemWriter &DicomItemWriter::putWords(const DcmTagKey &tag, const Uint16 *words, unsigned long count) {
    if (!item_) return *this;
    const OFCondition status = item_->putAndInsertUint16Array(tag, words, count);
    if (status.bad()) record(tag, status.text());
    return *this;
}

DicomItemWriter &DicomItemWriter::putEmptySequence(const DcmTagKey &tag) {
    if (!item_) return *this;
    const OFCondition status = item_->insertEmptyElement(tag);
    if (status.bad()) record(tag, status.text());
    return *this;
}

DicomItemWriter DicomItemWriter::appendItem(const DcmTagKey &sequence) {
    DcmItem *child = nullptr;
    if (item_) {
        // -2: append a new item; DCMTK creates it and the sequence owns it.
        const OFCondition status = item_->findOrCreateSequenceItem(sequence, child, -2);
        if (status.bad() || !child) {
            record(sequence, status.bad() ? status.text() : "no sequence item created");
            child = nullptr;
        }
    }
    return DicomItemWriter(child, error_, failedTag_);
}

core::Status DicomItemWriter::status(const QString &path) const {
    if (ok()) return {};
    return core::Error::internal(QStringLiteral("cannot set attribute: %1").arg(*error_))
        .inFile(path)
        .atTag(*failedTag_);
}

core::Status saveDicomFile(DcmFileFormat &file, const QString &path) {
    const OFCondition status = file.saveFile(OFFilename(QFile::encodeName(path).constData()), EXS_LittleEndianExplicit,
                                             EET_ExplicitLength, EGL_recalcGL, EPD_noChange, 0, 0, EWM_fileformat);
    if (status.bad()) {
        return core::Error::io(QStringLiteral("cannot write DICOM file: %1").arg(QString::fromLatin1(status.text())))
            .inFile(path);
    }
    return {};
}

QString decimalString(double value, int decimals) {
    if (std::abs(value) < 0.5 * std::pow(10.0, -decimals)) return QStringLiteral("0");
    // Fixed notation without trailing zeros, shortened until it fits DS's 16 characters.
    for (int places = decimals; places >= 0; --places) {
        QString text = QString::number(value, 'f', places);
        if (text.contains(QLatin1Char('.'))) {
            while (text.endsWith(QLatin1Char('0'))) text.chop(1);
            if (text.endsWith(QLatin1Char('.'))) text.chop(1);
        }
        if (text == QLatin1String("-0")) text = QStringLiteral("0");
        if (text.size() <= 16) return text;
    }
    return QString::number(value, 'g', 10);
}

}  // namespace twin::phantom
