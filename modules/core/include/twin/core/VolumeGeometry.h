#pragma once
// Where a voxel grid sits in the patient: DICOM LPS coordinates in millimetres.
// index (i, j, k) -> origin + i*spacing[0]*rowDir + j*spacing[1]*colDir + k*spacing[2]*sliceDir.

#include <array>
#include <cstddef>
#include <cstdint>

namespace twin::core {

struct VolumeGeometry {
    std::array<int, 3> dimensions{0, 0, 0};              // columns, rows, slices
    std::array<double, 3> spacingMm{1.0, 1.0, 1.0};      // column, row, slice spacing
    std::array<double, 3> originMm{0.0, 0.0, 0.0};       // centre of voxel (0,0,0), LPS
    std::array<double, 3> rowDirection{1.0, 0.0, 0.0};   // along increasing column index
    std::array<double, 3> columnDirection{0.0, 1.0, 0.0};// along increasing row index
    std::array<double, 3> sliceDirection{0.0, 0.0, 1.0}; // along increasing slice index

    std::size_t voxelCount() const {
        return static_cast<std::size_t>(dimensions[0]) * static_cast<std::size_t>(dimensions[1]) *
               static_cast<std::size_t>(dimensions[2]);
    }
    /// Patient (LPS, mm) position of the centre of voxel (i, j, k).
    std::array<double, 3> indexToPatient(double i, double j, double k) const {
        std::array<double, 3> p{};
        for (int a = 0; a < 3; ++a) {
            p[a] = originMm[a] + i * spacingMm[0] * rowDirection[a] +
                   j * spacingMm[1] * columnDirection[a] + k * spacingMm[2] * sliceDirection[a];
        }
        return p;
    }
    double voxelVolumeMm3() const { return spacingMm[0] * spacingMm[1] * spacingMm[2]; }
};

}  // namespace twin::core
