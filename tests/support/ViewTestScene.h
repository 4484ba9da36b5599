#pragma once
// A fixed scene for view tests: a sphere left of centre and a cone right of it, a fixed
// camera and background. Deterministic so its rendering can be compared with a baseline.

#include <vtkSmartPointer.h>

class vtkActor;
class vtkRenderer;

namespace twin::test {

struct ViewTestScene {
    vtkSmartPointer<vtkActor> sphere;
    vtkSmartPointer<vtkActor> cone;
};

ViewTestScene buildViewTestScene(vtkRenderer *renderer);

}  // namespace twin::test
