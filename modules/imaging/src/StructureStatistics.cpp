#include "twin/imaging/StructureStatistics.h"

#include <vtkMassProperties.h>
#include <vtkNew.h>
#include <vtkPolyData.h>
#include <vtkTriangleFilter.h>

#include <QString>

#include <algorithm>
#include <cmath>
#include <vector>

namespace twin::imaging {

namespace {

using Point = std::array<double, 2>;

double cross(const Point &o, const Point &a, const Point &b) {
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/// Convex hull (Andrew's monotone chain); `points` is sorted and deduplicated in place.
std::vector<Point> convexHull(std::vector<Point> &points) {
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end()), points.end());
    if (points.size() < 3) return points;
    std::vector<Point> hull(2 * points.size());
    std::size_t k = 0;
    for (const Point &p : points) {
        while (k >= 2 && cross(hull[k - 2], hull[k - 1], p) <= 0) --k;
        hull[k++] = p;
    }
    for (std::size_t i = points.size() - 1, lower = k + 1; i-- > 0;) {
        while (k >= lower && cross(hull[k - 2], hull[k - 1], points[i]) <= 0) --k;
        hull[k++] = points[i];
    }
    hull.resize(k - 1);
    return hull;
}

double widestPair(const std::vector<Point> &hull) {
    double best = 0.0;
    for (std::size_t a = 0; a < hull.size(); ++a)
        for (std::size_t b = a + 1; b < hull.size(); ++b)
            best = std::max(best, std::hypot(hull[a][0] - hull[b][0], hull[a][1] - hull[b][1]));
    return best;
}

}  // namespace

double StructureStatistics::surfaceAreaCm2Of(vtkPolyData *surface) {
    if (!surface || surface->GetNumberOfCells() == 0) return 0.0;
    vtkNew<vtkTriangleFilter> triangles;  // vtkMassProperties wants triangles only
    triangles->SetInputData(surface);
    vtkNew<vtkMassProperties> mass;
    mass->SetInputConnection(triangles->GetOutputPort());
    mass->Update();
    return mass->GetSurfaceArea() / 100.0;
}

core::Result<StructureStatistics> StructureStatistics::compute(const core::LabelMap &mask, int label, const core::ScalarVolume &image,
                                                               vtkPolyData *surface) {
    const core::VolumeGeometry &g = mask.volume.geometry();
    if (image.geometry().dimensions != g.dimensions)
        return core::Error::invalidInput(QStringLiteral("the image is not on the structure's grid"));
    StructureStatistics stats;
    std::vector<std::int16_t> values;
    std::array<double, 3> sumIndex{0.0, 0.0, 0.0};
    std::array<int, 3> lo{g.dimensions[0], g.dimensions[1], g.dimensions[2]}, hi{-1, -1, -1};
    double widest = 0.0;
    std::vector<Point> slicePoints;
    for (int k = 0; k < g.dimensions[2]; ++k) {
        slicePoints.clear();
        for (int j = 0; j < g.dimensions[1]; ++j) {
            for (int i = 0; i < g.dimensions[0]; ++i) {
                if (mask.volume.at(i, j, k) != label) continue;
                values.push_back(image.at(i, j, k));
                sumIndex[0] += i, sumIndex[1] += j, sumIndex[2] += k;
                const std::array<int, 3> index{i, j, k};
                for (int a = 0; a < 3; ++a) lo[a] = std::min(lo[a], index[a]), hi[a] = std::max(hi[a], index[a]);
                slicePoints.push_back({i * g.spacingMm[0], j * g.spacingMm[1]});
            }
        }
        if (!slicePoints.empty()) widest = std::max(widest, widestPair(convexHull(slicePoints)) + 0.5 * (g.spacingMm[0] + g.spacingMm[1]));
    }
    if (values.empty()) return core::Error::invalidInput(QStringLiteral("the structure (label %1) has no voxel on the image grid").arg(label));

    const auto n = static_cast<double>(values.size());
    stats.voxelCount = static_cast<std::int64_t>(values.size());
    stats.volumeMl = n * g.voxelVolumeMm3() / 1000.0;
    double sum = 0.0, sumSquares = 0.0;
    for (const std::int16_t v : values) sum += v, sumSquares += double(v) * v;
    stats.huMean = sum / n;
    stats.huStd = std::sqrt(std::max(0.0, sumSquares / n - stats.huMean * stats.huMean));
    std::sort(values.begin(), values.end());
    const auto percentile = [&values](double p) { return double(values[std::size_t(std::lround(p / 100.0 * double(values.size() - 1)))]); };
    stats.huP5 = percentile(5), stats.huP50 = percentile(50), stats.huP95 = percentile(95);
    stats.centroidMm = g.indexToPatient(sumIndex[0] / n, sumIndex[1] / n, sumIndex[2] / n);
    // The LPS box around the 8 corners of the index box (any direction cosines).
    stats.boundsMinMm = {1e300, 1e300, 1e300};
    stats.boundsMaxMm = {-1e300, -1e300, -1e300};
    for (int corner = 0; corner < 8; ++corner) {
        const std::array<double, 3> p = g.indexToPatient(corner & 1 ? hi[0] : lo[0], corner & 2 ? hi[1] : lo[1], corner & 4 ? hi[2] : lo[2]);
        for (int axis = 0; axis < 3; ++axis) {
            stats.boundsMinMm[axis] = std::min(stats.boundsMinMm[axis], p[axis]);
            stats.boundsMaxMm[axis] = std::max(stats.boundsMaxMm[axis], p[axis]);
        }
    }
    stats.longestAxialDiameterMm = widest;
    stats.surfaceAreaCm2 = surfaceAreaCm2Of(surface);
    return stats;
}

}  // namespace twin::imaging
