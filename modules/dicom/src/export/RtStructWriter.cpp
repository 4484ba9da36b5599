#include "twin/dicom/RtStructWriter.h"

#include "ExportFiles.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <QDateTime>
#include <QFile>

#include <algorithm>

namespace twin::dicom {

namespace {

constexpr const char *kRtStructureSetStorage = "1.2.840.10008.5.1.4.1.1.481.3";
constexpr const char *kStudyComponentManagement = "1.2.840.10008.3.1.2.3.1";  // PS3.3 C.8.8.5.3.1

// Puts string attributes and remembers the first failure.
class Putter {
public:
    Putter &put(DcmItem *item, const DcmTagKey &tag, const QString &value) {
        if (!item) {
            fail(tag, "no item");
            return *this;
        }
        const OFCondition status = item->putAndInsertString(tag, value.toLatin1().constData());
        if (status.bad()) fail(tag, status.text());
        return *this;
    }
    DcmItem *append(DcmItem *item, const DcmTagKey &sequence) {
        DcmItem *child = nullptr;
        if (!item || item->findOrCreateSequenceItem(sequence, child, -2).bad() || !child) fail(sequence, "cannot add item");
        return child;
    }
    const QString &error() const { return error_; }

private:
    void fail(const DcmTagKey &tag, const char *why) {
        if (error_.isEmpty())
            error_ = QStringLiteral("(%1,%2) %3: %4")
                         .arg(tag.getGroup(), 4, 16, QLatin1Char('0'))
                         .arg(tag.getElement(), 4, 16, QLatin1Char('0'))
                         .arg(QString::fromLatin1(DcmTag(tag).getTagName()), QString::fromLatin1(why));
    }
    QString error_;
};

QString decimal(double value) {
    QString text = QString::number(value, 'f', 4);
    while (text.endsWith(QLatin1Char('0'))) text.chop(1);
    if (text.endsWith(QLatin1Char('.'))) text.chop(1);
    if (text == QLatin1String("-0")) text = QStringLiteral("0");
    return text;
}

}  // namespace

QList<std::vector<std::array<int, 2>>> RtStructWriter::traceBoundaries(const std::vector<unsigned char> &mask,
                                                                      int columns, int rows) {
    // Directed pixel edges with the inside on one side; corner (x, y), x in [0, columns].
    const int stride = columns + 1;
    const auto inside = [&](int i, int j) {
        return i >= 0 && j >= 0 && i < columns && j < rows && mask[static_cast<std::size_t>(j) * columns + i] != 0;
    };
    struct Out {
        int to[2] = {-1, -1};
        bool used[2] = {false, false};
        int count = 0;
    };
    std::vector<Out> out(static_cast<std::size_t>(stride) * (rows + 1));
    const auto vertex = [stride](int x, int y) { return y * stride + x; };
    const auto addEdge = [&](int from, int to) {
        Out &o = out[static_cast<std::size_t>(from)];
        if (o.count < 2) o.to[o.count++] = to;
    };
    int edges = 0;
    for (int j = 0; j < rows; ++j) {
        for (int i = 0; i < columns; ++i) {
            if (!inside(i, j)) continue;
            if (!inside(i - 1, j)) addEdge(vertex(i, j), vertex(i, j + 1)), ++edges;
            if (!inside(i, j + 1)) addEdge(vertex(i, j + 1), vertex(i + 1, j + 1)), ++edges;
            if (!inside(i + 1, j)) addEdge(vertex(i + 1, j + 1), vertex(i + 1, j)), ++edges;
            if (!inside(i, j - 1)) addEdge(vertex(i + 1, j), vertex(i, j)), ++edges;
        }
    }
    QList<std::vector<std::array<int, 2>>> loops;
    if (edges == 0) return loops;
    for (std::size_t start = 0; start < out.size(); ++start) {
        for (int e = 0; e < out[start].count; ++e) {
            if (out[start].used[e]) continue;
            std::vector<int> loop;
            int current = static_cast<int>(start);
            int dx = 0, dy = 0;
            bool firstStep = true;
            while (true) {
                Out &o = out[static_cast<std::size_t>(current)];
                int edge = -1;
                if (firstStep) {
                    edge = e;
                    firstStep = false;
                } else if (o.count == 2 && !o.used[0] && !o.used[1]) {
                    // Saddle (two pixels touching at a corner): always take the same turn.
                    const int cdx = o.to[0] % stride - current % stride, cdy = o.to[0] / stride - current / stride;
                    edge = (dx * cdy - dy * cdx) < 0 ? 0 : 1;
                } else if (o.count >= 1 && !o.used[0]) {
                    edge = 0;
                } else if (o.count == 2 && !o.used[1]) {
                    edge = 1;
                } else {
                    break;  // back at the start: in-degree equals out-degree everywhere
                }
                o.used[edge] = true;
                loop.push_back(current);
                const int next = o.to[edge];
                dx = next % stride - current % stride;
                dy = next / stride - current / stride;
                current = next;
            }
            // Drop collinear corners.
            std::vector<std::array<int, 2>> polygon;
            const std::size_t n = loop.size();
            for (std::size_t k = 0; k < n; ++k) {
                const int p = loop[(k + n - 1) % n], q = loop[k], s = loop[(k + 1) % n];
                const int ax = q % stride - p % stride, ay = q / stride - p / stride;
                const int bx = s % stride - q % stride, by = s / stride - q / stride;
                if (ax * by - ay * bx != 0) polygon.push_back({q % stride, q / stride});
            }
            if (polygon.size() >= 3) loops.append(std::move(polygon));
        }
    }
    return loops;
}

core::Status RtStructWriter::write(const QString &path, const QList<core::LabelMap> &labelMaps,
                                   const DicomSourceSeries &source, const RtStructWriteOptions &options) {
    const core::VolumeGeometry &g = source.geometry;
    const int columns = g.dimensions[0], rows = g.dimensions[1], slices = g.dimensions[2];
    if (source.sopInstanceUids.size() != slices)
        return core::Error::invalidInput(QStringLiteral("source series has %1 image references for %2 slices")
                                             .arg(source.sopInstanceUids.size())
                                             .arg(slices))
            .inFile(path);
    for (const core::LabelMap &map : labelMaps)
        if (map.volume.geometry().dimensions != g.dimensions)
            return core::Error::invalidInput(QStringLiteral("labelmap grid differs from the source series'")).inFile(path);

    DcmFileFormat file;
    DcmDataset *data = file.getDataset();
    Putter p;
    const QDateTime now = QDateTime::currentDateTime();
    const QString date = now.toString(QStringLiteral("yyyyMMdd")), time = now.toString(QStringLiteral("HHmmss"));
    const QString instanceUid = exportfiles::newUid();
    const QString sopClass = source.sopClassUid.isEmpty() ? QStringLiteral("1.2.840.10008.5.1.4.1.1.2") : source.sopClassUid;
    // SOP Common, Patient, General Study, RT Series, Frame of Reference, General Equipment.
    p.put(data, DCM_SpecificCharacterSet, QStringLiteral("ISO_IR 100"))
        .put(data, DCM_SOPClassUID, QString::fromLatin1(kRtStructureSetStorage))
        .put(data, DCM_SOPInstanceUID, instanceUid)
        .put(data, DCM_InstanceCreationDate, date)
        .put(data, DCM_InstanceCreationTime, time)
        .put(data, DCM_PatientName, source.patientName)
        .put(data, DCM_PatientID, source.patientId)
        .put(data, DCM_PatientBirthDate, source.patientBirthDate)
        .put(data, DCM_PatientSex, source.patientSex)
        .put(data, DCM_StudyInstanceUID, source.studyInstanceUid)
        .put(data, DCM_StudyDate, source.studyDate)
        .put(data, DCM_StudyTime, source.studyTime)
        .put(data, DCM_ReferringPhysicianName, source.referringPhysicianName)
        .put(data, DCM_StudyID, source.studyId)
        .put(data, DCM_AccessionNumber, source.accessionNumber)
        .put(data, DCM_Modality, QStringLiteral("RTSTRUCT"))
        .put(data, DCM_SeriesInstanceUID, exportfiles::newUid())
        .put(data, DCM_SeriesNumber, QString::number(options.seriesNumber))
        .put(data, DCM_SeriesDescription, options.seriesDescription)
        .put(data, DCM_OperatorsName, QString())
        .put(data, DCM_FrameOfReferenceUID, source.frameOfReferenceUid)
        .put(data, DCM_PositionReferenceIndicator, QString())
        .put(data, DCM_Manufacturer, QStringLiteral("Didymos"))
        .put(data, DCM_ManufacturerModelName, QStringLiteral("Didymos"))
        .put(data, DCM_SoftwareVersions, QStringLiteral("Didymos"))
        .put(data, DCM_StructureSetLabel, options.structureSetLabel)
        .put(data, DCM_InstanceNumber, QStringLiteral("1"))
        .put(data, DCM_StructureSetDate, date)
        .put(data, DCM_StructureSetTime, time);
    if (!source.studyDescription.isEmpty()) p.put(data, DCM_StudyDescription, source.studyDescription);

    DcmItem *frame = p.append(data, DCM_ReferencedFrameOfReferenceSequence);
    p.put(frame, DCM_FrameOfReferenceUID, source.frameOfReferenceUid);
    DcmItem *study = p.append(frame, DCM_RTReferencedStudySequence);
    p.put(study, DCM_ReferencedSOPClassUID, QString::fromLatin1(kStudyComponentManagement))
        .put(study, DCM_ReferencedSOPInstanceUID, source.studyInstanceUid);
    DcmItem *series = p.append(study, DCM_RTReferencedSeriesSequence);
    p.put(series, DCM_SeriesInstanceUID, source.seriesInstanceUid);
    for (int k = 0; k < slices; ++k) {
        DcmItem *image = p.append(series, DCM_ContourImageSequence);
        p.put(image, DCM_ReferencedSOPClassUID, sopClass).put(image, DCM_ReferencedSOPInstanceUID, source.sopInstanceUids[k]);
    }

    int roiNumber = 0;
    std::vector<unsigned char> slice(static_cast<std::size_t>(columns) * rows);
    for (const core::LabelMap &map : labelMaps) {
        for (const core::LabelInfo &label : map.labels) {
            ++roiNumber;
            const QString number = QString::number(roiNumber);
            const QString name = label.name.isEmpty() ? QStringLiteral("ROI %1").arg(roiNumber) : label.name;
            DcmItem *roi = p.append(data, DCM_StructureSetROISequence);
            p.put(roi, DCM_ROINumber, number)
                .put(roi, DCM_ReferencedFrameOfReferenceUID, source.frameOfReferenceUid)
                .put(roi, DCM_ROIName, name)
                .put(roi, DCM_ROIGenerationAlgorithm, QStringLiteral("SEMIAUTOMATIC"));
            DcmItem *contours = p.append(data, DCM_ROIContourSequence);
            p.put(contours, DCM_ROIDisplayColor,
                  QStringLiteral("%1\\%2\\%3").arg(label.rgb[0]).arg(label.rgb[1]).arg(label.rgb[2]));
            int contourNumber = 0;
            for (int k = 0; k < slices; ++k) {
                const std::int16_t *voxels = map.volume.slice(k);
                bool any = false;
                for (std::size_t n = 0; n < slice.size(); ++n) {
                    slice[n] = voxels[n] == label.value ? 1 : 0;
                    any = any || slice[n];
                }
                if (!any) continue;
                for (const auto &loop : traceBoundaries(slice, columns, rows)) {
                    QStringList values;
                    values.reserve(static_cast<qsizetype>(loop.size()) * 3);
                    for (const auto &corner : loop) {
                        const auto pt = g.indexToPatient(corner[0] - 0.5, corner[1] - 0.5, k);
                        values << decimal(pt[0]) << decimal(pt[1]) << decimal(pt[2]);
                    }
                    DcmItem *contour = p.append(contours, DCM_ContourSequence);
                    DcmItem *image = p.append(contour, DCM_ContourImageSequence);
                    p.put(image, DCM_ReferencedSOPClassUID, sopClass)
                        .put(image, DCM_ReferencedSOPInstanceUID, source.sopInstanceUids[k]);
                    p.put(contour, DCM_ContourNumber, QString::number(++contourNumber))
                        .put(contour, DCM_ContourGeometricType, QStringLiteral("CLOSED_PLANAR"))
                        .put(contour, DCM_NumberOfContourPoints, QString::number(loop.size()))
                        .put(contour, DCM_ContourData, values.join(QLatin1Char('\\')));
                }
            }
            p.put(contours, DCM_ReferencedROINumber, number);
            DcmItem *observation = p.append(data, DCM_RTROIObservationsSequence);
            p.put(observation, DCM_ObservationNumber, number)
                .put(observation, DCM_ReferencedROINumber, number)
                .put(observation, DCM_ROIObservationLabel, name.left(16))
                .put(observation, DCM_RTROIInterpretedType, QString())
                .put(observation, DCM_ROIInterpreter, QString());
        }
    }
    if (!p.error().isEmpty())
        return core::Error::internal(QStringLiteral("cannot set attribute: %1").arg(p.error())).inFile(path);

    const QString temporary = exportfiles::temporaryPathFor(path);
    const OFCondition status = file.saveFile(OFFilename(QFile::encodeName(temporary).constData()), EXS_LittleEndianImplicit,
                                             EET_UndefinedLength, EGL_recalcGL, EPD_noChange, 0, 0, EWM_fileformat);
    if (status.bad())
        return exportfiles::discard(temporary, core::Error::io(QStringLiteral("cannot write DICOM file: %1")
                                                                   .arg(QString::fromLatin1(status.text())))
                                                   .inFile(path));
    return exportfiles::commit(temporary, path);
}

}  // namespace twin::dicom
