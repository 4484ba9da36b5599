#pragma once
// RT dose in a slice view: a colourwash (blue through green and yellow to red from the lowest
// isodose level to the maximum, transparent below the lowest level), isodose lines where the
// isodose surfaces cross the slice (in the colour of their level, following the slice as it
// scrolls), and a legend bar in Gy. The dose grid keeps its own geometry: the reslice mapper
// samples it on the slice plane, so no resampling onto the CT is needed for display.

#include <vtkNew.h>
#include <vtkSmartPointer.h>

#include <vector>

class vtkActor;
class vtkCutter;
class vtkImageData;
class vtkImageResliceMapper;
class vtkImageSlice;
class vtkLookupTable;
class vtkPlane;
class vtkPolyData;
class vtkRenderer;
class vtkScalarBarActor;

namespace twin::visualization {

class DoseOverlay {
public:
    DoseOverlay();
    ~DoseOverlay();
    DoseOverlay(const DoseOverlay &) = delete;
    DoseOverlay &operator=(const DoseOverlay &) = delete;

    vtkImageSlice *slice() const;  ///< goes into the view's image stack (layer 2)
    /// Adds the isodose lines and the legend to `renderer`; the plane follows its camera.
    void attach(vtkRenderer *renderer);
    void detach();
    /// The dose (Gy) and its isodose surfaces ("Level" scalars); nullptr dose hides everything.
    void setDose(vtkImageData *doseGy, vtkPolyData *isodoseSurfaces, const std::vector<double> &levelsGy);
    void setVisible(bool visible);
    bool isVisible() const { return visible_; }
    void setOpacity(double opacity);
    /// The shared colour scale (legend, colourwash, lines and 3D surfaces use it).
    vtkLookupTable *colours() const;
    /// Called before each render: puts the cutting plane on the current slice.
    void followCamera();
    /// Number of isodose line segments on the current slice (tests).
    long long lineCount();

private:
    vtkNew<vtkImageResliceMapper> mapper_;
    vtkNew<vtkImageSlice> slice_;
    vtkNew<vtkLookupTable> table_;
    vtkNew<vtkPlane> plane_;
    vtkNew<vtkCutter> cutter_;
    vtkNew<vtkActor> lines_;
    vtkNew<vtkScalarBarActor> legend_;
    vtkRenderer *renderer_ = nullptr;
    unsigned long observer_ = 0;
    bool hasDose_ = false;
    bool visible_ = true;
};

}  // namespace twin::visualization
