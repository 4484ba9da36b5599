#include "twin/visualization/SliceOrientation.h"

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

}  // namespace twin::visualization
