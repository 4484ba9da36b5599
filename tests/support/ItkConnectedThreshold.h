#pragma once
// The ITK peer of imaging::RegionGrower, for its test and its benchmark: a ScalarVolume copied
// into an itk::Image<short, 3>, and itk::ConnectedThresholdImageFilter (face connected, output
// 1 inside) run on it. Header-only; the target links ${ITK_LIBRARIES} and ITKRegionGrowing.

#include "twin/core/ScalarVolume.h"

#include <itkConnectedThresholdImageFilter.h>
#include <itkImage.h>

#include <algorithm>
#include <array>
#include <vector>

namespace twin::test {

using ItkShortImage = itk::Image<short, 3>;

inline ItkShortImage::Pointer itkImageOf(const core::ScalarVolume &volume) {
    auto image = ItkShortImage::New();
    ItkShortImage::RegionType region;
    ItkShortImage::SizeType size;
    for (int a = 0; a < 3; ++a) size[a] = std::size_t(volume.dimension(a));
    region.SetSize(size);
    image->SetRegions(region);
    image->Allocate();
    std::copy(volume.voxels().begin(), volume.voxels().end(), image->GetBufferPointer());
    return image;
}

inline ItkShortImage::Pointer itkConnectedThreshold(const ItkShortImage::Pointer &image, const std::vector<std::array<int, 3>> &seeds,
                                                    short lower, short upper) {
    auto filter = itk::ConnectedThresholdImageFilter<ItkShortImage, ItkShortImage>::New();
    filter->SetInput(image);
    filter->SetLower(lower);
    filter->SetUpper(upper);
    filter->SetReplaceValue(1);
    for (const auto &s : seeds) {
        ItkShortImage::IndexType index;
        for (int a = 0; a < 3; ++a) index[a] = s[a];
        filter->AddSeed(index);
    }
    filter->Update();
    return filter->GetOutput();
}

}  // namespace twin::test
