#pragma once
// A labelmap drawn over a slice view: each label value filled with its segment's colour at a
// common opacity (0.5 by default), background transparent, hidden segments transparent, no
// interpolation between labels. Layered above the image in the slice view's vtkImageStack,
// sliced by the same camera-facing plane. The labelmap may share memory with the
// segmentation (labelsModified() after an edit redraws without a copy).

#include <vtkNew.h>
#include <vtkSmartPointer.h>

#include <array>
#include <vector>

class vtkImageData;
class vtkImageResliceMapper;
class vtkImageSlice;
class vtkLookupTable;

namespace twin::visualization {

struct LabelColour {
    int value = 0;
    std::array<double, 3> rgb{1, 1, 1};  ///< 0..1
    bool visible = true;
    double opacity = 1.0;  ///< the segment's own (a body outline faint), times the overlay's
};

class LabelOverlay {
public:
    LabelOverlay();
    ~LabelOverlay();
    LabelOverlay(const LabelOverlay &) = delete;
    LabelOverlay &operator=(const LabelOverlay &) = delete;

    vtkImageSlice *slice() const;
    /// nullptr removes the labels (the overlay then draws nothing).
    void setLabels(vtkImageData *labels);
    bool hasLabels() const { return labels_ != nullptr; }
    void setColours(const std::vector<LabelColour> &colours);
    void setOpacity(double opacity);
    double opacity() const;
    /// The labels changed in place: redraw them.
    void labelsModified();
    /// RGBA the overlay gives `value` (tests).
    std::array<double, 4> colourOf(int value) const;
    /// Position in the slice view's image stack (1 by default; a preview goes above).
    void setLayer(int layer);

private:
    vtkSmartPointer<vtkImageData> labels_;
    vtkNew<vtkImageResliceMapper> mapper_;
    vtkNew<vtkImageSlice> slice_;
    vtkNew<vtkLookupTable> table_;
};

}  // namespace twin::visualization
