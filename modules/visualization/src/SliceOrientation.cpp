#include "twin/visualization/SliceOrientation.h"

#include <cmath>

namespace twin::visualization {

SliceCameraFrame cameraFrameFor(SliceOrientation orientation) {
    switch (orientation) {
    case SliceOrientation::Axial:  // from the feet, anterior up
        return {{0.0, 0.0, 1.0}, {0.0, -1.0, 0.0}};
    case SliceOrientation::Coronal:  // from the front, superior up
        return {{0.0, 1.0, 0.0}, {0.0, 0.0, 1.0}};
    case SliceOrientation::Sagittal:  // from the patient's left, superior up, anterior left
        return {{-1.0, 0.0, 0.0}, {0.0, 0.0, 1.0}};
    }
    return {{0.0, 0.0, 1.0}, {0.0, -1.0, 0.0}};
}

int normalAxis(SliceOrientation orientation) {
    switch (orientation) {
    case SliceOrientation::Axial: return 2;
    case SliceOrientation::Coronal: return 1;
    case SliceOrientation::Sagittal: return 0;
    }
    return 2;
}

QString displayName(SliceOrientation orientation) {
    switch (orientation) {
    case SliceOrientation::Axial: return QStringLiteral("Axial");
    case SliceOrientation::Coronal: return QStringLiteral("Coronal");
    case SliceOrientation::Sagittal: return QStringLiteral("Sagittal");
    }
    return {};
}

namespace {

// The LPS letter a direction points to (its largest component decides).
QString directionLetter(const std::array<double, 3> &direction) {
    int axis = 0;
    for (int i = 1; i < 3; ++i) {
        if (std::abs(direction[i]) > std::abs(direction[axis])) axis = i;
    }
    static const char *const positive[3] = {"L", "P", "S"};
    static const char *const negative[3] = {"R", "A", "I"};
    return QString::fromLatin1(direction[axis] >= 0 ? positive[axis] : negative[axis]);
}

}  // namespace

EdgeLabels edgeLabelsFor(SliceOrientation orientation) {
    const SliceCameraFrame frame = cameraFrameFor(orientation);
    const std::array<double, 3> &d = frame.viewDirection;
    const std::array<double, 3> &up = frame.viewUp;
    // Screen right = direction of projection x view up (VTK's camera convention).
    const std::array<double, 3> right{d[1] * up[2] - d[2] * up[1], d[2] * up[0] - d[0] * up[2], d[0] * up[1] - d[1] * up[0]};
    const auto negate = [](const std::array<double, 3> &v) { return std::array<double, 3>{-v[0], -v[1], -v[2]}; };
    return {directionLetter(negate(right)), directionLetter(right), directionLetter(up), directionLetter(negate(up))};
}

}  // namespace twin::visualization
