#pragma once
// Builds the tumour's course over the studies of one patient headlessly (used by
// `didymos-cli twin course` and the GUI's Tumour course dock): every study found in the given
// folders (grouped by StudyInstanceUID, so one folder may hold several studies) that has an
// image series and an RTSTRUCT or SEG becomes a time point with the tumour's volume, longest
// axial diameter and centroid (OrganTwinAssembler, the tumour only). Studies on another frame
// of reference than the baseline (the earliest) have their CT rigidly registered onto the
// baseline CT (imaging::RigidRegistration), whose quality travels with the time point.
//
// The tumour: the structure named by the request, else the first whose name (case-insensitive)
// is GTV, starts with "GTV", or contains "tumour", "tumor" or "lesion". Studies of another
// PatientID than the baseline's are refused (error naming both IDs): a course is one patient's.

#include "twin/core/JobContext.h"
#include "twin/core/Result.h"
#include "twin/imaging/TumourCourse.h"

#include <QString>
#include <QStringList>

namespace twin::app {

struct TumourCourseRequest {
    QStringList dicomDirs;
    QString structureName;  ///< empty: found by name (see above)
};

struct TumourCourseReport {
    imaging::TumourCourse course;
    QString patientId;
    QStringList studyFolders;  ///< per time point, in course order
    QStringList warnings;      ///< studies left out (no structures, no tumour) and loader warnings
};

class TumourCourseAssembler {
public:
    static core::Result<TumourCourseReport> assemble(const TumourCourseRequest &request,
                                                     core::JobContext *context = nullptr);
    /// The StudyInstanceUIDs in the folders, earliest study date first (header reads only).
    static QStringList studiesByDate(const QStringList &dicomDirs);
    /// True for the names the tumour is recognised by when none is given.
    static bool looksLikeTumour(const QString &structureName);
};

}  // namespace twin::app
