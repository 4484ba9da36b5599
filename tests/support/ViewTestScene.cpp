#include "ViewTestScene.h"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkConeSource.h>
#include <vtkNew.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkSphereSource.h>

namespace twin::test {

ViewTestScene buildViewTestScene(vtkRenderer *renderer) {
    ViewTestScene scene;
    vtkNew<vtkSphereSource> sphereSource;
    sphereSource->SetCenter(-1.2, 0.0, 0.0);
    sphereSource->SetRadius(1.0);
    sphereSource->SetThetaResolution(48);
    sphereSource->SetPhiResolution(48);
    vtkNew<vtkPolyDataMapper> sphereMapper;
    sphereMapper->SetInputConnection(sphereSource->GetOutputPort());
    scene.sphere = vtkSmartPointer<vtkActor>::New();
    scene.sphere->SetMapper(sphereMapper);
    scene.sphere->GetProperty()->SetColor(0.85, 0.35, 0.3);

    vtkNew<vtkConeSource> coneSource;
    coneSource->SetCenter(1.3, 0.0, 0.0);
    coneSource->SetHeight(2.0);
    coneSource->SetRadius(0.9);
    coneSource->SetResolution(48);
    vtkNew<vtkPolyDataMapper> coneMapper;
    coneMapper->SetInputConnection(coneSource->GetOutputPort());
    scene.cone = vtkSmartPointer<vtkActor>::New();
    scene.cone->SetMapper(coneMapper);
    scene.cone->GetProperty()->SetColor(0.3, 0.6, 0.9);

    renderer->AddActor(scene.sphere);
    renderer->AddActor(scene.cone);
    renderer->SetBackground(0.1, 0.1, 0.15);
    vtkCamera *camera = renderer->GetActiveCamera();
    camera->SetFocalPoint(0.0, 0.0, 0.0);
    camera->SetPosition(0.0, 0.0, 9.0);
    camera->SetViewUp(0.0, 1.0, 0.0);
    camera->SetViewAngle(30.0);
    renderer->ResetCameraClippingRange();
    return scene;
}

}  // namespace twin::test
