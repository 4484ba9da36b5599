#include "SeriesHeaderReader.h"

#include "twin/dicom/DicomStructureGuard.h"
#include "twin/dicom/DicomCodecs.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <QFile>
#include <QFileInfo>

#include <cmath>

namespace twin::dicom::series {

namespace {

QString text(DcmItem *item, const DcmTagKey &key) {
    OFString value;
    if (item && item->findAndGetOFStringArray(key, value).good()) return QString::fromLatin1(value.c_str()).trimmed();
    return {};
}

/// DS, IS (and binary VRs) as a number; false when absent or not a finite number.
bool number(DcmItem *item, const DcmTagKey &key, double &out, unsigned long pos = 0) {
    if (!item) return false;
    OFString value;
    bool ok = false;
    double parsed = 0;
    if (item->findAndGetOFString(key, value, pos).good()) parsed = QString::fromLatin1(value.c_str()).trimmed().toDouble(&ok);
    if (!ok) {
        Float64 binary = 0;
        ok = item->findAndGetFloat64(key, binary, pos).good();
        parsed = binary;
    }
    if (!ok || !std::isfinite(parsed)) return false;
    out = parsed;
    return true;
}

int integer(DcmItem *item, const DcmTagKey &key) {
    double v = 0;
    if (!number(item, key, v) || std::fabs(v) > 2e9) return 0;
    return static_cast<int>(std::lround(v));
}

template <std::size_t N>
bool numbers(DcmItem *item, const DcmTagKey &key, std::array<double, N> &out) {
    std::array<double, N> values{};
    for (std::size_t i = 0; i < N; ++i)
        if (!number(item, key, values[i], static_cast<unsigned long>(i))) return false;
    out = values;
    return true;
}

/// First item of `sequence` in `item`, or nullptr.
DcmItem *firstItem(DcmItem *item, const DcmTagKey &sequence) {
    DcmItem *found = nullptr;
    if (item && item->findAndGetSequenceItem(sequence, found, 0).good()) return found;
    return nullptr;
}

/// Per-frame functional group first, then the shared one.
DcmItem *functionalGroup(DcmItem *perFrame, DcmItem *shared, const DcmTagKey &sequence) {
    if (DcmItem *item = firstItem(perFrame, sequence)) return item;
    return firstItem(shared, sequence);
}

/// Unit row and column cosines, orthogonal within 1e-3; false when not a valid orientation.
bool normaliseOrientation(std::array<double, 6> &o) {
    double r = 0, c = 0, dot = 0;
    for (int a = 0; a < 3; ++a) {
        r += o[a] * o[a];
        c += o[a + 3] * o[a + 3];
    }
    r = std::sqrt(r);
    c = std::sqrt(c);
    if (r < 0.5 || c < 0.5 || r > 1.5 || c > 1.5) return false;
    for (int a = 0; a < 3; ++a) {
        o[a] /= r;
        o[a + 3] /= c;
        dot += o[a] * o[a + 3];
    }
    return std::fabs(dot) < 1e-3;
}

void readPlane(SeriesFrame &frame, DcmItem *position, DcmItem *orientation, DcmItem *measures) {
    frame.hasPosition = numbers(position, DCM_ImagePositionPatient, frame.imagePositionMm);
    frame.hasOrientation = numbers(orientation, DCM_ImageOrientationPatient, frame.imageOrientation) &&
                           normaliseOrientation(frame.imageOrientation);
    if (!frame.hasOrientation) frame.imageOrientation = {1, 0, 0, 0, 1, 0};
    frame.hasPixelSpacing = numbers(measures, DCM_PixelSpacing, frame.pixelSpacingMm) &&
                            frame.pixelSpacingMm[0] > 0 && frame.pixelSpacingMm[1] > 0;
    if (!frame.hasPixelSpacing) frame.pixelSpacingMm = {1, 1};
    number(measures, DCM_SliceThickness, frame.sliceThicknessMm);
}

void readRescale(SeriesFrame &frame, DcmItem *item) {
    double slope = 1, intercept = 0;
    if (number(item, DCM_RescaleSlope, slope) && slope != 0) frame.rescaleSlope = slope;
    if (number(item, DCM_RescaleIntercept, intercept)) frame.rescaleIntercept = intercept;
    const QString type = text(item, DCM_RescaleType);
    if (!type.isEmpty()) frame.rescaleType = type;
}

}  // namespace

core::Result<QList<SeriesFrame>> readSeriesFrames(const QString &path) {
    DicomCodecs::registerDecodersOnce();
    const QFileInfo info(path);
    if (!info.exists()) return core::Error::notFound(QStringLiteral("file does not exist")).inFile(path);
    if (!info.isFile()) return core::Error::invalidInput(QStringLiteral("not a regular file")).inFile(path);

    if (auto guard = DicomStructureGuard::check(path); !guard) return guard.error();
    DcmFileFormat file;
    const OFCondition status = file.loadFileUntilTag(OFFilename(QFile::encodeName(path).constData()), EXS_Unknown,
                                                     EGL_noChange, 4096, ERM_autoDetect, DCM_PixelData);
    if (status.bad()) {
        return core::Error::invalidInput(
                   QStringLiteral("not a readable DICOM file (%1)").arg(QString::fromLatin1(status.text())))
            .inFile(path);
    }
    DcmDataset *data = file.getDataset();
    SeriesFrame common;
    common.file = path;
    common.transferSyntaxUid = QString::fromLatin1(DcmXfer(data->getOriginalXfer()).getXferID());
    if (!DicomCodecs::canDecode(common.transferSyntaxUid)) {
        return core::Error::unsupported(QStringLiteral("transfer syntax %1 (%2) is not supported")
                                            .arg(common.transferSyntaxUid,
                                                 QString::fromLatin1(DcmXfer(data->getOriginalXfer()).getXferName())))
            .inFile(path)
            .atTag(QStringLiteral("(0002,0010) TransferSyntaxUID"));
    }
    Uint16 rows = 0, columns = 0;
    if (data->findAndGetUint16(DCM_Rows, rows).bad() || rows == 0)
        return core::Error::invalidInput(QStringLiteral("not an image: no Rows")).inFile(path).atTag(QStringLiteral("(0028,0010) Rows"));
    if (data->findAndGetUint16(DCM_Columns, columns).bad() || columns == 0)
        return core::Error::invalidInput(QStringLiteral("not an image: no Columns")).inFile(path).atTag(QStringLiteral("(0028,0011) Columns"));
    common.rows = rows;
    common.columns = columns;
    common.sopInstanceUid = text(data, DCM_SOPInstanceUID);
    common.seriesInstanceUid = text(data, DCM_SeriesInstanceUID);
    common.studyInstanceUid = text(data, DCM_StudyInstanceUID);
    common.frameOfReferenceUid = text(data, DCM_FrameOfReferenceUID);
    common.modality = text(data, DCM_Modality);
    common.imageType = text(data, DCM_ImageType).toUpper().split(QLatin1Char('\\'));
    for (QString &value : common.imageType) value = value.trimmed();
    common.instanceNumber = integer(data, DCM_InstanceNumber);
    common.acquisitionNumber = integer(data, DCM_AcquisitionNumber);
    common.echoNumber = integer(data, DCM_EchoNumbers);
    number(data, DCM_EchoTime, common.echoTimeMs);
    common.temporalPosition = integer(data, DCM_TemporalPositionIdentifier);
    number(data, DCM_TriggerTime, common.triggerTimeMs);

    double framesValue = 1;
    int frames = 1;
    if (data->tagExists(DCM_NumberOfFrames)) {
        if (!number(data, DCM_NumberOfFrames, framesValue) || framesValue < 1 || framesValue > kMaxFrames) {
            return core::Error::invalidInput(QStringLiteral("NumberOfFrames must be 1 to %1, not \"%2\"")
                                                 .arg(kMaxFrames).arg(text(data, DCM_NumberOfFrames)))
                .inFile(path).atTag(QStringLiteral("(0028,0008) NumberOfFrames"));
        }
        frames = static_cast<int>(framesValue);
    }

    QList<SeriesFrame> result;
    DcmSequenceOfItems *perFrame = nullptr;
    data->findAndGetSequence(DCM_PerFrameFunctionalGroupsSequence, perFrame);
    DcmItem *shared = firstItem(data, DCM_SharedFunctionalGroupsSequence);
    if (perFrame || shared) {
        if (!perFrame || perFrame->card() < static_cast<unsigned long>(frames)) {
            return core::Error::invalidInput(QStringLiteral("%1 items for %2 frames")
                                                 .arg(perFrame ? perFrame->card() : 0).arg(frames))
                .inFile(path).atTag(QStringLiteral("(5200,9230) PerFrameFunctionalGroupsSequence"));
        }
        for (int f = 0; f < frames; ++f) {
            SeriesFrame frame = common;
            frame.enhanced = true;
            frame.frameIndex = f;
            DcmItem *item = perFrame->getItem(static_cast<unsigned long>(f));
            readPlane(frame, functionalGroup(item, shared, DCM_PlanePositionSequence),
                      functionalGroup(item, shared, DCM_PlaneOrientationSequence),
                      functionalGroup(item, shared, DCM_PixelMeasuresSequence));
            readRescale(frame, data);  // some writers put it at the top level too
            readRescale(frame, functionalGroup(item, shared, DCM_PixelValueTransformationSequence));
            if (DcmItem *content = functionalGroup(item, shared, DCM_FrameContentSequence)) {
                frame.temporalPosition = integer(content, DCM_TemporalPositionIndex);
            }
            if (DcmItem *echo = functionalGroup(item, shared, DCM_MREchoSequence)) number(echo, DCM_EffectiveEchoTime, frame.echoTimeMs);
            result.append(frame);
        }
        return result;
    }

    readPlane(common, data, data, data);
    readRescale(common, data);
    // Classic multi-frame (RTDOSE, NM): frame positions from GridFrameOffsetVector along the
    // normal when present; otherwise the frames have no position of their own (the organiser
    // reports it).
    for (int f = 0; f < frames; ++f) {
        SeriesFrame frame = common;
        frame.frameIndex = f;
        if (frames > 1) {
            double offset = 0;
            if (frame.hasPosition && number(data, DCM_GridFrameOffsetVector, offset, static_cast<unsigned long>(f))) {
                const auto n = frame.normal();
                for (int a = 0; a < 3; ++a) frame.imagePositionMm[a] = common.imagePositionMm[a] + offset * n[a];
            } else {
                frame.hasPosition = false;
            }
        }
        result.append(frame);
    }
    return result;
}

}  // namespace twin::dicom::series
