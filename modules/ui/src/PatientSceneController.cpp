#include "twin/ui/PatientSceneController.h"

#include "twin/ui/ViewGrid.h"
#include "twin/ui/VtkOpenGLView.h"
#include "twin/imaging/ScalarVolumeToVtk.h"
#include "twin/visualization/SliceInteractorStyle.h"
#include "twin/visualization/SliceViewScene.h"
#include "twin/visualization/VolumeOverviewScene.h"

#include <vtkActor.h>
#include <vtkBoxRepresentation.h>
#include <vtkBoxWidget2.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkCallbackCommand.h>
#include <vtkPlaneCollection.h>
#include <vtkPlanes.h>
#include <vtkProperty.h>
#include <vtkImageData.h>
#include <vtkLookupTable.h>
#include <vtkPolyData.h>
#include <vtkRenderer.h>

#include <algorithm>
#include <vector>

namespace twin::ui {

using visualization::SliceOrientation;

PatientSceneController::PatientSceneController(ViewGrid *grid, QObject *parent) : QObject(parent), grid_(grid) {
    const std::array<SliceOrientation, 3> orientations{SliceOrientation::Axial, SliceOrientation::Coronal,
                                                       SliceOrientation::Sagittal};
    for (int i = 0; i < 3; ++i) {
        VtkOpenGLView *view = grid_->view(static_cast<ViewGrid::ViewId>(i));
        slices_[i] = std::make_unique<visualization::SliceViewScene>(view->renderer(), orientations[i]);
        styles_[i] = vtkSmartPointer<visualization::SliceInteractorStyle>::New();
        styles_[i]->setScene(slices_[i].get());
        styles_[i]->setWindowLevelHandler([this](visualization::WindowLevel window) { setWindowLevel(window); });
        styles_[i]->setCursorHandler([this](const std::array<double, 3> &point) { setCursor(point); });
        view->setInteractorStyle(styles_[i]);
        view->renderer()->SetBackground(0.0, 0.0, 0.0);
    }
    overview_ = std::make_unique<visualization::VolumeOverviewScene>(grid_->view(ViewGrid::ThreeD)->renderer());
    connect(grid_->view(ViewGrid::ThreeD), &VtkOpenGLView::propPicked, this, [this](vtkProp *prop) {
        const int key = overview_->keyOf(vtkActor::SafeDownCast(prop));
        if (key >= 0) emit surfacePicked(key);
    });
}

PatientSceneController::~PatientSceneController() {
    for (auto &style : styles_) {
        style->setScene(nullptr);
        style->setWindowLevelHandler({});
        style->setCursorHandler({});
    }
}

void PatientSceneController::setWindowLevel(visualization::WindowLevel window) {
    window_ = window;
    for (auto &slice : slices_) slice->setWindowLevel(window);
    renderSliceViews();
}

void PatientSceneController::setCursor(const std::array<double, 3> &point) {
    if (!image_) return;
    cursor_ = point;
    for (auto &slice : slices_) slice->setCursor(point);
    renderSliceViews();
    emit cursorChanged();
}

void PatientSceneController::setPatientAnnotation(const QString &text) {
    patientText_ = text;
    applyPatientAnnotation();
}

void PatientSceneController::setPatientAnnotationVisible(bool visible) {
    patientTextVisible_ = visible;
    applyPatientAnnotation();
}

void PatientSceneController::applyPatientAnnotation() {
    for (auto &slice : slices_) slice->setPatientText(patientTextVisible_ ? patientText_ : QString());
    renderSliceViews();
}

void PatientSceneController::renderSliceViews() {
    // update() per view: several requests in one event still make one frame each.
    for (int i = 0; i < 3; ++i) grid_->view(static_cast<ViewGrid::ViewId>(i))->requestRender();
}

void PatientSceneController::showVolume(const core::ScalarVolume &volume) {
    image_ = imaging::toVtkImage(volume);
    cursor_.reset();
    window_ = visualization::kSoftTissueWindow;
    for (auto &slice : slices_) {
        slice->setImage(image_);
        slice->setValueMapping({volume.valueScale(), volume.valueOffset(), valueUnit_});
        slice->setWindowLevel(window_);
    }
    overview_->setImage(image_);
    grid_->renderAll();
}

void PatientSceneController::showVolume(const core::ScalarVolume &volume, visualization::WindowLevel window) {
    image_ = imaging::toVtkImage(volume);
    cursor_.reset();
    window_ = window;
    for (auto &slice : slices_) {
        slice->setImage(image_);
        slice->setValueMapping({volume.valueScale(), volume.valueOffset(), valueUnit_});
        slice->setWindowLevel(window);
    }
    overview_->clearSurfaces();
    overview_->setIsodoseSurfaces(nullptr, nullptr);
    dose_ = nullptr;
    isodose_ = nullptr;
    overview_->setImage(image_, window);
    grid_->renderAll();
}

visualization::WindowLevel PatientSceneController::windowFor(const core::ScalarVolume &volume, const QString &modality) {
    if (modality == QStringLiteral("CT") || volume.isEmpty()) return visualization::kSoftTissueWindow;
    // Percentiles from a histogram of the int16 stored values (one pass, no sort).
    std::vector<std::size_t> histogram(65536, 0);
    for (const std::int16_t value : volume.voxels()) ++histogram[static_cast<std::size_t>(value + 32768)];
    const std::size_t total = volume.voxels().size();
    const auto percentile = [&](double fraction) {
        const std::size_t target = static_cast<std::size_t>(fraction * static_cast<double>(total));
        std::size_t seen = 0;
        for (std::size_t bin = 0; bin < histogram.size(); ++bin) {
            seen += histogram[bin];
            if (seen > target) return static_cast<double>(bin) - 32768.0;
        }
        return 32767.0;
    };
    const double low = percentile(0.01);
    const double high = percentile(0.99);
    return {std::max(1.0, high - low), (high + low) / 2.0};
}

void PatientSceneController::addSurface(vtkPolyData *surface, std::array<double, 3> rgb, double opacity,
                                        const QString &name) {
    overview_->setPlanesVisible(false);  // the planes would hide half of every organ
    overview_->addSurface(surface, rgb, opacity, name);
    grid_->view(ViewGrid::ThreeD)->requestRender();
}

void PatientSceneController::setPaintHandler(const PaintHandler &handler) {
    for (int i = 0; i < 3; ++i) {
        if (!handler) {
            styles_[i]->setPaintHandler({});
            continue;
        }
        styles_[i]->setPaintHandler([handler, i](const std::array<double, 3> &point, visualization::SliceInteractorStyle::StrokePhase phase) {
            handler(i, point, phase);
        });
    }
}

void PatientSceneController::setDose(vtkImageData *doseGy, vtkPolyData *isodoseSurfaces, const std::vector<double> &levelsGy) {
    dose_ = doseGy;
    isodose_ = isodoseSurfaces;
    for (auto &slice : slices_) slice->doseOverlay().setDose(doseGy, isodoseSurfaces, levelsGy);
    setIsodoseSurfacesVisible(isodoseIn3d_);
}

void PatientSceneController::setDoseVisible(bool visible) {
    for (auto &slice : slices_) slice->doseOverlay().setVisible(visible);
    requestRender();
}

void PatientSceneController::setIsodoseSurfacesVisible(bool visible) {
    isodoseIn3d_ = visible;
    overview_->setIsodoseSurfaces(visible && dose_ ? isodose_.GetPointer() : nullptr, slices_[0]->doseOverlay().colours());
    requestRender();
}

void PatientSceneController::setClipBoxEnabled(bool enabled) {
    clipBoxEnabled_ = enabled && image_;
    if (clipBoxEnabled_ && !clipBox_) {
        clipBox_ = vtkSmartPointer<vtkBoxWidget2>::New();
        clipBox_->SetInteractor(grid_->view(ViewGrid::ThreeD)->interactor());
        vtkNew<vtkBoxRepresentation> representation;
        representation->SetPlaceFactor(1.0);
        representation->GetOutlineProperty()->SetColor(1.0, 0.8, 0.2);
        clipBox_->SetRepresentation(representation);
        clipBox_->RotationEnabledOff();  // an axis-aligned box is what users expect to clip with
        vtkNew<vtkCallbackCommand> moved;
        moved->SetClientData(this);
        moved->SetCallback([](vtkObject *, unsigned long, void *self, void *) { static_cast<PatientSceneController *>(self)->applyClipBox(); });
        clipBox_->AddObserver(vtkCommand::InteractionEvent, moved);
    }
    if (clipBox_) {
        if (clipBoxEnabled_) {
            clipBox_->GetRepresentation()->PlaceWidget(image_->GetBounds());
            clipBox_->On();
        } else {
            clipBox_->Off();
        }
    }
    applyClipBox();
}

void PatientSceneController::setClipBounds(const std::array<double, 6> &bounds) {
    setClipBoxEnabled(true);
    if (!clipBox_) return;
    double placed[6];
    std::copy(bounds.begin(), bounds.end(), placed);
    clipBox_->GetRepresentation()->PlaceWidget(placed);
    applyClipBox();
}

void PatientSceneController::applyClipBox() {
    if (!clipBoxEnabled_ || !clipBox_) {
        overview_->setClippingPlanes(nullptr);
    } else {
        vtkNew<vtkPlanes> planes;
        static_cast<vtkBoxRepresentation *>(clipBox_->GetRepresentation())->GetPlanes(planes);
        vtkNew<vtkPlaneCollection> collection;
        for (int i = 0; i < planes->GetNumberOfPlanes(); ++i) collection->AddItem(planes->GetPlane(i));
        overview_->setClippingPlanes(collection);
    }
    grid_->view(ViewGrid::ThreeD)->requestRender();
}

void PatientSceneController::requestRender() {
    renderSliceViews();
    grid_->view(ViewGrid::ThreeD)->requestRender();
}

visualization::SliceViewScene *PatientSceneController::sliceScene(int viewId) const {
    return (viewId >= 0 && viewId < 3) ? slices_[viewId].get() : nullptr;
}

}  // namespace twin::ui
