#include "RtDataset.h"

#include "twin/dicom/DicomStructureGuard.h"
#include "twin/dicom/DcmtkLogging.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcelem.h>
#include <dcmtk/dcmdata/dcvrds.h>
#include <dcmtk/dcmdata/dcvris.h>

#include <QFile>
#include <QFileInfo>

namespace twin::dicom::rt {

QString tagName(const DcmTagKey &key) {
    DcmTag tag(key);
    return QStringLiteral("(%1,%2) %3")
        .arg(QStringLiteral("%1").arg(key.getGroup(), 4, 16, QLatin1Char('0')).toUpper(),
             QStringLiteral("%1").arg(key.getElement(), 4, 16, QLatin1Char('0')).toUpper(),
             QString::fromLatin1(tag.getTagName()));
}

core::Error fault(const QString &path, const DcmTagKey &key, const QString &what) {
    return core::Error::invalidInput(what).inFile(path).atTag(tagName(key));
}

core::Result<std::unique_ptr<DcmFileFormat>> loadDataset(const QString &path) {
    DcmtkLogging::configureOnce();
    const QFileInfo info(path);
    if (!info.exists() || !info.isFile()) return core::Error::notFound(QStringLiteral("no such file")).inFile(path);
    if (info.size() > (qint64(2) << 30)) return core::Error::unsupported(QStringLiteral("file larger than 2 GiB")).inFile(path);
    if (auto guard = DicomStructureGuard::check(path); !guard) return guard.error();
    auto file = std::make_unique<DcmFileFormat>();
    const OFCondition status =
        file->loadFile(OFFilename(QFile::encodeName(path).constData()), EXS_Unknown, EGL_noChange, 65536);
    if (status.bad())
        return core::Error::invalidInput(
                   QStringLiteral("not a readable DICOM file (%1)").arg(QString::fromLatin1(status.text())))
            .inFile(path);
    return file;
}

QString stringOf(DcmItem &item, const DcmTagKey &key, int index) {
    OFString value;
    if (item.findAndGetOFString(key, value, static_cast<unsigned long>(index)).bad()) return {};
    return QString::fromLatin1(value.c_str()).trimmed();
}

std::optional<double> numberOf(DcmItem &item, const DcmTagKey &key, int index) {
    Float64 value = 0.0;
    if (item.findAndGetFloat64(key, value, static_cast<unsigned long>(index)).good() && value == value) return value;
    const QString text = stringOf(item, key, index);
    bool ok = false;
    const double parsed = text.toDouble(&ok);
    if (ok && parsed == parsed) return parsed;
    return std::nullopt;
}

std::optional<long> integerOf(DcmItem &item, const DcmTagKey &key, int index) {
    Sint32 s = 0;
    if (item.findAndGetSint32(key, s, static_cast<unsigned long>(index)).good()) return s;
    Uint16 u16 = 0;
    if (item.findAndGetUint16(key, u16, static_cast<unsigned long>(index)).good()) return u16;
    Uint32 u32 = 0;
    if (item.findAndGetUint32(key, u32, static_cast<unsigned long>(index)).good()) return static_cast<long>(u32);
    bool ok = false;
    const long parsed = stringOf(item, key, index).toLong(&ok);
    if (ok) return parsed;
    return std::nullopt;
}

std::vector<double> numbersOf(DcmItem &item, const DcmTagKey &key) {
    std::vector<double> values;
    DcmElement *element = nullptr;
    if (item.findAndGetElement(key, element, OFFalse).bad() || !element) return values;
    if (auto *ds = dynamic_cast<DcmDecimalString *>(element)) {
        OFVector<Float64> vector;
        if (ds->getFloat64Vector(vector).good()) values.assign(vector.begin(), vector.end());
        return values;
    }
    const unsigned long vm = element->getVM();
    values.reserve(vm);
    for (unsigned long n = 0; n < vm; ++n) {
        Float64 f = 0.0;
        if (element->getFloat64(f, n).good()) { values.push_back(f); continue; }
        Sint32 s = 0;
        if (element->getSint32(s, n).good()) { values.push_back(s); continue; }
        OFString text;
        if (element->getOFString(text, n).good()) {
            bool ok = false;
            const double v = QString::fromLatin1(text.c_str()).trimmed().toDouble(&ok);
            if (ok) { values.push_back(v); continue; }
        }
        return {};
    }
    return values;
}

DcmSequenceOfItems *sequenceOf(DcmItem &item, const DcmTagKey &key) {
    DcmSequenceOfItems *sequence = nullptr;
    if (item.findAndGetSequence(key, sequence, OFFalse).bad()) return nullptr;
    return sequence;
}

std::vector<DcmItem *> itemsOf(DcmItem &item, const DcmTagKey &key) {
    std::vector<DcmItem *> items;
    if (DcmSequenceOfItems *sequence = sequenceOf(item, key)) {
        for (unsigned long n = 0; n < sequence->card(); ++n)
            if (DcmItem *child = sequence->getItem(n)) items.push_back(child);
    }
    return items;
}

}  // namespace twin::dicom::rt
