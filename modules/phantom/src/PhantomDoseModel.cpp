#include "PhantomDoseModel.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace twin::phantom {

namespace {

constexpr double kMaximumFraction = 1.06;       // Dmax / prescription
constexpr double kShoulderWeight = 0.85;        // w
constexpr double kShoulderSigmaMm = 5.0;        // s
constexpr double kShoulderBeyondPtvMm = 7.5;    // R - PTV radius
constexpr Vec3 kBathSigmaMm{45.0, 50.0, 30.0};  // low-dose bath (x, y, z)

}  // namespace

PhantomDoseModel::PhantomDoseModel(const PhantomAnatomy &anatomy, double prescriptionGy)
    : anatomy_(anatomy),
      centre_(anatomy.tumourCentre()),
      maximumGy_(kMaximumFraction * prescriptionGy),
      shoulderRadiusMm_(anatomy.tumourRadiusMm() + anatomy.ptvMarginMm() + kShoulderBeyondPtvMm) {}

double PhantomDoseModel::shoulder(double distance) const {
    const double t = (distance - shoulderRadiusMm_) / (std::sqrt(2.0) * kShoulderSigmaMm);
    if (t > 6.0) return 0.0;
    if (t < -6.0) return 1.0;
    return 0.5 * std::erfc(t);
}

double PhantomDoseModel::bathAxis(int axis, double delta) const {
    const double u = delta / kBathSigmaMm[static_cast<std::size_t>(axis)];
    return std::exp(-0.5 * u * u);
}

double PhantomDoseModel::doseGyAt(const Vec3 &point) const {
    if (!anatomy_.body().contains(point)) return 0.0;
    const double dx = point[0] - centre_[0], dy = point[1] - centre_[1], dz = point[2] - centre_[2];
    const double bath = bathAxis(0, dx) * bathAxis(1, dy) * bathAxis(2, dz);
    const double relative =
        kShoulderWeight * shoulder(std::sqrt(dx * dx + dy * dy + dz * dz)) + (1.0 - kShoulderWeight) * bath;
    // Normalised so that the tumour centre gets exactly Dmax.
    const double atCentre = kShoulderWeight * shoulder(0.0) + (1.0 - kShoulderWeight);
    return maximumGy_ * relative / atCentre;
}

void PhantomDoseModel::fillSliceCgy(const core::VolumeGeometry &geometry, int k, std::int16_t *cgy) const {
    const int columns = geometry.dimensions[0];
    const int rows = geometry.dimensions[1];
    const double z = geometry.originMm[2] + k * geometry.spacingMm[2];
    const double dz = z - centre_[2];
    // Separable parts, once per column and per row.
    std::vector<double> dx2(static_cast<std::size_t>(columns)), bathX(static_cast<std::size_t>(columns));
    for (int i = 0; i < columns; ++i) {
        const double dx = geometry.originMm[0] + i * geometry.spacingMm[0] - centre_[0];
        dx2[static_cast<std::size_t>(i)] = dx * dx;
        bathX[static_cast<std::size_t>(i)] = bathAxis(0, dx);
    }
    const double bathZ = bathAxis(2, dz);
    const double scale = 100.0 * maximumGy_ / (kShoulderWeight * shoulder(0.0) + (1.0 - kShoulderWeight));
    const auto body = anatomy_.body().sectionAt(z);
    for (int j = 0; j < rows; ++j) {
        std::int16_t *row = cgy + static_cast<std::size_t>(j) * static_cast<std::size_t>(columns);
        std::fill(row, row + columns, std::int16_t{0});
        const double y = geometry.originMm[1] + j * geometry.spacingMm[1];
        double x0 = 0.0, x1 = 0.0;
        if (!body || !body->spanAt(y, x0, x1)) continue;
        const int first = std::max(0, static_cast<int>(std::ceil((x0 - geometry.originMm[0]) / geometry.spacingMm[0])));
        const int last =
            std::min(columns - 1, static_cast<int>(std::floor((x1 - geometry.originMm[0]) / geometry.spacingMm[0])));
        const double dy = y - centre_[1];
        const double dyz2 = dy * dy + dz * dz;
        const double bathYZ = bathAxis(1, dy) * bathZ;
        for (int i = first; i <= last; ++i) {
            const auto index = static_cast<std::size_t>(i);
            const double relative = kShoulderWeight * shoulder(std::sqrt(dx2[index] + dyz2)) +
                                    (1.0 - kShoulderWeight) * bathX[index] * bathYZ;
            row[i] = static_cast<std::int16_t>(std::lround(scale * relative));
        }
    }
}

}  // namespace twin::phantom
