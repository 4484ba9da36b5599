#include "twin/dicom/SeriesLoadable.h"

#include <cmath>

namespace twin::dicom {

core::VolumeGeometry SeriesLoadable::acquiredGeometry() const {
    core::VolumeGeometry geometry;
    if (volumes.empty() || volumes.front().empty()) return geometry;
    const std::vector<int> &stack = volumes.front();
    const SeriesFrame &first = frames[stack.front()];
    const SeriesFrame &last = frames[stack.back()];
    const int slices = static_cast<int>(stack.size());
    geometry.dimensions = {first.columns, first.rows, slices};
    geometry.spacingMm = {first.pixelSpacingMm[1], first.pixelSpacingMm[0],
                          first.sliceThicknessMm > 0 ? first.sliceThicknessMm : 1.0};
    geometry.originMm = first.hasPosition ? first.imagePositionMm : std::array<double, 3>{0, 0, 0};
    for (int a = 0; a < 3; ++a) {
        geometry.rowDirection[a] = first.imageOrientation[a];
        geometry.columnDirection[a] = first.imageOrientation[a + 3];
    }
    geometry.sliceDirection = first.normal();
    std::array<double, 3> span{};
    for (int a = 0; a < 3; ++a) span[a] = last.imagePositionMm[a] - first.imagePositionMm[a];
    const double length = std::sqrt(span[0] * span[0] + span[1] * span[1] + span[2] * span[2]);
    if (first.hasPosition && slices > 1 && length > 1e-6) {
        for (int a = 0; a < 3; ++a) geometry.sliceDirection[a] = span[a] / length;
        geometry.spacingMm[2] = length / double(slices - 1);
    }
    return geometry;
}

QStringList SeriesLoadable::transferSyntaxes() const {
    QStringList syntaxes;
    for (const SeriesFrame &frame : frames) {
        if (!frame.transferSyntaxUid.isEmpty() && !syntaxes.contains(frame.transferSyntaxUid)) syntaxes << frame.transferSyntaxUid;
    }
    return syntaxes;
}

}  // namespace twin::dicom
