#pragma once
// The modules every demo patient object shares (PS3.3 C.7 and C.12): Patient, General Study
// and Patient Study, a series, Frame of Reference, General Equipment and SOP Common.

#include "DicomItemWriter.h"
#include "PhantomRecord.h"

namespace twin::phantom {

namespace sop {
inline constexpr const char *kCtImage = "1.2.840.10008.5.1.4.1.1.2";
inline constexpr const char *kRtStructureSet = "1.2.840.10008.5.1.4.1.1.481.3";
inline constexpr const char *kRtPlan = "1.2.840.10008.5.1.4.1.1.481.5";
inline constexpr const char *kRtDose = "1.2.840.10008.5.1.4.1.1.481.2";
}  // namespace sop

struct SeriesInfo {
    const char *modality = "";
    QString seriesInstanceUid;
    int seriesNumber = 1;
    QString description;
    QDate date;
    QTime time;
};

namespace dicom_modules {

/// Patient, General Study and Patient Study.
void putPatientAndStudy(DicomItemWriter &writer, const PhantomRecord &record);
/// General Series (CT) or RT Series (RTSTRUCT, RTPLAN, RTDOSE): the shared attributes.
void putSeries(DicomItemWriter &writer, const SeriesInfo &series);
void putFrameOfReference(DicomItemWriter &writer, const PhantomRecord &record);
void putEquipment(DicomItemWriter &writer);
void putSopCommon(DicomItemWriter &writer, const char *sopClassUid, const QString &sopInstanceUid, const QDate &date,
                  const QTime &time);

}  // namespace dicom_modules

}  // namespace twin::phantom
