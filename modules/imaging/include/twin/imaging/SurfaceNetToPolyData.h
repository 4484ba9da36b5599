#pragma once
// SurfaceNetMesh (voxel index coordinates, quads) -> vtkPolyData in patient coordinates:
// points mapped by origin + direction · (spacing ⊙ index), each quad split along its shorter
// diagonal (the better-shaped pair of triangles), area-weighted point normals ("Normals")
// pointing out of the label. A direction matrix with negative determinant mirrors space, so
// the triangles are then wound the other way to keep the normals outward.

#include "twin/imaging/SurfaceNets.h"

#include <vtkSmartPointer.h>

#include <array>

class vtkImageData;
class vtkPolyData;

namespace twin::imaging {

struct IndexToPatient {
    std::array<double, 3> origin{0, 0, 0};
    std::array<std::array<double, 3>, 3> matrix{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};  ///< direction · diag(spacing)
    bool mirrored = false;

    static IndexToPatient of(vtkImageData *image);
    std::array<double, 3> map(const std::array<float, 3> &index) const {
        std::array<double, 3> p = origin;
        for (int r = 0; r < 3; ++r)
            for (int c = 0; c < 3; ++c) p[r] += matrix[r][c] * index[c];
        return p;
    }
};

vtkSmartPointer<vtkPolyData> toPolyData(const SurfaceNetMesh &mesh, const IndexToPatient &toPatient);

}  // namespace twin::imaging
