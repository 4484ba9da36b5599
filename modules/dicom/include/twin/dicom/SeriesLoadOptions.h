#pragma once
// Choices the user makes when loading a series volume.

namespace twin::dicom {

struct SeriesLoadOptions {
    /// When slices are missing or unevenly spaced, resample along the slice axis (linear
    /// interpolation between the two nearest acquired slices) onto a uniform grid whose spacing
    /// is the most common slice distance. Off: the acquired slices are stacked as they are and
    /// the slice spacing is the mean distance (the findings say where the gaps are).
    bool resampleToUniformSpacing = false;
    /// Upper bound on the voxels of one 3D volume (memory guard against bogus headers).
    long long maxVoxels = 1LL << 30;
};

}  // namespace twin::dicom
