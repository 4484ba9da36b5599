#include "twin/dicom/RtStructRasterizer.h"

#include "twin/core/VolumeIndexing.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <map>

namespace twin::dicom {

namespace {

constexpr double kOffSliceTolerance = 0.25;  // of the slice spacing
constexpr double kNonPlanarTolerance = 0.5;  // spread along the normal, in slices

}  // namespace

void RtStructRasterizer::fillEvenOdd(const QList<std::vector<std::array<double, 2>>> &polygons, int columns, int rows,
                                     std::vector<unsigned char> &slice) {
    slice.assign(static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows), 0);
    std::vector<double> crossings;
    for (int j = 0; j < rows; ++j) {
        const double y = j;
        crossings.clear();
        for (const auto &polygon : polygons) {
            const std::size_t n = polygon.size();
            for (std::size_t a = 0; a < n; ++a) {
                const auto &p = polygon[a];
                const auto &q = polygon[(a + 1) % n];
                if ((p[1] <= y) != (q[1] <= y)) crossings.push_back(p[0] + (y - p[1]) * (q[0] - p[0]) / (q[1] - p[1]));
            }
        }
        if (crossings.size() < 2) continue;
        std::sort(crossings.begin(), crossings.end());
        unsigned char *row = slice.data() + static_cast<std::size_t>(j) * static_cast<std::size_t>(columns);
        for (std::size_t c = 0; c + 1 < crossings.size(); c += 2) {
            // pixel centre i inside when crossings[c] <= i < crossings[c+1]
            const double from = std::max(std::ceil(crossings[c]), 0.0);
            const double to = std::min(std::ceil(crossings[c + 1]) - 1.0, static_cast<double>(columns - 1));
            for (int i = static_cast<int>(from); i <= static_cast<int>(to); ++i) row[i] ^= 1;
        }
    }
}

RtStructRasterization RtStructRasterizer::rasterize(const RtStructureSet &set, const RtImageReference &image) {
    RtStructRasterization out;
    const core::VolumeGeometry &g = image.geometry;
    const int nx = g.dimensions[0], ny = g.dimensions[1], nz = g.dimensions[2];
    if (nx <= 0 || ny <= 0 || nz <= 0 || !core::patientToIndex(g, {0.0, 0.0, 0.0})) {
        out.warnings << QStringLiteral("the reference image geometry is empty or degenerate: no masks");
        return out;
    }

    if (!image.sopInstanceUids.isEmpty()) {
        const QSet<QString> present(image.sopInstanceUids.begin(), image.sopInstanceUids.end());
        QSet<QString> referenced(set.referencedSopInstanceUids.begin(), set.referencedSopInstanceUids.end());
        for (const RtRoi &roi : set.rois)
            for (const RtContour &c : roi.contours)
                for (const QString &uid : c.referencedSopInstanceUids) referenced.insert(uid);
        int missing = 0;
        for (const QString &uid : referenced) missing += present.contains(uid) ? 0 : 1;
        if (missing > 0)
            out.warnings << QStringLiteral("%1 of %2 images referenced in (3006,0016) ContourImageSequence are not in the image "
                                           "series: unresolved references; contours placed by frame of reference and patient "
                                           "coordinates")
                                .arg(missing)
                                .arg(referenced.size());
    }

    for (const RtRoi &roi : set.rois) {
        RtRoiMask result;
        result.roiNumber = roi.number;
        core::LabelInfo info;
        info.value = 1;
        info.name = roi.name;
        info.rgb = roi.rgb;
        info.hasColour = roi.hasColour;
        result.mask.labels << info;
        result.mask.volume = core::ScalarVolume(g, 0);

        const QString roiFor = roi.frameOfReferenceUid.isEmpty() ? set.frameOfReferenceUid : roi.frameOfReferenceUid;
        if (!image.frameOfReferenceUid.isEmpty() && !roiFor.isEmpty() && roiFor != image.frameOfReferenceUid)
            out.warnings << QStringLiteral("ROI \"%1\": (3006,0024) ReferencedFrameOfReferenceUID %2 differs from the image's %3; "
                                           "contours placed in patient coordinates as they are")
                                .arg(roi.name, roiFor, image.frameOfReferenceUid);
        if (roi.contours.isEmpty()) {
            out.warnings << QStringLiteral("ROI \"%1\": no contours in (3006,0040) ContourSequence; empty mask").arg(roi.name);
            out.masks << result;
            continue;
        }

        std::map<int, QList<std::vector<std::array<double, 2>>>> bySlice;
        QSet<QString> unsupported;
        int offSlice = 0, outsideGrid = 0, nonPlanar = 0, clipped = 0, degenerate = 0;
        for (const RtContour &contour : roi.contours) {
            if (contour.geometricType != QLatin1String("CLOSED_PLANAR")) {
                unsupported.insert(contour.geometricType.isEmpty() ? QStringLiteral("(empty)") : contour.geometricType);
                continue;
            }
            if (contour.pointsMm.size() < 3) {
                ++degenerate;
                continue;
            }
            std::vector<std::array<double, 2>> polygon;
            polygon.reserve(contour.pointsMm.size());
            double kMin = 1e300, kMax = -1e300, kSum = 0.0;
            bool ok = true, outside = false;
            for (const auto &p : contour.pointsMm) {
                const auto index = core::patientToIndex(g, p);
                if (!index) {
                    ok = false;
                    break;
                }
                const auto &c = *index;
                polygon.push_back({c[0], c[1]});
                kMin = std::min(kMin, c[2]);
                kMax = std::max(kMax, c[2]);
                kSum += c[2];
                if (c[0] < -0.5 || c[0] > nx - 0.5 || c[1] < -0.5 || c[1] > ny - 0.5) outside = true;
            }
            if (!ok) continue;
            if (kMax - kMin > kNonPlanarTolerance) ++nonPlanar;
            const double k = kSum / static_cast<double>(polygon.size());
            const int slice = static_cast<int>(std::lround(k));
            if (slice < 0 || slice >= nz) {
                ++outsideGrid;
                continue;
            }
            if (std::fabs(k - slice) > kOffSliceTolerance) ++offSlice;
            if (outside) ++clipped;
            bySlice[slice] << std::move(polygon);
        }
        for (const QString &type : unsupported)
            out.warnings << QStringLiteral("ROI \"%1\": (3006,0042) ContourGeometricType %2 is not supported (only CLOSED_PLANAR); "
                                           "those contours are ignored")
                                .arg(roi.name, type);
        if (degenerate)
            out.warnings << QStringLiteral("ROI \"%1\": %2 contour(s) with fewer than 3 points in (3006,0050) ContourData ignored")
                                .arg(roi.name)
                                .arg(degenerate);
        if (outsideGrid)
            out.warnings << QStringLiteral("ROI \"%1\": %2 contour(s) in (3006,0050) ContourData lie beyond the first or last image "
                                           "slice (outside the grid); ignored")
                                .arg(roi.name)
                                .arg(outsideGrid);
        if (offSlice)
            out.warnings << QStringLiteral("ROI \"%1\": %2 contour(s) in (3006,0050) ContourData lie off the image slices (more than "
                                           "%3 of the slice spacing); drawn on the nearest slice")
                                .arg(roi.name)
                                .arg(offSlice)
                                .arg(kOffSliceTolerance);
        if (nonPlanar)
            out.warnings << QStringLiteral("ROI \"%1\": %2 contour(s) in (3006,0050) ContourData are not parallel to the image "
                                           "slices; drawn on the nearest slice to their centre")
                                .arg(roi.name)
                                .arg(nonPlanar);
        if (clipped)
            out.warnings << QStringLiteral("ROI \"%1\": %2 contour(s) in (3006,0050) ContourData extend outside the image grid; "
                                           "clipped")
                                .arg(roi.name)
                                .arg(clipped);

        std::vector<unsigned char> plane;
        for (const auto &[slice, polygons] : bySlice) {
            fillEvenOdd(polygons, nx, ny, plane);
            std::int16_t *target = result.mask.volume.slice(slice);
            for (std::size_t n = 0; n < plane.size(); ++n) target[n] = plane[n];
        }
        out.masks << result;
    }
    return out;
}

}  // namespace twin::dicom
