#include "twin/imaging/TumourCourse.h"

#include <algorithm>
#include <cmath>

namespace twin::imaging {

namespace {

QString recistResponse(double diameterMm, double volumeMl, double baselineMm, double nadirMm) {
    if (volumeMl <= 0.0) return QStringLiteral("CR");
    if (nadirMm > 0.0 && diameterMm >= 1.2 * nadirMm && diameterMm - nadirMm >= 5.0) return QStringLiteral("PD");
    if (baselineMm > 0.0 && diameterMm <= 0.7 * baselineMm) return QStringLiteral("PR");
    return QStringLiteral("SD");
}

std::optional<double> logLinearSlope(const QList<TumourTimePoint> &points) {
    double st = 0.0, sy = 0.0, stt = 0.0, sty = 0.0;
    int n = 0;
    for (const TumourTimePoint &p : points) {
        if (!(p.volumeMl > 0.0)) continue;
        const double t = p.daysFromBaseline;
        const double y = std::log(p.volumeMl);
        st += t;
        sy += y;
        stt += t * t;
        sty += t * y;
        ++n;
    }
    const double denominator = n * stt - st * st;
    if (n < 2 || !(std::abs(denominator) > 0.0)) return std::nullopt;
    return (n * sty - st * sy) / denominator;
}

}  // namespace

TumourCourse TumourCourse::from(QList<TumourTimePoint> points) {
    TumourCourse course;
    std::stable_sort(points.begin(), points.end(),
                     [](const TumourTimePoint &a, const TumourTimePoint &b) { return a.studyDate < b.studyDate; });
    if (points.isEmpty()) return course;
    const TumourTimePoint &baseline = points.first();
    const double baselineMm = baseline.longestAxialDiameterMm;
    const std::array<double, 3> baselineCentroid = baseline.centroidMm;
    double nadirMm = baselineMm;
    for (qsizetype i = 0; i < points.size(); ++i) {
        TumourTimePoint &p = points[i];
        p.daysFromBaseline = static_cast<int>(baseline.studyDate.daysTo(p.studyDate));
        p.volumeChangePct = baseline.volumeMl > 0.0 ? 100.0 * (p.volumeMl / baseline.volumeMl - 1.0) : 0.0;
        p.diameterChangePct = baselineMm > 0.0 ? 100.0 * (p.longestAxialDiameterMm / baselineMm - 1.0) : 0.0;
        p.response = i == 0 ? QStringLiteral("baseline")
                            : recistResponse(p.longestAxialDiameterMm, p.volumeMl, baselineMm, nadirMm);
        if (i > 0 && p.volumeMl > 0.0) nadirMm = std::min(nadirMm, p.longestAxialDiameterMm);
        p.centroidInBaselineMm =
            p.registrationToBaseline ? p.registrationToBaseline->movingToFixed(p.centroidMm) : p.centroidMm;
        p.centroidShiftMm = std::hypot(p.centroidInBaselineMm[0] - baselineCentroid[0],
                                       p.centroidInBaselineMm[1] - baselineCentroid[1],
                                       p.centroidInBaselineMm[2] - baselineCentroid[2]);
    }
    course.points_ = std::move(points);
    course.growthRatePerDay_ = logLinearSlope(course.points_);
    return course;
}

std::optional<double> TumourCourse::volumeDoublingTimeDays() const {
    if (!growthRatePerDay_ || *growthRatePerDay_ == 0.0) return std::nullopt;
    return std::log(2.0) / *growthRatePerDay_;
}

}  // namespace twin::imaging
