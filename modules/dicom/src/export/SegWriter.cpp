#include "twin/dicom/SegWriter.h"

#include "ExportFiles.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmfg/fgderimg.h>
#include <dcmtk/dcmfg/fgfracon.h>
#include <dcmtk/dcmfg/fgpixmsr.h>
#include <dcmtk/dcmfg/fgplanor.h>
#include <dcmtk/dcmfg/fgplanpo.h>
#include <dcmtk/dcmiod/cielabutil.h>
#include <dcmtk/dcmseg/segdoc.h>
#include <dcmtk/dcmseg/segment.h>

#include <QFile>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

namespace twin::dicom {

namespace {

OFString ofs(const QString &text) { return OFString(text.toLatin1().constData()); }

OFString decimal(double value) {
    QString text = QString::number(value, 'f', 6);
    while (text.endsWith(QLatin1Char('0'))) text.chop(1);
    if (text.endsWith(QLatin1Char('.'))) text.chop(1);
    if (text == QLatin1String("-0")) text = QStringLiteral("0");
    return ofs(text.left(16));
}

core::Error failed(const QString &path, const QString &what, const OFCondition &status) {
    return core::Error::internal(QStringLiteral("%1: %2").arg(what, QString::fromLatin1(status.text()))).inFile(path);
}

CodeSequenceMacro code(const std::optional<core::CodedConcept> &coded, const char *value, const char *meaning) {
    if (coded && !coded->value.isEmpty() && !coded->scheme.isEmpty() && !coded->meaning.isEmpty())
        return CodeSequenceMacro(ofs(coded->value), ofs(coded->scheme), ofs(coded->meaning));
    return CodeSequenceMacro(value, "SCT", meaning);
}

}  // namespace

core::Status SegWriter::write(const QString &path, const QList<core::LabelMap> &labelMaps, const DicomSourceSeries &source,
                              const SegWriteOptions &options) {
    const core::VolumeGeometry &g = source.geometry;
    const int columns = g.dimensions[0], rows = g.dimensions[1], slices = g.dimensions[2];
    if (source.files.size() != slices || source.sopInstanceUids.size() != slices || source.files.contains(QString()))
        return core::Error::invalidInput(QStringLiteral("SEG export needs the source file of every slice")).inFile(path);
    if (columns > 65535 || rows > 65535)
        return core::Error::invalidInput(QStringLiteral("image too large for SEG")).inFile(path);
    for (const core::LabelMap &map : labelMaps)
        if (map.volume.geometry().dimensions != g.dimensions)
            return core::Error::invalidInput(QStringLiteral("labelmap grid differs from the source series'")).inFile(path);

    DcmSegmentation *created = nullptr;
    const IODGeneralEquipmentModule::EquipmentInfo equipment("Didymos", "Didymos", "0", "Didymos");
    const ContentIdentificationMacro content("1", "SEGMENTATION", ofs(options.seriesDescription), "Didymos^Export");
    OFCondition status = DcmSegmentation::createBinarySegmentation(created, static_cast<Uint16>(rows),
                                                                   static_cast<Uint16>(columns), equipment, content);
    if (status.bad() || !created) return failed(path, QStringLiteral("cannot create the segmentation"), status);
    std::unique_ptr<DcmSegmentation> seg(created);
    status = seg->importFromSourceImage(ofs(source.files.front()));
    if (status.bad()) return failed(source.files.front(), QStringLiteral("cannot import patient/study"), status);
    seg->getSeries().setSeriesDescription(ofs(options.seriesDescription));
    seg->getSeries().setSeriesNumber(ofs(QString::number(options.seriesNumber)));

    // Shared: orientation and pixel measures.
    std::unique_ptr<FGPlaneOrientationPatient> orientation(FGPlaneOrientationPatient::createMinimal(
        decimal(g.rowDirection[0]), decimal(g.rowDirection[1]), decimal(g.rowDirection[2]), decimal(g.columnDirection[0]),
        decimal(g.columnDirection[1]), decimal(g.columnDirection[2])));
    FGPixelMeasures measures;
    measures.setPixelSpacing(decimal(g.spacingMm[1]) + "\\" + decimal(g.spacingMm[0]));  // row spacing \ column spacing
    measures.setSliceThickness(decimal(g.spacingMm[2]));
    measures.setSpacingBetweenSlices(decimal(g.spacingMm[2]));
    if (!orientation) return core::Error::internal(QStringLiteral("cannot create PlaneOrientation")).inFile(path);
    if ((status = seg->addForAllFrames(*orientation)).bad() || (status = seg->addForAllFrames(measures)).bad())
        return failed(path, QStringLiteral("cannot add shared functional groups"), status);

    const OFString dimensionUid = ofs(exportfiles::newUid());
    IODMultiframeDimensionModule &dimensions = seg->getDimensions();
    if ((status = dimensions.addDimensionIndex(DCM_ReferencedSegmentNumber, dimensionUid, DCM_SegmentIdentificationSequence,
                                               "ReferencedSegmentNumber"))
            .bad() ||
        (status = dimensions.addDimensionIndex(DCM_ImagePositionPatient, dimensionUid, DCM_PlanePositionSequence,
                                               "ImagePositionPatient"))
            .bad())
        return failed(path, QStringLiteral("cannot add dimension index"), status);

    const OFString sopClass = ofs(source.sopClassUid.isEmpty() ? QStringLiteral("1.2.840.10008.5.1.4.1.1.2") : source.sopClassUid);
    std::vector<Uint8> frame(static_cast<std::size_t>(columns) * rows);
    int segments = 0;
    for (const core::LabelMap &map : labelMaps) {
        for (const core::LabelInfo &label : map.labels) {
            ++segments;
            const QString name = label.name.isEmpty() ? QStringLiteral("Segment %1").arg(segments) : label.name;
            DcmSegment *segment = nullptr;
            status = DcmSegment::create(segment, ofs(name.left(64)), code(label.category, "85756007", "Tissue"),
                                        code(label.type, "113343008", "Organ"), DcmSegTypes::SAT_MANUAL);
            if (status.bad() || !segment) return failed(path, QStringLiteral("cannot create segment '%1'").arg(name), status);
            double l = 0, a = 0, b = 0;
            IODCIELabUtil::rgb2DicomLab(l, a, b, label.rgb[0] / 255.0, label.rgb[1] / 255.0, label.rgb[2] / 255.0);
            segment->setRecommendedDisplayCIELabValue(static_cast<Uint16>(std::lround(l)), static_cast<Uint16>(std::lround(a)),
                                                      static_cast<Uint16>(std::lround(b)));
            Uint16 segmentNumber = 0;
            status = seg->addSegment(segment, segmentNumber);  // takes ownership
            if (status.bad()) return failed(path, QStringLiteral("cannot add segment '%1'").arg(name), status);

            for (int k = 0; k < slices; ++k) {
                const std::int16_t *voxels = map.volume.slice(k);
                bool any = false;
                for (std::size_t n = 0; n < frame.size(); ++n) {
                    frame[n] = voxels[n] == label.value ? 1 : 0;
                    any = any || frame[n];
                }
                if (!any) continue;
                const auto position = g.indexToPatient(0, 0, k);
                std::unique_ptr<FGPlanePosPatient> plane(
                    FGPlanePosPatient::createMinimal(decimal(position[0]), decimal(position[1]), decimal(position[2])));
                FGFrameContent frameContent;
                frameContent.setDimensionIndexValues(segmentNumber, 0);
                frameContent.setDimensionIndexValues(static_cast<Uint32>(k + 1), 1);
                ImageSOPInstanceReferenceMacro reference;
                reference.setReferencedSOPClassUID(sopClass);
                reference.setReferencedSOPInstanceUID(ofs(source.sopInstanceUids[k]));
                OFVector<ImageSOPInstanceReferenceMacro> references;
                references.push_back(reference);
                std::unique_ptr<FGDerivationImage> derivation(
                    DcmSegmentation::createDerivationImageFG(references, "Didymos labelmap export"));
                if (!plane || !derivation)
                    return core::Error::internal(QStringLiteral("cannot create frame groups for slice %1").arg(k)).inFile(path);
                OFVector<FGBase *> groups;
                groups.push_back(plane.get());
                groups.push_back(&frameContent);
                groups.push_back(derivation.get());
                status = seg->addFrame(frame.data(), segmentNumber, groups);
                if (status.bad()) return failed(path, QStringLiteral("cannot add frame of slice %1").arg(k), status);
            }
        }
    }
    if (segments == 0) return core::Error::invalidInput(QStringLiteral("no labels to export")).inFile(path);

    DcmFileFormat file;
    DcmDataset *data = file.getDataset();
    if ((status = seg->writeDataset(*data)).bad()) return failed(path, QStringLiteral("cannot build the dataset"), status);
    // Common Instance Reference (PS3.3 C.12.2): the source series and every referenced image.
    DcmItem *series = nullptr;
    status = data->findOrCreateSequenceItem(DCM_ReferencedSeriesSequence, series, -2);
    if (status.good() && series) status = series->putAndInsertString(DCM_SeriesInstanceUID, ofs(source.seriesInstanceUid).c_str());
    for (int k = 0; status.good() && k < slices; ++k) {
        DcmItem *instance = nullptr;
        status = series->findOrCreateSequenceItem(DCM_ReferencedInstanceSequence, instance, -2);
        if (status.good()) status = instance->putAndInsertString(DCM_ReferencedSOPClassUID, sopClass.c_str());
        if (status.good())
            status = instance->putAndInsertString(DCM_ReferencedSOPInstanceUID, ofs(source.sopInstanceUids[k]).c_str());
    }
    if (status.bad()) return failed(path, QStringLiteral("cannot add the referenced series"), status);

    const QString temporary = exportfiles::temporaryPathFor(path);
    status = file.saveFile(OFFilename(QFile::encodeName(temporary).constData()), EXS_LittleEndianExplicit);
    if (status.bad())
        return exportfiles::discard(temporary, failed(path, QStringLiteral("cannot write DICOM file"), status));
    return exportfiles::commit(temporary, path);
}

}  // namespace twin::dicom
