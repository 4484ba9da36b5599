#include "twin/core/VolumeIndexing.h"
#include "twin/dicom/SegReader.h"

#include <QHash>
#include <QMap>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace twin::dicom {

namespace {

constexpr int kMaxSlicesFromFrames = 4096;
constexpr double kSliceTolerance = 0.25;  // of a slice spacing
// Mask voxels allocated over all segments of one SEG (int16 each, plus float for FRACTIONAL):
// a hostile SEG with thousands of segments must not allocate thousands of reference volumes.
constexpr long double kMaxMaskVoxels = 1LL << 30;

std::array<double, 3> cross(const std::array<double, 3> &a, const std::array<double, 3> &b) {
    return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}
double dot(const std::array<double, 3> &a, const std::array<double, 3> &b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

std::array<double, 3> rowDirection(const SegDocument &seg) { return {seg.orientation[0], seg.orientation[1], seg.orientation[2]}; }
std::array<double, 3> columnDirection(const SegDocument &seg) { return {seg.orientation[3], seg.orientation[4], seg.orientation[5]}; }

QString quoted(const SegSegment *segment, int number) {
    return segment ? QStringLiteral("segment %1 \"%2\"").arg(segment->number).arg(segment->label)
                   : QStringLiteral("segment %1").arg(number);
}

}  // namespace

core::Result<core::VolumeGeometry> SegRasterizer::geometryFromFrames(const SegDocument &seg) {
    const auto fault = [&](const QString &tag, const QString &what) {
        return core::Error::invalidInput(what).inFile(seg.file).atTag(tag);
    };
    if (!seg.hasOrientation)
        return fault(QStringLiteral("(0020,9116) PlaneOrientationSequence"), QStringLiteral("no valid ImageOrientationPatient to build a grid from"));
    const std::array<double, 3> row = rowDirection(seg), column = columnDirection(seg), normal = cross(row, column);
    std::vector<std::pair<double, std::array<double, 3>>> positions;
    for (const SegFrame &frame : seg.frames) {
        if (!frame.hasPosition)
            return fault(QStringLiteral("(0020,9113) PlanePositionSequence"),
                         QStringLiteral("frame %1 has no ImagePositionPatient to build a grid from").arg(frame.index + 1));
        positions.emplace_back(dot(frame.positionMm, normal), frame.positionMm);
    }
    if (positions.empty()) return fault(QStringLiteral("(0028,0008) NumberOfFrames"), QStringLiteral("no frames"));
    std::stable_sort(positions.begin(), positions.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    std::vector<double> distinct;
    for (const auto &p : positions)
        if (distinct.empty() || p.first - distinct.back() > 1e-3) distinct.push_back(p.first);
    double spacing = seg.spacingBetweenSlicesMm;
    if (!(spacing > 0)) {
        double smallest = 0;
        for (std::size_t i = 1; i < distinct.size(); ++i) {
            const double gap = distinct[i] - distinct[i - 1];
            if (smallest == 0 || gap < smallest) smallest = gap;
        }
        spacing = smallest > 0 ? smallest : (seg.sliceThicknessMm > 0 ? seg.sliceThicknessMm : 1.0);
    }
    const double extent = distinct.back() - distinct.front();
    const double slices = std::round(extent / spacing) + 1;
    if (!(slices >= 1) || slices > kMaxSlicesFromFrames)
        return fault(QStringLiteral("(0018,0088) SpacingBetweenSlices"),
                     QStringLiteral("frames span %1 mm at %2 mm spacing: more than %3 slices").arg(extent).arg(spacing).arg(kMaxSlicesFromFrames));
    core::VolumeGeometry g;
    g.dimensions = {seg.columns, seg.rows, int(slices)};
    g.spacingMm = {seg.pixelSpacingMm[1], seg.pixelSpacingMm[0], spacing};
    g.originMm = positions.front().second;
    g.rowDirection = row;
    g.columnDirection = column;
    g.sliceDirection = normal;
    return g;
}

core::Result<SegRasterization> SegRasterizer::rasterize(const SegDocument &seg) {
    auto geometry = geometryFromFrames(seg);
    if (!geometry) return geometry.error();
    return rasterize(seg, SegReferenceImage{geometry.value(), {}, {}, {}});
}

SegRasterization SegRasterizer::rasterize(const SegDocument &seg, const SegReferenceImage &reference) {
    SegRasterization out;
    const core::VolumeGeometry &g = reference.geometry;
    out.geometry = g;
    out.warnings = seg.warnings;
    const bool fractional = seg.type == SegDocument::Type::Fractional;

    QHash<int, int> indexOf;  // segment number -> masks index
    for (const SegSegment &segment : seg.segments) {
        SegSegmentMask m;
        m.segmentNumber = segment.number;
        m.mask.labels << segment.labelInfo(1);  // volume allocated when a frame maps onto it
        indexOf.insert(segment.number, int(out.masks.size()));
        out.masks << std::move(m);
    }

    if (!reference.frameOfReferenceUid.isEmpty() && !seg.frameOfReferenceUid.isEmpty() &&
        reference.frameOfReferenceUid != seg.frameOfReferenceUid)
        out.warnings << QStringLiteral("(0020,0052) FrameOfReferenceUID %1 of the SEG differs from the image's %2; "
                                       "mapped by patient coordinates regardless")
                            .arg(seg.frameOfReferenceUid, reference.frameOfReferenceUid);
    if (!reference.seriesInstanceUid.isEmpty() && !seg.referencedSeriesUids.isEmpty() &&
        !seg.referencedSeriesUids.contains(reference.seriesInstanceUid))
        out.warnings << QStringLiteral("(0008,1115) ReferencedSeriesSequence names series %1, not the image series %2")
                            .arg(seg.referencedSeriesUids.join(QStringLiteral(", ")), reference.seriesInstanceUid);

    const auto origin = core::patientToIndex(g, {0, 0, 0});
    if (!origin || g.voxelCount() == 0) {
        out.warnings << QStringLiteral("the reference grid is empty or degenerate: nothing mapped");
        return out;
    }
    // Frame pixel (c, r) -> continuous voxel index: linear, so three points fix it.
    const std::array<double, 3> row = rowDirection(seg), column = columnDirection(seg);
    std::array<double, 3> stepC{}, stepR{};
    {
        const std::array<double, 3> pc{row[0] * seg.pixelSpacingMm[1], row[1] * seg.pixelSpacingMm[1], row[2] * seg.pixelSpacingMm[1]};
        const std::array<double, 3> pr{column[0] * seg.pixelSpacingMm[0], column[1] * seg.pixelSpacingMm[0],
                                       column[2] * seg.pixelSpacingMm[0]};
        const auto ic = core::patientToIndex(g, pc), ir = core::patientToIndex(g, pr);
        for (int a = 0; a < 3; ++a) {
            stepC[a] = (*ic)[a] - (*origin)[a];
            stepR[a] = (*ir)[a] - (*origin)[a];
        }
    }
    const int nx = g.dimensions[0], ny = g.dimensions[1], nz = g.dimensions[2];
    const QSet<QString> knownSops(reference.sopInstanceUids.begin(), reference.sopInstanceUids.end());
    QMap<int, QStringList> unknownSops;  // segment number -> referenced instances not in the image
    QMap<int, QList<int>> offGrid;       // segment number -> frames (1-based) off the slices
    QMap<int, long long> outsidePixels;  // segment number -> pixels outside the grid
    std::vector<int> labelTarget;        // LABELMAP: pixel value -> masks index or -1
    if (seg.type == SegDocument::Type::Labelmap) {
        labelTarget.assign(65536, -1);
        for (auto it = indexOf.cbegin(); it != indexOf.cend(); ++it) labelTarget[std::size_t(it.key())] = it.value();
    }

    long double allocated = 0;
    QSet<int> overBudget;  // masks indices refused for memory
    auto allocate = [&](int target) {
        SegSegmentMask &m = out.masks[target];
        if (!m.mask.volume.isEmpty()) return true;
        if (overBudget.contains(target)) return false;
        if (allocated + (long double)g.voxelCount() > kMaxMaskVoxels) {
            overBudget << target;
            return false;
        }
        allocated += (long double)g.voxelCount();
        m.mask.volume = core::ScalarVolume(g);
        if (fractional) m.fraction = core::FloatVolume(g);
        return true;
    };

    for (const SegFrame &frame : seg.frames) {
        const bool labelmap = seg.type == SegDocument::Type::Labelmap;
        if (!labelmap && !indexOf.contains(frame.segmentNumber)) continue;  // warned by the reader
        const int key = labelmap ? 0 : frame.segmentNumber;
        if (!frame.referencedSopInstanceUid.isEmpty() && !knownSops.isEmpty() && !knownSops.contains(frame.referencedSopInstanceUid))
            unknownSops[key] << frame.referencedSopInstanceUid;
        if (!frame.hasPosition) {
            offGrid[key] << frame.index + 1;
            continue;
        }
        const auto corner = core::patientToIndex(g, frame.positionMm);
        std::array<double, 3> centre{};
        for (int a = 0; a < 3; ++a)
            centre[a] = (*corner)[a] + stepC[a] * (seg.columns - 1) / 2.0 + stepR[a] * (seg.rows - 1) / 2.0;
        const double k = centre[2];
        if (std::fabs(k - std::round(k)) > kSliceTolerance || std::round(k) < 0 || std::round(k) > nz - 1) {
            offGrid[key] << frame.index + 1;
            continue;
        }
        const std::uint16_t *pixels = seg.framePixels(frame.index);
        QSet<int> touched;
        for (int r = 0; r < seg.rows; ++r) {
            for (int c = 0; c < seg.columns; ++c) {
                const std::uint16_t v = pixels[std::size_t(r) * std::size_t(seg.columns) + std::size_t(c)];
                if (labelmap && seg.pixelPaddingValue && v == *seg.pixelPaddingValue) continue;
                if (v == 0 && !(labelmap && labelTarget[0] >= 0)) continue;
                int target = 0;
                if (labelmap) {
                    target = labelTarget[v];
                    if (target < 0) continue;
                } else {
                    target = indexOf.value(frame.segmentNumber);
                }
                const double fi = (*corner)[0] + stepC[0] * c + stepR[0] * r;
                const double fj = (*corner)[1] + stepC[1] * c + stepR[1] * r;
                const double fk = (*corner)[2] + stepC[2] * c + stepR[2] * r;
                const long i = std::lround(fi), j = std::lround(fj), kk = std::lround(fk);
                if (i < 0 || j < 0 || kk < 0 || i >= nx || j >= ny || kk >= nz) {
                    ++outsidePixels[out.masks[target].segmentNumber];
                    continue;
                }
                if (!allocate(target)) continue;
                SegSegmentMask &m = out.masks[target];
                touched << target;
                if (fractional) {
                    const float f = std::min(1.0f, float(v) / float(seg.maxFractionalValue));
                    float &stored = m.fraction.at(int(i), int(j), int(kk));
                    stored = std::max(stored, f);
                    if (stored >= 0.5f) m.mask.volume.at(int(i), int(j), int(kk)) = 1;
                } else {
                    m.mask.volume.at(int(i), int(j), int(kk)) = 1;
                }
            }
        }
        if (labelmap) {
            for (const int t : touched) ++out.masks[t].frameCount;
        } else {
            const int t = indexOf.value(frame.segmentNumber);
            if (allocate(t)) ++out.masks[t].frameCount;
        }
    }

    auto name = [&](int number) {
        return number == 0 ? QStringLiteral("labelmap frames") : quoted(seg.segment(number), number);
    };
    for (auto it = offGrid.cbegin(); it != offGrid.cend(); ++it) {
        QStringList list;
        for (int f : it.value()) list << QString::number(f);
        out.warnings << QStringLiteral("%1: (0020,9113) PlanePositionSequence: frame(s) %2 lie off the image's slices or "
                                       "have no position; not mapped").arg(name(it.key()), list.join(QStringLiteral(", ")));
    }
    for (auto it = outsidePixels.cbegin(); it != outsidePixels.cend(); ++it)
        out.warnings << QStringLiteral("%1: %2 pixels lie outside the image grid; not mapped").arg(name(it.key())).arg(it.value());
    for (const int t : overBudget)
        out.warnings << QStringLiteral("%1: not mapped: the masks of this SEG would exceed %2 voxels")
                            .arg(name(out.masks[t].segmentNumber)).arg(qlonglong(kMaxMaskVoxels));
    for (const SegSegmentMask &m : out.masks)
        if (m.mask.volume.isEmpty() && !overBudget.contains(int(&m - out.masks.data())))
            out.warnings << QStringLiteral("%1: no frame maps onto the image; empty mask").arg(name(m.segmentNumber));
    for (auto it = unknownSops.cbegin(); it != unknownSops.cend(); ++it)
        out.warnings << QStringLiteral("%1: (0008,1155) ReferencedSOPInstanceUID: %2 frame(s) reference images absent from "
                                       "the given series (first %3)").arg(name(it.key())).arg(it.value().size()).arg(it.value().front());
    return out;
}

}  // namespace twin::dicom
