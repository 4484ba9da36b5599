#include "twin/dicom/DicomSourceSeries.h"

#include "../rt/RtDataset.h"

#include <dcmtk/dcmdata/dcdeftag.h>

#include <cmath>

namespace twin::dicom {

core::Result<DicomSourceSeries> DicomSourceSeries::fromFiles(const QStringList &files,
                                                            const core::VolumeGeometry &geometry) {
    DicomSourceSeries source;
    source.geometry = geometry;
    const int slices = geometry.dimensions[2];
    if (slices <= 0) return core::Error::invalidInput(QStringLiteral("source series: empty image grid"));
    source.sopInstanceUids = QStringList(slices, QString());
    source.files = QStringList(slices, QString());
    const auto &r = geometry.rowDirection;
    const auto &c = geometry.columnDirection;
    const std::array<double, 3> normal{r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]};
    double step = 0.0;
    for (int a = 0; a < 3; ++a) step += geometry.spacingMm[2] * geometry.sliceDirection[a] * normal[a];
    if (std::fabs(step) < 1e-9) return core::Error::invalidInput(QStringLiteral("source series: zero slice step"));

    bool first = true;
    for (const QString &path : files) {
        auto loaded = rt::loadDataset(path);
        if (!loaded.ok()) return loaded.error();
        DcmDataset &data = *loaded.value()->getDataset();
        const std::vector<double> ipp = rt::numbersOf(data, DCM_ImagePositionPatient);
        if (ipp.size() != 3) return rt::fault(path, DCM_ImagePositionPatient, QStringLiteral("missing or not 3 values"));
        double along = 0.0;
        for (int a = 0; a < 3; ++a) along += (ipp[static_cast<std::size_t>(a)] - geometry.originMm[a]) * normal[a];
        const double k = along / step;
        const long slice = std::lround(k);
        if (std::fabs(k - double(slice)) > 0.1 || slice < 0 || slice >= slices) continue;  // not on this grid
        const QString uid = rt::stringOf(data, DCM_SOPInstanceUID);
        if (uid.isEmpty()) return rt::fault(path, DCM_SOPInstanceUID, QStringLiteral("missing"));
        source.sopInstanceUids[static_cast<int>(slice)] = uid;
        source.files[static_cast<int>(slice)] = path;
        if (first) {
            first = false;
            source.sopClassUid = rt::stringOf(data, DCM_SOPClassUID);
            source.seriesInstanceUid = rt::stringOf(data, DCM_SeriesInstanceUID);
            source.studyInstanceUid = rt::stringOf(data, DCM_StudyInstanceUID);
            source.frameOfReferenceUid = rt::stringOf(data, DCM_FrameOfReferenceUID);
            source.patientName = rt::stringOf(data, DCM_PatientName);
            source.patientId = rt::stringOf(data, DCM_PatientID);
            source.patientBirthDate = rt::stringOf(data, DCM_PatientBirthDate);
            source.patientSex = rt::stringOf(data, DCM_PatientSex);
            source.studyDate = rt::stringOf(data, DCM_StudyDate);
            source.studyTime = rt::stringOf(data, DCM_StudyTime);
            source.studyId = rt::stringOf(data, DCM_StudyID);
            source.accessionNumber = rt::stringOf(data, DCM_AccessionNumber);
            source.referringPhysicianName = rt::stringOf(data, DCM_ReferringPhysicianName);
            source.studyDescription = rt::stringOf(data, DCM_StudyDescription);
            if (source.studyInstanceUid.isEmpty()) return rt::fault(path, DCM_StudyInstanceUID, QStringLiteral("missing"));
            if (source.seriesInstanceUid.isEmpty()) return rt::fault(path, DCM_SeriesInstanceUID, QStringLiteral("missing"));
        }
    }
    for (int k = 0; k < slices; ++k)
        if (source.sopInstanceUids[k].isEmpty())
            return core::Error::invalidInput(QStringLiteral("source series: no file for slice %1 of %2").arg(k).arg(slices));
    return source;
}

}  // namespace twin::dicom
