#pragma once
// The three standard slice orientations and how a camera looks at each, in LPS patient space,
// radiological convention (patient's right on the screen's left).

#include <QString>

#include <array>

namespace twin::visualization {

enum class SliceOrientation { Axial, Coronal, Sagittal };

struct SliceCameraFrame {
    std::array<double, 3> viewDirection;  // from camera towards the focal point
    std::array<double, 3> viewUp;
};

SliceCameraFrame cameraFrameFor(SliceOrientation orientation);
/// Index of the patient axis normal to the slice (0 = x/L, 1 = y/P, 2 = z/S).
int normalAxis(SliceOrientation orientation);
QString displayName(SliceOrientation orientation);

/// The patient directions at the view's edges, derived from cameraFrameFor(): one of
/// R/L, A/P, S/I each (axial: R left, L right, A top, P bottom).
struct EdgeLabels {
    QString left;
    QString right;
    QString top;
    QString bottom;
};
EdgeLabels edgeLabelsFor(SliceOrientation orientation);

}  // namespace twin::visualization
