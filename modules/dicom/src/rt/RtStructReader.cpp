#include "twin/dicom/RtStructReader.h"

#include "RtDataset.h"

#include <dcmtk/dcmdata/dcdeftag.h>

#include <QHash>

#include <algorithm>
#include <cmath>

namespace twin::dicom {

namespace {

constexpr const char *kRtStructureSetStorage = "1.2.840.10008.5.1.4.1.1.481.3";

QStringList referencedInstances(DcmItem &item) {
    QStringList uids;
    for (DcmItem *image : rt::itemsOf(item, DCM_ContourImageSequence)) {
        const QString uid = rt::stringOf(*image, DCM_ReferencedSOPInstanceUID);
        if (!uid.isEmpty()) uids << uid;
    }
    return uids;
}

}  // namespace

core::Result<RtStructureSet> RtStructReader::read(const QString &path) {
    auto loaded = rt::loadDataset(path);
    if (!loaded) return loaded.error();
    DcmDataset &data = *loaded.value()->getDataset();

    const QString sopClass = rt::stringOf(data, DCM_SOPClassUID);
    DcmSequenceOfItems *roiSequence = rt::sequenceOf(data, DCM_StructureSetROISequence);
    if (!roiSequence) {
        if (!sopClass.isEmpty() && sopClass != QLatin1String(kRtStructureSetStorage))
            return rt::fault(path, DCM_SOPClassUID,
                             QStringLiteral("not an RT Structure Set (SOP class %1)").arg(sopClass));
        return rt::fault(path, DCM_StructureSetROISequence, QStringLiteral("missing: not an RT Structure Set"));
    }

    RtStructureSet set;
    set.path = path;
    set.sopInstanceUid = rt::stringOf(data, DCM_SOPInstanceUID);
    set.label = rt::stringOf(data, DCM_StructureSetLabel);
    if (!sopClass.isEmpty() && sopClass != QLatin1String(kRtStructureSetStorage))
        set.warnings << QStringLiteral("%1: SOP class %2 is not RT Structure Set Storage; read anyway")
                            .arg(rt::tagName(DCM_SOPClassUID), sopClass);

    for (DcmItem *frame : rt::itemsOf(data, DCM_ReferencedFrameOfReferenceSequence)) {
        if (set.frameOfReferenceUid.isEmpty()) set.frameOfReferenceUid = rt::stringOf(*frame, DCM_FrameOfReferenceUID);
        for (DcmItem *study : rt::itemsOf(*frame, DCM_RTReferencedStudySequence))
            for (DcmItem *series : rt::itemsOf(*study, DCM_RTReferencedSeriesSequence))
                set.referencedSopInstanceUids << referencedInstances(*series);
    }

    QHash<long, int> indexByNumber;
    for (DcmItem *item : rt::itemsOf(data, DCM_StructureSetROISequence)) {
        RtRoi roi;
        const auto number = rt::integerOf(*item, DCM_ROINumber);
        if (!number) {
            set.warnings << QStringLiteral("%1: ROI without a number skipped").arg(rt::tagName(DCM_ROINumber));
            continue;
        }
        roi.number = static_cast<int>(*number);
        roi.name = rt::stringOf(*item, DCM_ROIName);
        if (roi.name.isEmpty()) roi.name = QStringLiteral("ROI %1").arg(roi.number);
        roi.frameOfReferenceUid = rt::stringOf(*item, DCM_ReferencedFrameOfReferenceUID);
        if (indexByNumber.contains(roi.number)) {
            set.warnings << QStringLiteral("ROI \"%1\": %2 %3 used twice; the second is ignored")
                                .arg(roi.name, rt::tagName(DCM_ROINumber))
                                .arg(roi.number);
            continue;
        }
        indexByNumber.insert(roi.number, set.rois.size());
        set.rois << roi;
    }

    for (DcmItem *item : rt::itemsOf(data, DCM_RTROIObservationsSequence)) {
        const auto number = rt::integerOf(*item, DCM_ReferencedROINumber);
        if (number && indexByNumber.contains(*number))
            set.rois[indexByNumber.value(*number)].interpretedType = rt::stringOf(*item, DCM_RTROIInterpretedType);
    }

    for (DcmItem *item : rt::itemsOf(data, DCM_ROIContourSequence)) {
        const auto number = rt::integerOf(*item, DCM_ReferencedROINumber);
        if (!number || !indexByNumber.contains(*number)) {
            set.warnings << QStringLiteral("%1: ROIContourSequence item refers to ROI number %2, not in the StructureSetROISequence; skipped")
                                .arg(rt::tagName(DCM_ReferencedROINumber),
                                     number ? QString::number(*number) : QStringLiteral("(none)"));
            continue;
        }
        RtRoi &roi = set.rois[indexByNumber.value(*number)];
        const std::vector<double> colour = rt::numbersOf(*item, DCM_ROIDisplayColor);
        if (colour.size() == 3) {
            for (int c = 0; c < 3; ++c) roi.rgb[c] = std::clamp(static_cast<int>(colour[c]), 0, 255);
            roi.hasColour = true;
        } else if (!colour.empty()) {
            set.warnings << QStringLiteral("ROI \"%1\": %2 has %3 values, not 3; default colour used")
                                .arg(roi.name, rt::tagName(DCM_ROIDisplayColor))
                                .arg(colour.size());
        }
        int malformed = 0;
        for (DcmItem *contourItem : rt::itemsOf(*item, DCM_ContourSequence)) {
            RtContour contour;
            contour.geometricType = rt::stringOf(*contourItem, DCM_ContourGeometricType).toUpper();
            const std::vector<double> data3 = rt::numbersOf(*contourItem, DCM_ContourData);
            if (data3.empty() || data3.size() % 3 != 0) {
                ++malformed;
                continue;
            }
            contour.pointsMm.reserve(data3.size() / 3);
            bool finite = true;
            for (std::size_t n = 0; n + 2 < data3.size(); n += 3) {
                if (!std::isfinite(data3[n]) || !std::isfinite(data3[n + 1]) || !std::isfinite(data3[n + 2])) finite = false;
                contour.pointsMm.push_back({data3[n], data3[n + 1], data3[n + 2]});
            }
            if (!finite) {
                ++malformed;
                continue;
            }
            contour.referencedSopInstanceUids = referencedInstances(*contourItem);
            roi.contours << contour;
        }
        if (malformed > 0)
            set.warnings << QStringLiteral("ROI \"%1\": %2: %3 contour(s) with missing, non-numeric or not x/y/z-triplet data skipped")
                                .arg(roi.name, rt::tagName(DCM_ContourData))
                                .arg(malformed);
    }
    for (const RtRoi &roi : set.rois)
        if (roi.contours.isEmpty())
            set.warnings << QStringLiteral("ROI \"%1\": no contours in %2").arg(roi.name, rt::tagName(DCM_ContourSequence));
    return set;
}

}  // namespace twin::dicom
