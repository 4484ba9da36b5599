#pragma once
// TumourCourse: the tumour of one patient measured on several studies — volume and longest
// axial diameter over time, with the response category and the growth rate a clinician (and
// the tumour growth model of the patient twin) reads from it.
//
// - Time points are sorted by study date; the first is the baseline.
// - Response: RECIST 1.1 for a single target lesion from its longest axial diameter (Eisenhauer
//   EA et al., Eur J Cancer 2009;45:228–247): CR when the lesion is gone (volume 0); PR at a
//   decrease of >= 30 % from baseline; PD at an increase of >= 20 % and >= 5 mm over the
//   smallest diameter so far (the nadir, baseline included); SD otherwise. Baseline: "baseline".
// - Growth: the exponential rate k (1/day) is the least-squares slope of ln(volume) over time
//   (with two time points exactly ln(V2/V1)/Δt), and the volume doubling time ln 2 / k (days;
//   negative = the volume halves in |Td| days). Time points of zero volume are left out of it.
// - Place: when a study is on another frame of reference than the baseline, its centroid is
//   mapped into the baseline by the rigid registration of that study's CT onto the baseline CT
//   (RigidRegistration), whose quality is shown with the time point; on the same frame of
//   reference the centroid is compared directly.

#include "twin/imaging/RigidRegistration.h"

#include <QDate>
#include <QList>
#include <QString>

#include <array>
#include <optional>

namespace twin::imaging {

struct TumourTimePoint {
    // Measured
    QDate studyDate;
    QString studyInstanceUid;
    QString frameOfReferenceUid;
    QString structureName;
    double volumeMl = 0.0;
    double longestAxialDiameterMm = 0.0;
    std::array<double, 3> centroidMm{};  ///< in this study's frame of reference
    std::optional<RigidRegistrationResult> registrationToBaseline;  ///< other frame of reference only

    // Derived by TumourCourse
    int daysFromBaseline = 0;
    double volumeChangePct = 0.0;    ///< vs baseline
    double diameterChangePct = 0.0;  ///< vs baseline
    QString response;                ///< "baseline", "CR", "PR", "SD", "PD"
    std::array<double, 3> centroidInBaselineMm{};
    double centroidShiftMm = 0.0;  ///< distance from the baseline centroid, in the baseline frame
};

class TumourCourse {
public:
    /// Sorts by date and derives the rest. Empty list: an empty course.
    static TumourCourse from(QList<TumourTimePoint> points);

    const QList<TumourTimePoint> &points() const { return points_; }
    bool isEmpty() const { return points_.isEmpty(); }
    /// Exponential growth rate (1/day) from the time points with a volume; none with fewer than
    /// two such points on different dates.
    std::optional<double> growthRatePerDay() const { return growthRatePerDay_; }
    /// ln 2 / growth rate; none when there is no rate or it is 0.
    std::optional<double> volumeDoublingTimeDays() const;

private:
    QList<TumourTimePoint> points_;
    std::optional<double> growthRatePerDay_;
};

}  // namespace twin::imaging
